/**
 * Temporal state under load: 1 000 000 observations from 100 000 distinct actors through 1 000
 * `FOLLOWEDBY … WITHIN 300 SECONDS` indicators, with the heap measured (after a forced GC) as the stream
 * goes. The claim under test: once the 300-second windows have filled, memory stays flat.
 */
import { compileIndicators } from '../src/match/index.js';
import type { MatchObservation, ObservationView } from '../src/pattern/index.js';
import { Timestamp } from '../src/stix/index.js';
import { prng } from './corpus.js';

/** One checkpoint of the run. */
export interface TemporalCheckpoint {
  readonly observations: number;
  readonly eventSeconds: number;
  readonly heapMiB: number;
  readonly retained: number;
  readonly expired: number;
  readonly evictions: number;
  readonly matches: number;
}

/** The whole run. */
export interface TemporalResult {
  readonly checkpoints: TemporalCheckpoint[];
  readonly observationsPerSecond: number;
  readonly peakHeapMiB: number;
  /** Heap at the end over heap at the first checkpoint after the windows filled. */
  readonly growthAfterFill: number;
}

const PORTS = [22, 2222, 80, 443, 3306, 5432, 6379, 6443, 8080, 10250];

/**
 * A stream of observations at `rate` per event-second: even ones an inbound connection from actor k's
 * address to one of ten ports, odd ones a process that actor's pod runs (one of 1 000 binaries). SCO ids
 * are synthetic strings (not UUIDv5) because computing a million deterministic ids would time the
 * generator rather than the engine.
 */
function* stream(count: number, actors: number, rate: number): Generator<MatchObservation> {
  const random = prng(3);
  const start = Timestamp.parse('2026-11-23T00:00:00Z');
  for (let i = 0; i < count; i++) {
    const actor = Math.floor(random() * actors);
    const at = start.plusNanos(BigInt(Math.floor((i * 1e9) / rate)));
    const objects = new Map<string, Record<string, unknown>>();
    if (i % 2 === 0) {
      const ip = `10.${(actor >> 16) & 255}.${(actor >> 8) & 255}.${actor & 255}`;
      objects.set(`ipv4-addr--${actor}`, { type: 'ipv4-addr', id: `ipv4-addr--${actor}`, value: ip });
      objects.set(`network-traffic--${i}`, {
        type: 'network-traffic',
        id: `network-traffic--${i}`,
        src_ref: `ipv4-addr--${actor}`,
        dst_port: PORTS[Math.floor(random() * PORTS.length)],
        protocols: ['ipv4', 'tcp'],
      });
    } else {
      objects.set(`process--${i}`, {
        type: 'process',
        id: `process--${i}`,
        pid: 1000 + (i % 50_000),
        command_line: `/usr/bin/tool-${Math.floor(random() * 1000)} --actor ${actor}`,
        k8s_pod_ref: `x-k8s-pod--${actor}`,
      });
      objects.set(`x-k8s-pod--${actor}`, {
        type: 'x-k8s-pod',
        id: `x-k8s-pod--${actor}`,
        namespace: `tenant-${actor % 1000}`,
        name: `pod-${actor}`,
      });
    }
    const view: ObservationView = { objects };
    yield { id: `observed-data--${i}`, view, first: at, last: at, count: 1 };
  }
}

/** 1 000 indicators: a connection to port P followed within 300 s by binary B (P, B from the pattern index). */
function indicators(): { id: string; pattern: string }[] {
  return Array.from({ length: 1000 }, (_, i) => ({
    id: `indicator--temporal-${i}`,
    pattern:
      `([network-traffic:dst_port = ${PORTS[i % PORTS.length]}] FOLLOWEDBY ` +
      `[process:command_line LIKE '/usr/bin/tool-${i} %']) WITHIN 300 SECONDS`,
  }));
}

function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
}

/** Runs the stream; checkpoints every `every` observations. Needs `node --expose-gc` for exact heap figures. */
export function temporalMemory(
  count = 1_000_000,
  actors = 100_000,
  rate = 100,
  every = 100_000,
): TemporalResult {
  const engine = compileIndicators(indicators());
  const session = engine.session();
  const checkpoints: TemporalCheckpoint[] = [];
  let matches = 0;
  let n = 0;
  const began = performance.now();
  let paused = 0;
  for (const observation of stream(count, actors, rate)) {
    matches += session.push(observation).length;
    n += 1;
    if (n % every === 0) {
      const t = performance.now();
      const stats = session.stats();
      checkpoints.push({
        observations: n,
        eventSeconds: Math.round(n / rate),
        heapMiB: heapMiB(),
        retained: stats.retained,
        expired: stats.expired,
        evictions: stats.evictions,
        matches,
      });
      paused += performance.now() - t;
    }
  }
  const seconds = (performance.now() - began - paused) / 1000;
  // The windows hold 300 s of events; the first checkpoint past twice that is "filled".
  const filled = checkpoints.find((c) => c.eventSeconds >= 600) ?? checkpoints[0];
  const last = checkpoints[checkpoints.length - 1];
  return {
    checkpoints,
    observationsPerSecond: count / seconds,
    peakHeapMiB: Math.max(...checkpoints.map((c) => c.heapMiB)),
    growthAfterFill: filled && last ? last.heapMiB / filled.heapMiB : Number.NaN,
  };
}
