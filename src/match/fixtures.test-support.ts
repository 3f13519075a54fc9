// Shared builders for the match engine's tests (not part of the build): STIX indicators and the
// observations a session takes.
import { type MatchObservation, toMatchObservation } from '../pattern/index.js';
import { id, type Obj, observed } from '../pattern/match/fixtures.test-support.js';

/** A STIX 2.1 indicator numbered `n`, valid from the start of 2026, with `extra` properties on top. */
export function indicator(n: number, pattern: string, extra: Obj = {}): Obj {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: id('indicator', n),
    created: '2026-01-15T08:00:00.000Z',
    modified: '2026-01-15T08:00:00.000Z',
    name: `honeycluster indicator ${n}`,
    indicator_types: ['malicious-activity'],
    pattern,
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

/** The observed-data numbered `n` over `scos`, as a session takes it (its SCOs resolved). */
export function observationOf(
  n: number,
  scos: readonly Obj[],
  first: string,
  last = first,
  count = 1,
): MatchObservation {
  const byId = new Map(scos.map((s) => [String(s['id']), s]));
  const observation = toMatchObservation(observed(n, scos, first, last, count), byId, '2.1');
  if (!observation) throw new Error(`observed-data ${n} has no valid interval`);
  return observation;
}
