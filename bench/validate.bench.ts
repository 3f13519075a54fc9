/**
 * Validation throughput: objects/s for valid and for invalid objects, through `validateObject`-style
 * sessions and through the streaming reader + validator (what `kstorm stix validate` does), against
 * JSON.parse of the same text.
 */
import { buildDemoScenario } from '../src/app/demo-scenario.js';
import { createValidator, readStixObjects, type StixObject } from '../src/stix/index.js';
import { rate } from './rate.js';

export interface BenchResult {
  readonly name: string;
  readonly objectsPerSecond: number;
  readonly baselinePerSecond: number;
  readonly baseline: string;
}

function corpus(copies: number): { valid: StixObject[]; invalid: StixObject[] } {
  const valid: StixObject[] = [];
  for (let i = 0; i < copies; i++) valid.push(...buildDemoScenario().bundle.objects);
  const invalid = valid.map((o, i) => {
    const broken: StixObject = { ...o };
    // Three kinds of damage in rotation: a non-UUID id, an undeclared extension, a bad timestamp.
    if (i % 3 === 0) broken.id = `${o.type}--not-a-uuid-${i}`;
    else if (i % 3 === 1)
      broken.extensions = { 'extension-definition--00000000-0000-4000-8000-000000000000': {} };
    else broken['created'] = '2025-05-14T13:51:04.481329+00:00Z';
    return broken;
  });
  return { valid, invalid };
}

async function* chunked(text: string, size = 64 * 1024): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** Runs the validation benchmarks. */
export async function validationBenchmarks(): Promise<BenchResult[]> {
  const validator = createValidator();
  const { valid, invalid } = corpus(40);
  const results: BenchResult[] = [];
  for (const [name, objects] of [
    ['validate valid objects', valid],
    ['validate invalid objects', invalid],
  ] as const) {
    const lines = objects.map((o) => JSON.stringify(o));
    const perSecond = await rate(() => {
      const session = validator.session();
      for (const line of lines) session.addObject(JSON.parse(line));
      session.finish();
    });
    const baseline = await rate(() => {
      for (const line of lines) JSON.parse(line);
    });
    results.push({
      name,
      objectsPerSecond: perSecond * objects.length,
      baselinePerSecond: baseline * objects.length,
      baseline: 'JSON.parse of each object',
    });
  }
  const bundleText = JSON.stringify({
    type: 'bundle',
    id: 'bundle--2f6bf650-6705-4b18-9eb2-72d4965d9225',
    objects: valid,
  });
  const streamed = await rate(async () => {
    const session = validator.session();
    for await (const item of readStixObjects(chunked(bundleText))) {
      if (item.kind === 'object') session.addObject(item.object);
    }
    session.finish();
  });
  const parsed = await rate(() => JSON.parse(bundleText));
  results.push({
    name: 'stream-read + validate a bundle',
    objectsPerSecond: streamed * valid.length,
    baselinePerSecond: parsed * valid.length,
    baseline: 'JSON.parse of the whole bundle',
  });
  return results;
}
