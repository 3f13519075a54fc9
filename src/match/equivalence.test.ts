// Property tests: the streaming engine agrees with the exhaustive matcher (matchPattern). Whenever the
// batch search finds an assignment over a time-ordered input, the session reports a match at some point,
// and every match the session reports is an assignment the batch search accepts on its own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectObservations, type MatchObservation, matchPattern, parsePattern } from '../pattern/index.js';
// The exhaustive search itself, to tell "no assignment" from "the step budget ran out first".
import { findAssignment } from '../pattern/match/bind.js';
import { compileIndicators } from './index.js';

type Obj = Record<string, unknown>;

const LEAVES = [
  "[x-e:k = 'a']",
  "[x-e:k = 'b']",
  "[x-e:k != 'c']",
  '[x-e:n > 1]',
  "[x-e:k IN ('a', 'c')]",
  "[x-e:k MATCHES '^[ab]']",
];

const pattern: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...LEAVES),
    fc
      .tuple(tie('expr'), fc.constantFrom('AND', 'OR', 'FOLLOWEDBY'), tie('expr'))
      .map(([l, op, r]) => `(${l} ${op} ${r})`),
    fc.tuple(tie('expr'), fc.integer({ min: 1, max: 6 })).map(([e, s]) => `(${e} WITHIN ${s} SECONDS)`),
    fc.tuple(tie('expr'), fc.integer({ min: 1, max: 3 })).map(([e, n]) => `(${e} REPEATS ${n} TIMES)`),
    fc
      .tuple(tie('expr'), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 8 }))
      .map(([e, s, d]) => `(${e} START t'${time(s)}' STOP t'${time(s + d)}')`),
  ),
})).expr;

function time(second: number): string {
  return `2026-03-01T10:00:${String(second).padStart(2, '0')}Z`;
}

interface Event {
  readonly k: string;
  readonly n: number;
  readonly step: number;
  readonly duration: number;
  readonly count: number;
}

const event: fc.Arbitrary<Event> = fc.record({
  k: fc.constantFrom('a', 'b', 'c'),
  n: fc.integer({ min: 1, max: 3 }),
  step: fc.constantFrom(0, 1, 1, 2, 3),
  duration: fc.constantFrom(0, 0, 0, 1, 2),
  count: fc.constantFrom(1, 1, 1, 2),
});

/** Events as observed-data with embedded objects (deprecated in 2.1, still read), at non-decreasing first_observed. */
function observedData(events: readonly Event[]): Obj[] {
  let at = 0;
  return events.map((e, i) => {
    at += e.step;
    return {
      type: 'observed-data',
      // Ids out of time order, so that ties in time are broken by something other than input order.
      id: `observed-data--00000000-0000-4000-8000-${String((i * 7919) % 1000).padStart(12, '0')}`,
      first_observed: time(at),
      last_observed: time(at + e.duration),
      number_observed: e.count,
      objects: { '0': { type: 'x-e', k: e.k, n: e.n } },
    };
  });
}

function stream(text: string, observations: readonly MatchObservation[], lateness = 0) {
  const engine = compileIndicators([{ id: 'indicator--under-test', pattern: text }]);
  expect(engine.rejected).toEqual([]);
  const session = engine.session({ allowedLatenessSeconds: lateness });
  const matches = observations.flatMap((o) => session.push(o));
  const { truncated, evictions } = session.stats();
  return { matches, limited: truncated + evictions > 0 };
}

/** Whether the exhaustive search finds an assignment; undefined when its step budget ran out first. */
function exhaustive(text: string, observations: readonly MatchObservation[]): boolean | undefined {
  const ast = parsePattern(text).ast;
  if (!ast) throw new Error(`does not parse: ${text}`);
  const outcome = findAssignment(ast.expression, observations, 1_000_000);
  return outcome.kind === 'budget' ? undefined : outcome.kind === 'found';
}

const runs = Number(process.env['KSTORM_PROPERTY_RUNS'] ?? 3000);

describe('streaming engine ≡ matchPattern', () => {
  it('finds a match whenever the exhaustive search does, and only valid ones', () => {
    fc.assert(
      fc.property(pattern, fc.array(event, { minLength: 1, maxLength: 7 }), (text, events) => {
        const input = observedData(events);
        const observations = collectObservations(input, '2.1');
        const batch = exhaustive(text, observations);
        const { matches, limited } = stream(text, observations);
        // Both sides are bounded; where a bound was hit, the two are not expected to agree.
        fc.pre(batch !== undefined && !limited);
        expect(matches.length > 0, 'streaming and batch disagree').toBe(batch);
        for (const match of matches) {
          const bound = new Set(match.observations.map((o) => o.id));
          const alone = input.filter((o) => bound.has(String(o['id'])));
          expect(matchPattern(text, alone, { stixVersion: '2.1' }).matched, 'an invalid match').toBe(true);
        }
      }),
      { numRuns: runs },
    );
  });

  it('gives the same answer when observations arrive out of order within the allowed lateness', () => {
    const delays = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 7, maxLength: 7 });
    fc.assert(
      fc.property(pattern, fc.array(event, { minLength: 1, maxLength: 7 }), delays, (text, events, delay) => {
        const observations = collectObservations(observedData(events), '2.1');
        const batch = exhaustive(text, observations);
        // Each observation arrives up to 5 s after it started; the session allows 10.
        const arrival = (o: MatchObservation, i: number): bigint =>
          o.first.epochNanos + BigInt(delay[i] ?? 0) * 1_000_000_000n;
        const shuffled = observations
          .map((o, i) => ({ o, at: arrival(o, i) }))
          .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
          .map(({ o }) => o);
        const { matches, limited } = stream(text, shuffled, 10);
        fc.pre(batch !== undefined && !limited);
        expect(matches.length > 0, 'late arrival changed the answer').toBe(batch);
      }),
      { numRuns: runs },
    );
  });
});
