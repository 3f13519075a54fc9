/**
 * kstorm's benchmarks, run by `npm run bench` (all) or `npm run bench -- validate|match|temporal|ingest|model|replay`. Every
 * throughput figure is reported next to a baseline measured in the same run on the same input (bare
 * JSON.parse), because these machines are shared and noisy: compare the ratios, not the absolute numbers.
 * No test asserts on timing.
 */
import { ingestThroughput } from './ingest.bench.js';
import { matchThroughput } from './match.bench.js';
import { replayBenchmarks } from './replay.bench.js';
import { temporalMemory } from './temporal.bench.js';
import { threatModelBenchmarks } from './threatmodel.bench.js';
import { validationBenchmarks } from './validate.bench.js';

const wanted = new Set(process.argv.slice(2));
const runs = (name: string): boolean => wanted.size === 0 || wanted.has(name);
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

if (runs('validate')) {
  console.log('\nValidation (objects/s; the baseline is JSON.parse of the same text)');
  const results = await validationBenchmarks();
  console.table(
    results.map((r) => ({
      benchmark: r.name,
      'objects/s': fmt(r.objectsPerSecond),
      'baseline objects/s': fmt(r.baselinePerSecond),
      'x slower than baseline': (r.baselinePerSecond / r.objectsPerSecond).toFixed(1),
      baseline: r.baseline,
    })),
  );
}

if (runs('match')) {
  console.log(
    '\nStreaming match, one observation at a time (ratio = matching time / JSON.parse time, median of 7 rounds)\n' +
      'feed: 40% IP, 20% SHA-256, 10% IP sets, 10% API requests, 10% LIKE/MATCHES, 10% FOLLOWEDBY WITHIN; ' +
      'witness: LIKE/MATCHES on command lines only',
  );
  const results = await matchThroughput();
  console.table(
    results.map((r) => ({
      indicators: `${fmt(r.indicators)} ${r.mix}`,
      'distinct [ … ]': fmt(r.conditions),
      'observations/s': fmt(r.perSecond),
      'JSON.parse/s': fmt(r.baselinePerSecond),
      ratio: r.ratio.toFixed(2),
      'tests run per observation': r.evaluatedPerObservation.toFixed(2),
      'matches per pass': r.matchesPerRun,
    })),
  );
}

if (runs('temporal')) {
  const exact = typeof (globalThis as { gc?: unknown }).gc === 'function';
  console.log(
    `\nTemporal state: 1,000,000 observations, 100,000 actors, 1,000 WITHIN 300 SECONDS patterns` +
      (exact ? '' : ' (run with node --expose-gc for heap figures after GC)'),
  );
  const result = temporalMemory();
  console.table(
    result.checkpoints.map((c) => ({
      observations: fmt(c.observations),
      'event time (s)': fmt(c.eventSeconds),
      'heap (MiB)': c.heapMiB.toFixed(1),
      'partial matches held': fmt(c.retained),
      expired: fmt(c.expired),
      evicted: fmt(c.evictions),
      matches: fmt(c.matches),
    })),
  );
  console.log(
    `observations/s: ${fmt(result.observationsPerSecond)}; peak heap after GC: ${result.peakHeapMiB.toFixed(1)} MiB; ` +
      `peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB; ` +
      `heap at the end / heap once the windows filled: ${result.growthAfterFill.toFixed(2)}`,
  );
}

if (runs('ingest')) {
  const events = Number(process.env['KSTORM_BENCH_EVENTS'] ?? 1_000_000);
  console.log(
    `\nIngest: JSON text -> decode -> normalise -> STIX objects, per sensor, real samples replayed to ${fmt(events)} events\n` +
      '(ratio = time / JSON.parse time of the same lines, median of rounds; "no raw" leaves out the artifact;\n' +
      ' "model only" = parse + decode + normalise to the internal event model, without the STIX mapping)',
  );
  const results = await ingestThroughput(events);
  console.table(
    results.map((r) => ({
      sensor: r.sensor,
      'distinct samples': r.samples,
      'events/s': fmt(r.perSecond),
      'JSON.parse/s': fmt(r.baselinePerSecond),
      ratio: r.ratio.toFixed(2),
      'ratio, no raw': r.ratioWithoutRaw.toFixed(2),
      'ratio, model only': r.ratioModelOnly.toFixed(2),
      'full run events': fmt(r.fullRunEvents),
      'full run events/s': fmt(r.fullRunPerSecond),
      'objects/event': r.objectsPerEvent.toFixed(1),
      'heap after (MiB)': r.heapMiB.toFixed(0),
    })),
  );
}

if (runs('model')) {
  const { file, leaves, results } = await threatModelBenchmarks();
  console.log(
    `\nThreat model ${file} (${leaves}); ratio = step time / bare YAML parse (parseAllDocuments) of the same file, median of 7 rounds`,
  );
  console.table(
    results.map((r) => ({
      step: r.step,
      'runs/s': r.perSecond.toFixed(1),
      'YAML parse/s': r.baselinePerSecond.toFixed(1),
      ratio: r.ratio.toFixed(1),
    })),
  );
}

if (runs('replay')) {
  const r = await replayBenchmarks(Number(process.env['KSTORM_BENCH_DAYS'] ?? 500));
  console.log(
    `\nReplay end to end (ingest -> ${'98'} indicators -> correlation), ${fmt(r.records)} records, one process; ratio = time / JSON.parse of the same lines`,
  );
  console.table([
    {
      'records/s': fmt(r.records * r.perSecond),
      'JSON.parse records/s': fmt(r.records * r.baselinePerSecond),
      ratio: r.ratio.toFixed(1),
      sessions: fmt(r.sessions),
      incidents: fmt(r.incidents),
    },
  ]);
  console.log(
    `100,000 concurrent actor sessions: ${fmt(r.memory.sessions)} held, heap ${r.memory.heapMiB.toFixed(1)} MiB` +
      (r.memory.exact ? ' (after GC)' : ' (run with node --expose-gc for figures after GC)'),
  );
}
