// The printer writes canonical text, and print → parse gives back an equal AST (checked on random trees).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  ComparisonExpression,
  ComparisonOperator,
  FloatLiteral,
  IntLiteral,
  KeyStep,
  Literal,
  ObjectPath,
  ObservationExpression,
  PathStep,
  Pattern,
  Qualifier,
  SetLiteral,
  Span,
} from './ast.js';
import { parsePattern } from './parser.js';
import { formatFloat, printPattern } from './printer.js';

const span: Span = { offset: 0, length: 0 };

/** Deep copy without `span`, so trees compare regardless of where they came from. */
function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'span')
      .map(([k, v]) => [k, withoutSpans(v)]),
  );
}

function reprint(text: string): string {
  const { ast, diagnostics } = parsePattern(text);
  expect(diagnostics).toEqual([]);
  if (!ast) throw new Error('no AST');
  return printPattern(ast);
}

describe('printPattern', () => {
  it.each([
    ['[a:b=1]AND[c:d==2]', '[a:b = 1] AND [c:d = 2]'],
    ["[ a:b <> 'x' ]  or [c:d = 1]".replace('or', 'OR'), "[a:b != 'x'] OR [c:d = 1]"],
    ["[a:b = 'it\\'s \\\\ here']", "[a:b = 'it\\'s \\\\ here']"],
    [
      "[file:hashes.'SHA-256' = 'x' AND file:'name' = 'y' AND file:x.'AND' = 1]",
      "[file:hashes.'SHA-256' = 'x' AND file:name = 'y' AND file:x.'AND' = 1]",
    ],
    ['[a:b[*].c[+3][-1] = +5]', '[a:b[*].c[3][-1] = 5]'],
    ['[a:b IN ( )] AND [a:b NOT IN (1,2)]', '[a:b IN ()] AND [a:b NOT IN (1, 2)]'],
    ['[a:b = .5 OR a:b = -1.50]', '[a:b = 0.5 OR a:b = -1.5]'],
    ['[(a:b = 1 OR a:b = 2) AND NOT EXISTS a:c]', '[(a:b = 1 OR a:b = 2) AND NOT EXISTS a:c]'],
    [
      '([a:b = 1] AND [a:b = 2]) FOLLOWEDBY ([a:b = 3] FOLLOWEDBY [a:b = 4])',
      '[a:b = 1] AND [a:b = 2] FOLLOWEDBY ([a:b = 3] FOLLOWEDBY [a:b = 4])',
    ],
    [
      '(([a:b = 1])) within 5 seconds'.replace('within 5 seconds', 'WITHIN 5 SECONDS'),
      '[a:b = 1] WITHIN 5 SECONDS',
    ],
    ['([a:b = 1] REPEATS 2 TIMES) WITHIN 5.0 SECONDS', '([a:b = 1] REPEATS 2 TIMES) WITHIN 5.0 SECONDS'],
    [
      "[a:b = b'YWJj' AND a:c = h'0F' AND a:d = t'2020-01-01T00:00:00.5Z' AND a:e = true]",
      "[a:b = b'YWJj' AND a:c = h'0F' AND a:d = t'2020-01-01T00:00:00.5Z' AND a:e = true]",
    ],
  ])('%s → %s', (text, canonical) => {
    expect(reprint(text)).toBe(canonical);
    expect(reprint(canonical)).toBe(canonical);
  });

  it('writes floats without exponents, exactly', () => {
    expect(formatFloat(1e21)).toBe('1000000000000000000000.0');
    expect(formatFloat(1.5e-7)).toBe('0.00000015');
    expect(formatFloat(-0)).toBe('-0.0');
    expect(formatFloat(2)).toBe('2.0');
    for (const v of [Number.MIN_VALUE, Number.MAX_VALUE, 0.1, -123.456])
      expect(Number(formatFloat(v))).toBe(v);
  });
});

// ---- Arbitrary ASTs ----

const keyName = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/),
  fc.constantFrom('AND', 'EXISTS', 'true', 'SHA-256', 'a b', "it's", 'back\\slash', ''),
  fc.string({ maxLength: 6 }),
);
const objectType = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,10}$/).filter((t) => t !== 'true' && t !== 'false');
const keyStep: fc.Arbitrary<KeyStep> = keyName.map((name) => ({ kind: 'key', name, span }));
const indexStep: fc.Arbitrary<PathStep> = fc
  .oneof(fc.bigInt({ min: -100n, max: 100n }), fc.constant<'*'>('*'))
  .map((index) => ({ kind: 'index', index, span }));
const objectPath: fc.Arbitrary<ObjectPath> = fc
  .tuple(objectType, keyStep, fc.array(fc.oneof(keyStep, indexStep), { maxLength: 3 }))
  .map(([type, first, rest]) => ({ kind: 'path', objectType: type, steps: [first, ...rest], span }));

