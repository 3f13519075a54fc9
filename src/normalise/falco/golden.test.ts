// Pins the normalised form of every Falco fixture (test/golden/normalised/falco), and checks that no
// input — arbitrary JSON, arbitrary values, or real samples with fields changed — makes decode or
// normalise throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureNames, fixtureObject, fixtureRecords } from '../../sources/falco/fixtures.test-support.js';
import { falcoDecoder } from '../../sources/falco/index.js';
import { LineageTracker } from '../lineage.js';
import type { Normalised } from '../types.js';
import { normaliseFalco } from './index.js';

function run(value: unknown, text: string): Normalised[] {
  const context = { lineage: new LineageTracker() };
  return falcoDecoder
    .decode(value)
    .map((decoded) => (decoded.ok ? normaliseFalco(decoded.event, decoded.raw ?? text, context) : decoded));
}

/** The golden form: the raw record is the fixture itself, so it is left out. */
function golden(name: string) {
  return fixtureRecords(name).flatMap(({ value, text }) =>
    run(value, text).map((result) => (result.ok ? { ...result.event, raw: undefined } : result)),
  );
}

describe('falco golden files', () => {
  it.each(fixtureNames())('%s', async (name) => {
    const results = golden(name);
    expect(results.every((result) => !('rejection' in result))).toBe(true);
    const file = `../../../test/golden/normalised/falco/${name.replace(/\.jsonl?$/, '')}.json`;
    await expect(`${JSON.stringify(results, null, 2)}\n`).toMatchFileSnapshot(file);
  });
});

const SAMPLES = fixtureNames().flatMap((name) => fixtureRecords(name).map(({ text }) => text));
const FIELD_VALUES = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('<NA>', '', '__proto__', '1773480413589793238', '2026-03-14T09:26:53+0000', -1, 2 ** 60),
  fc.string({ maxLength: 80 }),
);

describe('falco never throws', () => {
  it('on arbitrary JSON and arbitrary values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (value) => {
        expect(Array.isArray(run(value, '{}'))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('on real samples with a field (top level or output field) replaced', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.boolean(),
        fc.string({ maxLength: 30 }),
        FIELD_VALUES,
        (text, inFields, key, replacement) => {
          const alert = JSON.parse(text) as Record<string, unknown>;
          const target =
            inFields && typeof alert['output_fields'] === 'object' ? alert['output_fields'] : alert;
          const keys = Object.keys(target as object);
          const name =
            keys.length > 0 && key.length % 2 === 0 ? (keys[key.length % keys.length] ?? key) : key;
          (target as Record<string, unknown>)[name] = replacement;
          expect(Array.isArray(run(alert, text))).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('on deeply nested output field values', () => {
    let deep: unknown = 'leaf';
    for (let depth = 0; depth < 10_000; depth += 1) deep = [deep];
    const alert = {
      ...fixtureObject('CONSTRUCTED_syscall-alerts.jsonl'),
      output_fields: { 'proc.name': deep },
    };
    const [result] = run(alert, '{}');
    expect(result?.ok).toBe(true);
  });
});
