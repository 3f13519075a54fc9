/**
 * The storm center's pipeline end to end (ingest → indicators from the bundled library → correlation),
 * one process, on the recorded two-attacker honeycluster capture replayed as many days (identities
 * and dates varied per day so every day's attackers are new actors), against bare JSON.parse of the same
 * lines. Plus the correlator's memory with 100 000 concurrent actor sessions.
 */
import { readFileSync } from 'node:fs';
import { loadModelFiles, StormPipeline } from '../src/app/index.js';
import { Correlator } from '../src/correlate/index.js';
import { leavesOf } from '../src/threatmodel/index.js';
import { compare } from './rate.js';

const ROOT = new URL('..', import.meta.url).pathname;
const CAPTURE = `${ROOT}test/fixtures/captures/CONSTRUCTED_honeycluster-two-attackers.jsonl`;

function corpus(days: number): string[] {
  const lines = readFileSync(CAPTURE, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  const out: string[] = [];
  for (let day = 0; day < days; day += 1) {
    const date = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 11);
    for (const line of lines) {
      out.push(
        line
          .replaceAll('2026-03-14T', date)
          .replaceAll('ssh-bait', `ssh-bait-${day}`)
          .replaceAll('"miner', `"miner-${day}`)
          .replaceAll('198.51.100.23', `198.51.${100 + (day % 100)}.${day % 250}`)
          .replaceAll('Cg"', `${day}"`),
      );
    }
  }
  return out;
}

export async function replayBenchmarks(days = 500) {
  const loaded = await loadModelFiles([`${ROOT}threatmodels/honeycluster.yaml`]);
  const [model] = loaded.threatModels;
  if (!model) throw new Error('the bundled library did not load');
  const lines = corpus(days);
  let summary: ReturnType<StormPipeline['summary']> | undefined;
  const throughput = await compare(
    () => {
      const pipeline = new StormPipeline(model);
      for (const line of lines) pipeline.record(line);
      summary = pipeline.summary();
    },
    () => {
      for (const line of lines) JSON.parse(line);
    },
  );
  return {
    records: lines.length,
    ...throughput,
    incidents: summary?.incidents.length ?? 0,
    sessions: summary?.sessions ?? 0,
    memory: sessionMemory(model),
  };
}

/** Heap held by 100 000 live actor sessions, each with two witnessed leaves of one branch. */
function sessionMemory(model: Parameters<typeof leavesOf>[0]) {
  const gc = (globalThis as { gc?: () => void }).gc;
  const [first, second] = [...leavesOf(model)];
  if (!first || !second) throw new Error('model too small');
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const correlator = new Correlator(model, { idleTimeoutSeconds: 86_400 });
  const S = 1_000_000_000n;
  for (let i = 0; i < 100_000; i += 1) {
    const keys = [`ip:10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`];
    for (const [n, { branch, leaf }] of [first, second].entries()) {
      correlator.push({
        indicator: `indicator-${leaf.id}`,
        witness: `${leaf.id}/1`,
        leaf: leaf.id,
        branch: branch.id,
        time: BigInt(i + n) * S,
        observation: `od-${i}-${n}`,
        keys,
      });
    }
  }
  gc?.();
  const after = process.memoryUsage().heapUsed;
  return {
    sessions: correlator.sessions.length,
    heapMiB: (after - before) / 1024 / 1024,
    exact: gc !== undefined,
  };
}
