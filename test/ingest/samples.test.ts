// Every sensor sample is ingested with no loss, every object it becomes is strictly valid STIX 2.1, and
// the property paths the normaliser emits (the contract witnesses are written against) are pinned.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type IngestItem, Ingestor } from '../../src/normalise/index.js';
import { readRecords } from '../../src/sources/index.js';
import { createValidator } from '../../src/stix/index.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const FIXTURES = join(ROOT, 'test/fixtures/sensors');
const SHARED = join(ROOT, '..', 'shared');
/** Upstream folders with sensor output (the rest of ../shared is policies, rules, schemas, docs). */
const SHARED_SAMPLES = [
  'formats/tetragon/events',
  'formats/k8s-audit/events',
  'formats/falco/alerts',
  'formats/kubescape/alerts',
  'upstream/k8sstormcenter/events',
].map((dir) => join(SHARED, dir));

function sampleFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sampleFiles(path);
    return /\.(json|jsonl|log)$/.test(name) ? [path] : [];
  });
}

async function ingestFile(path: string): Promise<IngestItem[]> {
  const ingestor = new Ingestor({ cluster: 'test' });
  const items: IngestItem[] = [];
  async function* chunks() {
    yield readFileSync(path);
  }
  for await (const record of readRecords(chunks())) {
    const where = `${relative(ROOT, path)}:${record.line}`;
    if (record.kind === 'record') items.push(...ingestor.record(record.text, where));
    else items.push(ingestor.unreadable(record.code, record.message, record.raw, where));
  }
  return items;
}

const validator = createValidator({ strict: true });

async function checkAll(files: readonly string[]) {
  const problems: string[] = [];
  let observations = 0;
  const paths = new Set<string>();
  for (const file of files) {
    for (const item of await ingestFile(file)) {
      if (!item.ok) {
        problems.push(`${item.deadLetter.location}: ${item.deadLetter.code} ${item.deadLetter.message}`);
        continue;
      }
      observations += 1;
      for (const issue of validator.validateAll(item.observation.objects)) {
        problems.push(`${relative(ROOT, file)} ${issue.objectType} ${issue.path}: ${issue.message}`);
      }
      for (const object of item.observation.objects) collectPaths(object, object.type, paths);
    }
  }
  return { problems, observations, paths };
}

/** `type:path` for every property, arrays as [*]; free-form maps (labels, annotations, hashes, extensions) stop at the map. */
function collectPaths(value: unknown, prefix: string, into: Set<string>, depth = 0): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectPaths(item, `${prefix}[*]`, into, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const path = depth === 0 ? `${prefix}:${key}` : `${prefix}.${key}`;
    into.add(path);
    if (!['labels', 'annotations', 'hashes', 'extensions'].includes(key))
      collectPaths(item, path, into, depth + 1);
  }
}

describe('sensor samples', () => {
  const vendored = sampleFiles(FIXTURES).filter((file) => !file.includes('/hostile/'));

  it('finds the vendored samples of every sensor', () => {
    for (const sensor of ['tetragon', 'k8s-audit', 'falco', 'kubescape']) {
      expect(
        vendored.some((file) => file.includes(`/sensors/${sensor}/`)),
        sensor,
      ).toBe(true);
    }
  });

  it('ingests every vendored sample with no dead letter, as strictly valid STIX', async () => {
    const { problems, observations, paths } = await checkAll(vendored);
    expect(problems).toEqual([]);
    expect(observations).toBeGreaterThan(100);
    await expect(`${[...paths].sort().join('\n')}\n`).toMatchFileSnapshot(
      '../golden/stix-property-paths.txt',
    );
  });

  it.skipIf(!existsSync(SHARED))(
    'ingests every sample in ../shared with no dead letter, as strictly valid STIX',
    async () => {
      const { problems, observations } = await checkAll(SHARED_SAMPLES.flatMap(sampleFiles));
      expect(problems).toEqual([]);
      expect(observations).toBeGreaterThan(100);
    },
  );
});
