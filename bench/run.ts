/**
 * kstorm's benchmarks, run by `npm run bench`. Every figure is reported next to a baseline measured in the
 * same run on the same input (bare JSON.parse), because these machines are shared and noisy: compare the
 * ratios, not the absolute numbers. No test asserts on timing.
 */
import { validationBenchmarks } from './validate.bench.js';

const results = await validationBenchmarks();
const rows = results.map((r) => ({
  benchmark: r.name,
  'objects/s': Math.round(r.objectsPerSecond).toLocaleString('en-US'),
  'baseline objects/s': Math.round(r.baselinePerSecond).toLocaleString('en-US'),
  'x slower than baseline': (r.baselinePerSecond / r.objectsPerSecond).toFixed(1),
  baseline: r.baseline,
}));
console.table(rows);
