// Pins the normalised form of every Kubescape fixture (test/golden/normalised/kubescape), and checks that
// no input — arbitrary JSON, arbitrary values, or real samples with fields changed — makes decode or
// normalise throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureNames, fixtureRecords } from '../../sources/kubescape/fixtures.test-support.js';
import { kubescapeDecoder } from '../../sources/kubescape/index.js';
import { LineageTracker } from '../lineage.js';
import type { Normalised } from '../types.js';
import { normaliseKubescape } from './index.js';

function run(value: unknown, text: string): Normalised[] {
  const context = { lineage: new LineageTracker() };
  return kubescapeDecoder
    .decode(value)
    .map((decoded) =>
      decoded.ok ? normaliseKubescape(decoded.event, decoded.raw ?? text, context) : decoded,
    );
}

/** The golden form: the raw record is the fixture itself (or, in a batch, one alert of it), so it is left out. */
function golden(name: string) {
  return fixtureRecords(name).flatMap(({ value, text }) =>
    run(value, text).map((result) => (result.ok ? { ...result.event, raw: undefined } : result)),
  );
}

describe('kubescape golden files', () => {
  it.each(fixtureNames())('%s', async (name) => {
    const results = golden(name);
    expect(results.every((result) => !('rejection' in result))).toBe(true);
    const file = `../../../test/golden/normalised/kubescape/${name.replace(/\.jsonl?$/, '')}.json`;
    await expect(`${JSON.stringify(results, null, 2)}\n`).toMatchFileSnapshot(file);
  });
});

const SAMPLES = fixtureNames().flatMap((name) => fixtureRecords(name).map(({ text }) => text));
const REPLACEMENTS = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('null', 'empty', '', '{', '[]', '{"pid":"x"}', '0001-01-01T00:00:00Z', 2 ** 60, -1),
  fc.string({ maxLength: 80 }),
);
const NESTED = ['BaseRuntimeMetadata', 'RuntimeK8sDetails', 'RuntimeProcessDetails', 'event', 'spec'];

/** Replaces one field of the record, or of one of its nested parts (parsing JSON-text parts first). */
function mutate(record: Record<string, unknown>, part: number, key: string, replacement: unknown): void {
  const name = NESTED[part % NESTED.length] ?? 'event';
  let target: unknown = record[name];
  if (typeof target === 'string') {
    try {
      target = JSON.parse(target);
      record[name] = target;
    } catch {
      target = undefined;
    }
  }
  const holder = typeof target === 'object' && target !== null && part >= 0 ? target : record;
  const keys = Object.keys(holder);
  const chosen = keys.length > 0 && key.length % 2 === 0 ? (keys[key.length % keys.length] ?? key) : key;
  (holder as Record<string, unknown>)[chosen] = replacement;
}

describe('kubescape never throws', () => {
  it('on arbitrary JSON and arbitrary values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (value) => {
        expect(Array.isArray(run(value, '{}'))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('on real samples with a field replaced, at the top or in a nested part', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.integer({ min: -1, max: NESTED.length - 1 }),
        fc.string({ maxLength: 30 }),
        REPLACEMENTS,
        (text, part, key, replacement) => {
          const record = JSON.parse(text) as Record<string, unknown>;
          mutate(record, part, key, replacement);
          expect(Array.isArray(run(record, text))).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('on a whole record given as a JSON-text part', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), fc.constantFrom(...NESTED), (text, name) => {
        const record = JSON.parse(text) as Record<string, unknown>;
        record[name] = text;
        expect(Array.isArray(run(record, text))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
