/** The timing loop every benchmark shares. */

/** Repeats `run` until at least `minMs` have passed, after one warm-up run; returns runs per second. */
export async function rate(run: () => unknown | Promise<unknown>, minMs = 1500): Promise<number> {
  await run(); // warm-up: JIT, compiled schemas and regexes
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    await run();
    runs += 1;
    elapsed = performance.now() - start;
  }
  return (runs * 1000) / elapsed;
}

/** Rates of a run and its baseline measured in alternation, and the median of their ratios. */
export interface Comparison {
  readonly perSecond: number;
  readonly baselinePerSecond: number;
  /** Median over the rounds of (run time / baseline time): above 1 the run is slower. */
  readonly ratio: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Measures `run` against `baseline` in alternating rounds, so that a burst of load from a neighbour on
 * this shared machine hits both alike; reports medians, which one noisy round cannot move.
 */
export async function compare(
  run: () => unknown,
  baseline: () => unknown,
  rounds = 7,
  msEach = 300,
): Promise<Comparison> {
  const runs: number[] = [];
  const baselines: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const r = await rate(run, msEach);
    const b = await rate(baseline, msEach);
    runs.push(r);
    baselines.push(b);
    ratios.push(b / r);
  }
  return { perSecond: median(runs), baselinePerSecond: median(baselines), ratio: median(ratios) };
}
