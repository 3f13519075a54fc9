/**
 * Streaming-engine throughput: observations/s through `session.push` (including building each
 * observation's view from its parsed objects) with 1, 100, 1 000 and 10 000 compiled indicators of a
 * feed-like mix, and 1 000 witness-style ones (LIKE / MATCHES only), next to a loop that only
 * `JSON.parse`s the same observations' text, in the same run.
 */
import { compileIndicators } from '../src/match/index.js';
import { type MatchObservation, toMatchObservation } from '../src/pattern/index.js';
import { indicatorMix, type ObservationRecord, observationCorpus, witnessMix } from './corpus.js';
import { compare } from './rate.js';

/** One row of the throughput table. */
export interface ThroughputResult {
  readonly mix: string;
  readonly indicators: number;
  readonly conditions: number;
  readonly perSecond: number;
  readonly baselinePerSecond: number;
  /** Matching time per observation divided by JSON.parse time per observation (median of rounds). */
  readonly ratio: number;
  readonly matchesPerRun: number;
  readonly evaluatedPerObservation: number;
}

function toObservation(record: ObservationRecord): MatchObservation | undefined {
  const [observed, ...scos] = record;
  const byId = new Map<string, Record<string, unknown>>();
  for (const object of scos) byId.set(object.id, object as Record<string, unknown>);
  return observed ? toMatchObservation(observed as Record<string, unknown>, byId, '2.1') : undefined;
}

/** The indicator sets measured: the feed-like mix at each size, and one witness-style set. */
const SETS: readonly { readonly mix: 'feed' | 'witness'; readonly count: number }[] = [
  { mix: 'feed', count: 1 },
  { mix: 'feed', count: 100 },
  { mix: 'feed', count: 1_000 },
  { mix: 'feed', count: 10_000 },
  { mix: 'witness', count: 1_000 },
];

/** Runs the throughput benchmark for each indicator set. */
export async function matchThroughput(sets = SETS): Promise<ThroughputResult[]> {
  const { records, values } = observationCorpus(4_000);
  const lines = records.map((record) => JSON.stringify(record));
  const parsed = lines.map((line) => JSON.parse(line) as ObservationRecord);
  const results: ThroughputResult[] = [];
  for (const { mix, count } of sets) {
    const engine = compileIndicators(mix === 'feed' ? indicatorMix(count, values) : witnessMix(count));
    if (engine.rejected.length > 0)
      throw new Error(`bench indicators rejected: ${engine.rejected[0]?.message}`);
    const pass = () => {
      const session = engine.session();
      for (const record of parsed) {
        const observation = toObservation(record);
        if (observation) session.push(observation);
      }
      return session.stats();
    };
    const { matches, evaluated } = pass();
    const measured = await compare(pass, () => {
      for (const line of lines) JSON.parse(line);
    });
    results.push({
      mix,
      indicators: count,
      conditions: engine.conditionCount,
      perSecond: measured.perSecond * records.length,
      baselinePerSecond: measured.baselinePerSecond * records.length,
      ratio: measured.ratio,
      matchesPerRun: matches,
      evaluatedPerObservation: evaluated / records.length,
    });
  }
  return results;
}
