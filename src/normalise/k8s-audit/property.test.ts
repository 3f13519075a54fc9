// Decode + normalise never throw, whatever the input: arbitrary JSON, arbitrary JS values, and real
// samples with one field replaced by anything.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureNames, fixtureRecords } from '../../sources/k8s-audit/fixtures.test-support.js';
import { auditDecoder } from '../../sources/k8s-audit/index.js';
import { LineageTracker } from '../lineage.js';
import { normaliseAudit } from './index.js';

const context = { lineage: new LineageTracker() };
const samples = fixtureNames().flatMap((name) => fixtureRecords(name));

/** Decodes and normalises; returns how many events and rejections came out (throws only on a bug). */
function run(value: unknown, text: string): { events: number; rejections: number } {
  auditDecoder.recognises(value);
  let events = 0;
  let rejections = 0;
  for (const decoded of auditDecoder.decode(value)) {
    if (!decoded.ok) {
      rejections += 1;
      expect(decoded.rejection.message.length).toBeLessThan(400);
      continue;
    }
    const result = normaliseAudit(decoded.event, decoded.raw ?? text, context);
    if (result.ok) events += 1;
    else rejections += 1;
  }
  return { events, rejections };
}

type Path = readonly (string | number)[];

/** Paths to the values inside a sample, parents first, depth-bounded. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (prefix.length >= 8 || typeof value !== 'object' || value === null) return out;
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  for (const [key, item] of entries) pathsOf(item, [...prefix, key], out);
  return out;
}

function replaceAt(root: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last !== undefined) parent[last] = replacement;
  return root;
}

const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
});

describe('k8s-audit decode + normalise never throw', () => {
  it('on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => void run(value, JSON.stringify(value) ?? '')),
      {
        numRuns: 2000,
      },
    );
  });

  it('on arbitrary JavaScript values', () => {
    fc.assert(
      fc.property(anyValue, (value) => void run(value, 'raw')),
      { numRuns: 2000 },
    );
  });

  it('on audit-shaped objects built from arbitrary parts', () => {
    const part = fc.oneof(
      fc.jsonValue(),
      fc.string(),
      fc.constantFrom('Event', 'EventList', 'audit.k8s.io/v1', ''),
    );
    const shaped = fc.record(
      {
        kind: part,
        apiVersion: part,
        auditID: part,
        verb: part,
        stage: part,
        user: part,
        stageTimestamp: part,
        items: fc.array(fc.dictionary(fc.constantFrom('auditID', 'verb', 'kind', 'user', '__proto__'), part)),
        protoPayload: fc.record({ serviceName: fc.constant('k8s.io'), methodName: part, resourceName: part }),
        category: fc.constantFrom('kube-audit', 'kube-audit-admin'),
        properties: fc.record({ log: part }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(shaped, (value) => void run(value, 'raw')),
      { numRuns: 2000 },
    );
  });

  it('on real samples with one value replaced by anything', () => {
    const mutation = fc.record({
      sample: fc.nat({ max: samples.length - 1 }),
      at: fc.nat(),
      replacement: fc.oneof(fc.jsonValue(), anyValue),
    });
    fc.assert(
      fc.property(mutation, ({ sample, at, replacement }) => {
        const record = samples[sample];
        if (record === undefined) return;
        const value = JSON.parse(record.text);
        const paths = pathsOf(value);
        run(replaceAt(value, paths[at % paths.length] ?? [], replacement), record.text);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the rejection short when a hostile key is long (found by the property above)', () => {
    const record = samples.find((r) => JSON.parse(r.text).kind === 'Event');
    if (record === undefined) throw new Error('missing fixture');
    const value = JSON.parse(record.text);
    value.annotations = { ['k'.repeat(5000)]: false };
    expect(run(value, record.text).rejections).toBe(1);
  });

  it('on AKS records whose embedded event text is cut short', () => {
    const aks = fixtureRecords('CONSTRUCTED_aks-diagnostics.jsonl')[1];
    if (aks === undefined) throw new Error('missing AKS fixture');
    const record = JSON.parse(aks.text) as { properties: { log: string } };
    fc.assert(
      fc.property(fc.nat({ max: record.properties.log.length }), (cut) => {
        const value = { ...record, properties: { log: record.properties.log.slice(0, cut) } };
        const { events, rejections } = run(value, 'raw');
        expect(events + rejections).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every real sample unchanged', () => {
    for (const record of samples) expect(run(record.value, record.text).rejections).toBe(0);
  });
});
