/**
 * Ingest throughput per sensor: JSON text → decode → normalise → STIX objects (the `Ingestor`), over the
 * real samples (the repository's fixtures, and ../shared's when it is beside the clone) replayed to
 * 1,000,000 events, next to bare JSON.parse of the same lines in the same run. Replayed copies get their
 * own timestamps, so no two records are the same text (ids and digests are computed afresh, as live).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ingestor, LineageTracker, normaliseRecord } from '../src/normalise/index.js';
import type { SensorName } from '../src/sources/index.js';
import { compare } from './rate.js';

const ROOT = new URL('..', import.meta.url).pathname;
const SHARED = join(ROOT, '..', 'shared');

const SAMPLE_DIRS: Readonly<Record<SensorName, readonly string[]>> = {
  tetragon: [
    'test/fixtures/sensors/tetragon',
    `${SHARED}/formats/tetragon/events`,
    `${SHARED}/upstream/k8sstormcenter/events`,
  ],
  'k8s-audit': ['test/fixtures/sensors/k8s-audit', `${SHARED}/formats/k8s-audit/events`],
  falco: ['test/fixtures/sensors/falco', `${SHARED}/formats/falco/alerts`],
  kubescape: [
    'test/fixtures/sensors/kubescape',
    `${SHARED}/formats/kubescape/alerts`,
    `${SHARED}/upstream/k8sstormcenter/events`,
  ],
};

export interface IngestResult {
  readonly sensor: SensorName;
  readonly samples: number;
  readonly perSecond: number;
  readonly baselinePerSecond: number;
  readonly ratio: number;
  readonly ratioWithoutRaw: number;
  /** Parse, decode and normalise to the internal model, without the STIX mapping. */
  readonly ratioModelOnly: number;
  readonly fullRunEvents: number;
  readonly fullRunPerSecond: number;
  readonly objectsPerEvent: number;
  readonly heapMiB: number;
}

function files(dir: string): string[] {
  const path = dir.startsWith('/') ? dir : join(ROOT, dir);
  if (!existsSync(path)) return [];
  return readdirSync(path).flatMap((name) => {
    const full = join(path, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(json|jsonl|log)$/.test(name) ? [full] : [];
  });
}

/** Every sample of `sensor` as compact one-line records that the sensor's decoder accepts. */
function samples(sensor: SensorName): string[] {
  const lines = new Set<string>();
  for (const file of SAMPLE_DIRS[sensor].flatMap(files)) {
    const text = readFileSync(file, 'utf8');
    const values: unknown[] = [];
    try {
      values.push(JSON.parse(text));
    } catch {
      for (const line of text.split('\n')) {
        try {
          if (line.trim()) values.push(JSON.parse(line));
        } catch {
          // Not JSON: not a sample.
        }
      }
    }
    for (const value of values) {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        const list =
          (item as { kind?: unknown; items?: unknown }).kind === 'EventList'
            ? (item as { items: unknown[] }).items
            : [item];
        for (const record of list) lines.add(JSON.stringify(record));
      }
    }
  }
  // Only what this sensor's path accepts: the benchmark measures work, not dead letters.
  const probe = new Ingestor({ source: sensor });
  return [...lines].filter((line) => probe.record(line).every((item) => item.ok));
}

const STAMP = /(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{1,9})?Z/g;

/** `count` records cycling through `base`, each copy with its own nanosecond timestamps. */
function replay(base: readonly string[], count: number, offset = 0): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const line = base[i % base.length] as string;
    const nanos = String((offset + i) % 1_000_000_000).padStart(9, '0');
    out.push(line.replace(STAMP, (_, seconds: string) => `${seconds}.${nanos}Z`));
  }
  return out;
}

const BATCH = 10_000;

export async function ingestThroughput(totalEvents = 1_000_000): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  for (const sensor of Object.keys(SAMPLE_DIRS) as SensorName[]) {
    const base = samples(sensor);
    if (base.length === 0) continue;
    const batch = replay(base, BATCH);
    let sink = 0;
    const parse = () => {
      for (const line of batch) sink += JSON.parse(line) === null ? 0 : 1;
    };
    const ingest = (raw: boolean) => () => {
      const ingestor = new Ingestor({ source: sensor, rawArtifacts: raw, cluster: 'bench' });
      for (const line of batch) sink += ingestor.record(line).length;
    };
    const normaliseOnly = () => {
      const context = { lineage: new LineageTracker() };
      for (const line of batch) sink += normaliseRecord(sensor, JSON.parse(line), line, context).length;
    };
    const modelOnly = await compare(normaliseOnly, parse, 3, 800);
    const withRaw = await compare(ingest(true), parse, 5, 800);
    const withoutRaw = await compare(ingest(false), parse, 3, 800);

    // The full run: one Ingestor over all the events, as one long stream would see them.
    const ingestor = new Ingestor({ source: sensor, cluster: 'bench' });
    let objects = 0;
    const start = performance.now();
    for (let done = 0; done < totalEvents; done += BATCH) {
      const lines = done === 0 ? batch : replay(base, Math.min(BATCH, totalEvents - done), done);
      for (const line of lines) {
        for (const item of ingestor.record(line)) if (item.ok) objects += item.observation.objects.length;
      }
    }
    const seconds = (performance.now() - start) / 1000;
    const accepted = ingestor.stats().accepted;
    (globalThis as { gc?: () => void }).gc?.();
    results.push({
      sensor,
      samples: base.length,
      perSecond: withRaw.perSecond * BATCH,
      baselinePerSecond: withRaw.baselinePerSecond * BATCH,
      ratio: withRaw.ratio,
      ratioWithoutRaw: withoutRaw.ratio,
      ratioModelOnly: modelOnly.ratio,
      fullRunEvents: accepted,
      fullRunPerSecond: accepted / seconds,
      objectsPerEvent: objects / Math.max(1, accepted),
      heapMiB: process.memoryUsage().heapUsed / 1024 / 1024,
    });
    if (sink < 0) console.log(sink);
  }
  return results;
}