const stringValue = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: fc.constantFrom("'", '\\', 'a', ' ') }),
);
const intLit = fc.bigInt().map((value): IntLiteral => ({ kind: 'int', value, span }));
const floatLit = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .map((value): FloatLiteral => ({ kind: 'float', value, span }));
const stringLit = stringValue.map((value): Literal => ({ kind: 'string', value, span }));
const timestampText = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const orderable = fc.oneof(
  intLit,
  floatLit,
  stringLit,
  fc
    .uint8Array({ minLength: 1, maxLength: 9 })
    .map((b): Literal => ({ kind: 'binary', value: Buffer.from(b).toString('base64'), span })),
  fc.stringMatching(/^([0-9a-fA-F]{2}){0,4}$/).map((value): Literal => ({ kind: 'hex', value, span })),
  timestampText.map((value): Literal => ({ kind: 'timestamp', value, span })),
);
const literal = fc.oneof(
  orderable,
  fc.boolean().map((value): Literal => ({ kind: 'bool', value, span })),
);
const setLit = fc
  .array(literal, { maxLength: 3 })
  .map((elements): SetLiteral => ({ kind: 'set', elements, span }));

const leaf: fc.Arbitrary<ComparisonExpression> = fc.oneof(
  fc.tuple(objectPath, fc.boolean(), fc.constantFrom<ComparisonOperator>('=', '!='), literal).map(
    ([path, negated, operator, value]): ComparisonExpression => ({
      kind: 'comparison',
      path,
      negated,
      operator,
      value,
      span,
    }),
  ),
  fc
    .tuple(objectPath, fc.boolean(), fc.constantFrom<ComparisonOperator>('<', '<=', '>', '>='), orderable)
    .map(
      ([path, negated, operator, value]): ComparisonExpression => ({
        kind: 'comparison',
        path,
        negated,
        operator,
        value,
        span,
      }),
    ),
  fc.tuple(objectPath, fc.boolean(), setLit).map(
    ([path, negated, value]): ComparisonExpression => ({
      kind: 'comparison',
      path,
      negated,
      operator: 'IN',
      value,
      span,
    }),
  ),
  fc
    .tuple(
      objectPath,
      fc.boolean(),
      fc.constantFrom<ComparisonOperator>('LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'),
      stringLit,
    )
    .map(
      ([path, negated, operator, value]): ComparisonExpression => ({
        kind: 'comparison',
        path,
        negated,
        operator,
        value,
        span,
      }),
    ),
  fc
    .tuple(objectPath, fc.boolean())
    .map(([path, negated]): ComparisonExpression => ({ kind: 'exists', path, negated, span })),
);

const { comparison } = fc.letrec<{ comparison: ComparisonExpression }>((tie) => ({
  comparison: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom<'AND' | 'OR'>('AND', 'OR'), tie('comparison'), tie('comparison')).map(
      ([operator, left, right]): ComparisonExpression => ({
        kind: 'comparisonBinary',
        operator,
        left,
        right,
        span,
      }),
    ),
  ),
}));

const qualifier: fc.Arbitrary<Qualifier> = fc.oneof(
  fc.oneof(intLit, floatLit).map((seconds): Qualifier => ({ kind: 'within', seconds, span })),
  fc.bigInt().map((value): Qualifier => ({ kind: 'repeats', times: { kind: 'int', value, span }, span })),
  fc.tuple(timestampText, timestampText).map(
    ([a, b]): Qualifier => ({
      kind: 'startStop',
      start: { kind: 'timestamp', value: a, span },
      stop: { kind: 'timestamp', value: b, span },
      span,
    }),
  ),
);

const { observation } = fc.letrec<{ observation: ObservationExpression }>((tie) => ({
  observation: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison.map((c): ObservationExpression => ({ kind: 'observation', comparison: c, span })),
    fc
      .tuple(
        fc.constantFrom<'AND' | 'OR' | 'FOLLOWEDBY'>('AND', 'OR', 'FOLLOWEDBY'),
        tie('observation'),
        tie('observation'),
      )
      .map(
        ([operator, left, right]): ObservationExpression => ({
          kind: 'observationBinary',
          operator,
          left,
          right,
          span,
        }),
      ),
    fc.tuple(tie('observation'), qualifier, fc.array(qualifier, { maxLength: 2 })).map(
      ([expression, first, rest]): ObservationExpression => ({
        kind: 'qualified',
        expression,
        qualifiers: [first, ...rest],
        span,
      }),
    ),
  ),
}));

const pattern: fc.Arbitrary<Pattern> = observation.map((expression) => ({
  kind: 'pattern',
  expression,
  span,
}));

describe('round trip', () => {
  it('print → parse gives an equal AST for arbitrary trees', () => {
    fc.assert(
      fc.property(pattern, (ast) => {
        const text = printPattern(ast);
        const parsed = parsePattern(text);
        expect(parsed.diagnostics).toEqual([]);
        expect(withoutSpans(parsed.ast)).toEqual(withoutSpans(ast));
        if (parsed.ast) expect(printPattern(parsed.ast)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
