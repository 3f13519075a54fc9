// Property tests: on a present property NOT flips every operator and `NOT =` equals `!=`; on a missing one
// both forms are false.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePattern } from '../parser.js';
import { compileComparison } from './evaluate.js';
import { type ObservationView, observationFromEmbedded } from './observation.js';

const text = fc.string({ unit: fc.constantFrom('a', 'b', 'e', '\u0301', 'é', '1', '.', '/'), maxLength: 6 });

/** Property values of every JSON type a comparison meets, including ones that look like other types. */
const propertyValue = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -5, max: 5 }),
  text,
  fc.boolean(),
  fc.constantFrom('10.0.0.1', '10.0.0.0/8', '::1', '2026-01-01T00:00:01Z', '0a', 'Cg==', 'ZZ'),
  fc.constant(['a', 'b']),
  fc.constant({ a: 1 }),
);

const literal = fc.oneof(
  fc.integer({ min: -5, max: 5 }).map(String),
  fc.integer({ min: -5, max: 5 }).map((n) => `${n}.5`),
  text.map((s) => `'${s}'`),
  fc.boolean().map(String),
  fc.constantFrom("h'0a'", "b'Cg=='", "t'2026-01-01T00:00:01Z'", "t'2026-01-01T00:00:00Z'"),
);

const comparisonRight = fc.oneof(
  fc.tuple(fc.constantFrom('=', '!=', '<', '<=', '>', '>='), literal).map(([op, lit]) => `${op} ${lit}`),
  fc.array(literal, { maxLength: 3 }).map((lits) => `IN (${lits.join(', ')})`),
  fc.string({ unit: fc.constantFrom('a', 'b', 'é', '%', '_'), maxLength: 5 }).map((s) => `LIKE '${s}'`),
  fc
    .string({ unit: fc.constantFrom('a', 'b', '.', '*', '^', '$'), maxLength: 5 })
    .map((s) => `MATCHES '${s}'`),
  fc
    .tuple(fc.constantFrom('ISSUBSET', 'ISSUPERSET'), fc.constantFrom('10.0.0.0/8', '10.0.0.1', '::/0', 'x'))
    .map(([op, cidr]) => `${op} '${cidr}'`),
);

const name = fc.constantFrom('v', 'v_hex', 'v_bin');

function compile(pattern: string): ((view: ObservationView) => boolean) | undefined {
  const { ast, diagnostics } = parsePattern(pattern, { stixVersion: '2.1' });
  // Combinations the grammar refuses (booleans with `<`, a `^*` regex …) are not the evaluator's concern.
  if (!ast || diagnostics.length > 0 || ast.expression.kind !== 'observation') return undefined;
  return compileComparison(ast.expression.comparison);
}

function observation(property: string, value: unknown): ObservationView {
  return observationFromEmbedded({ objects: { '0': { type: 'x-test', [property]: value } } });
}

describe('NOT on present and missing properties', () => {
  it('NOT flips every operator on a present property', () => {
    fc.assert(
      fc.property(name, propertyValue, comparisonRight, (property, value, right) => {
        const positive = compile(`[x-test:${property} ${right}]`);
        const negative = compile(`[x-test:${property} NOT ${right}]`);
        fc.pre(positive !== undefined && negative !== undefined);
        const view = observation(property, value);
        expect(negative?.(view)).toBe(!positive?.(view));
      }),
      { numRuns: 2000 },
    );
  });

  it('NOT (a = v) equals a != v whenever the property exists', () => {
    fc.assert(
      fc.property(name, propertyValue, literal, (property, value, lit) => {
        const notEqual = compile(`[x-test:${property} NOT = ${lit}]`);
        const different = compile(`[x-test:${property} != ${lit}]`);
        fc.pre(notEqual !== undefined && different !== undefined);
        const view = observation(property, value);
        expect(notEqual?.(view)).toBe(different?.(view));
      }),
      { numRuns: 1000 },
    );
  });

  it('makes both the operator and its NOT false on a missing property', () => {
    fc.assert(
      fc.property(comparisonRight, (right) => {
        const positive = compile(`[x-test:v ${right}]`);
        const negative = compile(`[x-test:v NOT ${right}]`);
        fc.pre(positive !== undefined && negative !== undefined);
        const view = observation('other', 1);
        expect(positive?.(view)).toBe(false);
        expect(negative?.(view)).toBe(false);
      }),
    );
  });
});
