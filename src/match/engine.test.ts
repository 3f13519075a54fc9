// compileIndicators: indicator intake (every rejection code, on realistic STIX indicator objects), choice
// of the latest version among several inputs with one id, the 2.0 grammar, checker warnings kept,
// deduplication of identical `[ … ]`s into one condition, and a 5 000-indicator feed with a few bad
// indicators that compiles and runs with the rest.
import { describe, expect, it } from 'vitest';
import type { MatchObservation } from '../pattern/index.js';
import { id, type Obj } from '../pattern/match/fixtures.test-support.js';
import { indicator, observationOf } from './fixtures.test-support.js';
import { compileIndicators, type MatchEngine } from './index.js';

const IND = (n: number): string => id('indicator', n);
const OD = (n: number): string => id('observed-data', n);

const ipv4 = (n: number, value: string): Obj => ({
  type: 'ipv4-addr',
  spec_version: '2.1',
  id: id('ipv4-addr', n),
  value,
});

/** An observed-data numbered `n` over `scos` at `first`, as the session takes it. */
const observation = (n: number, scos: readonly Obj[], first = '2026-01-31T12:00:00Z'): MatchObservation =>
  observationOf(n, scos, first);

/** The indicator ids one observation matches, sorted. */
function matchedBy(engine: MatchEngine, o: MatchObservation): string[] {
  return engine
    .session()
    .push(o)
    .map((m) => m.indicator)
    .sort();
}

const rejections = (engine: MatchEngine): [string, string][] =>
  engine.rejected.map((r) => [r.indicator, r.code]);

const ATTACKER = ipv4(1, '198.51.100.23');
const ATTACKER_PATTERN = "[ipv4-addr:value = '198.51.100.23']";

describe('intake', () => {
  it('accepts a full STIX indicator and a bare {id, pattern} record', () => {
    const engine = compileIndicators([
      indicator(1, ATTACKER_PATTERN),
      { id: 'indicator--bare', pattern: ATTACKER_PATTERN },
    ]);
    expect(engine.rejected).toEqual([]);
    expect(engine.indicators.map((i) => i.id)).toEqual([IND(1), 'indicator--bare']);
    expect(engine.indicators[0]?.validFrom).toBe(1_767_225_600_000_000_000n);
    expect(engine.indicators[0]?.validUntil).toBeUndefined();
    expect(matchedBy(engine, observation(1, [ATTACKER]))).toEqual([IND(1), 'indicator--bare']);
  });

  it('rejects what is not an object, or has no string id or pattern, as KSTORM_INDICATOR_SHAPE', () => {
    const { id: _, ...noId } = indicator(5, ATTACKER_PATTERN);
    const engine = compileIndicators([
      null,
      42,
      'indicator--00000000-0000-4000-8000-000000000000',
      [indicator(3, ATTACKER_PATTERN)],
      noId,
      indicator(6, ATTACKER_PATTERN, { pattern: undefined }),
      indicator(7, ATTACKER_PATTERN, { pattern: ['[ipv4-addr:value = 1]'] }),
      indicator(8, ATTACKER_PATTERN, { id: 8 }),
      indicator(9, ATTACKER_PATTERN),
    ]);
    expect(rejections(engine)).toEqual([
      ['#0', 'KSTORM_INDICATOR_SHAPE'],
      ['#1', 'KSTORM_INDICATOR_SHAPE'],
      ['#2', 'KSTORM_INDICATOR_SHAPE'],
      ['#3', 'KSTORM_INDICATOR_SHAPE'],
      ['#4', 'KSTORM_INDICATOR_SHAPE'],
      [IND(6), 'KSTORM_INDICATOR_SHAPE'],
      [IND(7), 'KSTORM_INDICATOR_SHAPE'],
      ['#7', 'KSTORM_INDICATOR_SHAPE'],
    ]);
    expect(engine.rejected.every((r) => r.diagnostics.length === 0 && r.message.length > 0)).toBe(true);
    expect(engine.indicators.map((i) => i.id)).toEqual([IND(9)]);
  });

  it('rejects other pattern languages as KSTORM_INDICATOR_PATTERN_TYPE', () => {
    const engine = compileIndicators([
      indicator(1, 'title: ssh from the internet\ndetection: {}', { pattern_type: 'sigma' }),
      indicator(2, 'rule x { condition: true }', { pattern_type: 'yara' }),
      indicator(3, ATTACKER_PATTERN, { pattern_type: 7 }),
      indicator(4, ATTACKER_PATTERN, { pattern_type: 'STIX' }),
      indicator(5, ATTACKER_PATTERN, { pattern_type: 'stix' }),
      { id: IND(6), pattern: ATTACKER_PATTERN },
    ]);
    expect(rejections(engine)).toEqual([
      [IND(1), 'KSTORM_INDICATOR_PATTERN_TYPE'],
      [IND(2), 'KSTORM_INDICATOR_PATTERN_TYPE'],
      [IND(3), 'KSTORM_INDICATOR_PATTERN_TYPE'],
      [IND(4), 'KSTORM_INDICATOR_PATTERN_TYPE'],
    ]);
    expect(engine.rejected[0]?.message).toContain('"sigma"');
    expect(engine.indicators.map((i) => i.id)).toEqual([IND(5), IND(6)]);
  });

  it('rejects revoked indicators as KSTORM_INDICATOR_REVOKED; revoked: false is accepted', () => {
    const engine = compileIndicators([
      indicator(1, ATTACKER_PATTERN, { revoked: true }),
      indicator(2, ATTACKER_PATTERN, { revoked: false }),
    ]);
    expect(rejections(engine)).toEqual([[IND(1), 'KSTORM_INDICATOR_REVOKED']]);
    expect(matchedBy(engine, observation(1, [ATTACKER]))).toEqual([IND(2)]);
  });

  it('rejects valid_from / valid_until that are not STIX timestamps as KSTORM_INDICATOR_SHAPE', () => {
    const engine = compileIndicators([
      indicator(1, ATTACKER_PATTERN, { valid_from: 'yesterday' }),
      indicator(2, ATTACKER_PATTERN, { valid_until: 1_767_225_600 }),
      indicator(3, ATTACKER_PATTERN, { valid_from: '2026-01-01' }),
      indicator(4, ATTACKER_PATTERN, { valid_until: '2026-12-31T23:59:59.999Z' }),
    ]);
    expect(rejections(engine)).toEqual([
      [IND(1), 'KSTORM_INDICATOR_SHAPE'],
      [IND(2), 'KSTORM_INDICATOR_SHAPE'],
      [IND(3), 'KSTORM_INDICATOR_SHAPE'],
    ]);
    expect(engine.indicators.map((i) => [i.id, i.validUntil])).toEqual([
      [IND(4), 1_798_761_599_999_000_000n],
    ]);
  });

  it('rejects invalid patterns with the code and the diagnostics of the pattern checker', () => {
    const engine = compileIndicators([
      indicator(1, "[ipv4-addr:value = '198.51.100.23'"),
      indicator(2, "[process:command_line MATCHES '(?=curl)']"),
      indicator(3, '[network-traffic:dst_port = 22] WITHIN 0 SECONDS'),
      indicator(4, "[file:hashes.'SHA-256' = 'abc']"),
      indicator(5, ''),
    ]);
    expect(rejections(engine)).toEqual([
      [IND(1), 'KSTORM_PATTERN_SYNTAX'],
      [IND(2), 'KSTORM_PATTERN_REGEX'],
      [IND(3), 'KSTORM_PATTERN_QUALIFIER'],
      [IND(4), 'KSTORM_PATTERN_HASH'],
      [IND(5), 'KSTORM_PATTERN_SYNTAX'],
    ]);
    for (const rejected of engine.rejected) {
      const error = rejected.diagnostics.find((d) => d.severity === 'error');
      expect(error?.code, rejected.indicator).toBe(rejected.code);
      expect(rejected.message).toBe(error?.message);
    }
    expect(engine.indicators).toEqual([]);
    expect(engine.conditionCount).toBe(0);
  });
});

describe('versions: several inputs with one id', () => {
  const SSH = '[network-traffic:dst_port = 22]';
  const TELNET = '[network-traffic:dst_port = 23]';
  const RDP = '[network-traffic:dst_port = 3389]';
  const traffic = (port: number): MatchObservation =>
    observation(port, [{ type: 'network-traffic', id: id('network-traffic', port), dst_port: port }]);
  /** Which port each input's pattern matches tells which version the engine uses. */
  const usedPort = (engine: MatchEngine): number[] =>
    [22, 23, 3389].filter((port) => engine.session().push(traffic(port)).length > 0);

  it('uses the version with the latest modified and rejects the others as duplicates', () => {
    const engine = compileIndicators([
      indicator(1, SSH, { modified: '2026-01-15T08:00:00Z' }),
      indicator(1, TELNET, { modified: '2026-03-01T00:00:00.000000001Z' }),
      indicator(1, RDP, { modified: '2026-03-01T00:00:00Z' }),
    ]);
    expect(engine.indicators.map((i) => i.id)).toEqual([IND(1)]);
    expect(rejections(engine)).toEqual([
      [IND(1), 'KSTORM_INDICATOR_DUPLICATE'],
      [IND(1), 'KSTORM_INDICATOR_DUPLICATE'],
    ]);
    expect(engine.rejected[0]?.message).toContain('#1');
    expect(usedPort(engine)).toEqual([23]);
  });

  it('uses the first of equally modified versions, and prefers any modified to none', () => {
    const equal = compileIndicators([
      indicator(1, SSH, { modified: '2026-02-01T00:00:00Z' }),
      indicator(1, TELNET, { modified: '2026-02-01T00:00:00.000Z' }),
    ]);
    expect(usedPort(equal)).toEqual([22]);
    const unversioned = compileIndicators([{ id: IND(1), pattern: SSH }, indicator(1, RDP)]);
    expect(usedPort(unversioned)).toEqual([3389]);
    expect(rejections(unversioned)).toEqual([[IND(1), 'KSTORM_INDICATOR_DUPLICATE']]);
  });

  it('does not evaluate an indicator whose latest version is revoked', () => {
    // STIX 2.1 §3.6: revocation is permanent, so an older unrevoked copy in the feed must not keep it alive.
    const engine = compileIndicators([
      indicator(1, SSH, { modified: '2026-01-15T08:00:00Z' }),
      indicator(1, SSH, { modified: '2026-02-01T00:00:00Z', revoked: true }),
    ]);
    expect(engine.indicators.map((i) => i.id)).toEqual([]);
    expect(usedPort(engine)).toEqual([]);
    expect(
      rejections(engine)
        .map(([, code]) => code)
        .sort(),
    ).toEqual(['KSTORM_INDICATOR_DUPLICATE', 'KSTORM_INDICATOR_REVOKED']);
  });
});

describe('pattern_version', () => {
  const windowed20 =
    "[ipv4-addr:value = '198.51.100.23'] START '2026-01-31T12:00:00Z' STOP '2026-01-31T13:00:00Z'";

  it("'2.0' selects the 2.0 grammar: START/STOP take plain strings, and the window applies", () => {
    const engine = compileIndicators([
      indicator(1, windowed20, { pattern_version: '2.0' }),
      indicator(2, windowed20),
      indicator(3, windowed20, { pattern_version: undefined }),
    ]);
    expect(rejections(engine)).toEqual([
      [IND(2), 'KSTORM_PATTERN_SYNTAX'],
      [IND(3), 'KSTORM_PATTERN_SYNTAX'],
    ]);
    expect(engine.indicators.map((i) => i.id)).toEqual([IND(1)]);
    expect(matchedBy(engine, observation(1, [ATTACKER], '2026-01-31T12:30:00Z'))).toEqual([IND(1)]);
    expect(matchedBy(engine, observation(2, [ATTACKER], '2026-01-31T13:30:00Z'))).toEqual([]);
  });

  it("'2.0' refuses what 2.1 added (EXISTS, t'…' literals)", () => {
    const engine = compileIndicators([
      indicator(1, '[EXISTS process:command_line]', { pattern_version: '2.0' }),
      indicator(2, '[EXISTS process:command_line]'),
      indicator(
        3,
        "[ipv4-addr:value = '198.51.100.23'] START t'2026-01-31T12:00:00Z' STOP t'2026-01-31T13:00:00Z'",
        { pattern_version: '2.0' },
      ),
    ]);
    expect(rejections(engine)).toEqual([
      [IND(1), 'KSTORM_PATTERN_SYNTAX'],
      [IND(3), 'KSTORM_PATTERN_SYNTAX'],
    ]);
    expect(engine.indicators.map((i) => i.id)).toEqual([IND(2)]);
  });
});

describe('warnings', () => {
  it('keeps checker warnings of accepted indicators, by id, and only for indicators that have some', () => {
    const engine = compileIndicators([
      indicator(1, "[network-traffic:dst_port = 22 AND user-account:user_id = 'x']"),
      indicator(2, "[ipv4-addr:valeu = '198.51.100.23']"),
      indicator(3, ATTACKER_PATTERN),
    ]);
    expect(engine.rejected).toEqual([]);
    expect(engine.indicators.map((i) => i.id)).toEqual([IND(1), IND(2), IND(3)]);
    expect([...engine.warnings.keys()].sort()).toEqual([IND(1), IND(2)]);
    expect(engine.warnings.get(IND(1))?.map((d) => [d.code, d.severity])).toEqual([
      ['KSTORM_PATTERN_UNSATISFIABLE', 'warning'],
    ]);
    expect(engine.warnings.get(IND(2))?.map((d) => [d.code, d.severity])).toEqual([
      ['KSTORM_PATTERN_UNKNOWN_PROPERTY', 'warning'],
    ]);
  });

  it('an unsatisfiable bracket is compiled but never matches, even on an observation with both objects', () => {
    const engine = compileIndicators([
      indicator(1, "[network-traffic:dst_port = 22 AND user-account:user_id = 'x']"),
    ]);
    const both = observation(1, [
      { type: 'network-traffic', id: id('network-traffic', 1), dst_port: 22 },
      { type: 'user-account', id: id('user-account', 2), user_id: 'x' },
    ]);
    const session = engine.session();
    expect(session.push(both)).toEqual([]);
    expect(session.stats().evaluated).toBe(0);
  });
});

describe('condition deduplication', () => {
  it('compiles one condition for a bracket that several indicators (or one, twice) write', () => {
    const engine = compileIndicators([
      indicator(1, ATTACKER_PATTERN),
      indicator(2, "[ ipv4-addr:value  ==  '198.51.100.23' ]"),
      indicator(3, `${ATTACKER_PATTERN} AND [process:pid = 4242]`),
      indicator(4, `${ATTACKER_PATTERN} FOLLOWEDBY ${ATTACKER_PATTERN}`),
    ]);
    expect(engine.rejected).toEqual([]);
    expect(engine.conditionCount).toBe(2);
    const session = engine.session();
    const matches = session.push(observation(1, [ATTACKER]));
    expect(matches.map((m) => m.indicator).sort()).toEqual([IND(1), IND(2)]);
    // The shared condition is tested once for all four indicators.
    expect(session.stats().evaluated).toBe(1);
    expect(
      session
        .push(observation(2, [ATTACKER], '2026-01-31T12:00:05Z'))
        .map((m) => m.indicator)
        .sort(),
    ).toEqual([IND(1), IND(2), IND(4)]);
  });

  it('keeps brackets that differ in meaning apart', () => {
    const engine = compileIndicators([
      indicator(1, ATTACKER_PATTERN),
      indicator(2, "[ipv4-addr:value != '198.51.100.23']"),
      indicator(3, "[ipv4-addr:value = '198.51.100.24']"),
      indicator(4, "[ipv6-addr:value = '198.51.100.23']"),
    ]);
    expect(engine.conditionCount).toBe(4);
  });
});

describe('a feed of 5 000 indicators', () => {
  const address = (n: number): string =>
    `10.${Math.floor(n / 65_536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
  const BAD = new Map<number, [Obj, string]>([
    [17, [indicator(17, "[ipv4-addr:value = '10.0.0.17'"), 'KSTORM_PATTERN_SYNTAX']],
    [
      999,
      [
        indicator(999, "[ipv4-addr:value = '10.0.3.231']", { pattern_type: 'snort' }),
        'KSTORM_INDICATOR_PATTERN_TYPE',
      ],
    ],
    [
      2_500,
      [indicator(2_500, "[ipv4-addr:value = '10.0.9.196']", { revoked: true }), 'KSTORM_INDICATOR_REVOKED'],
    ],
    [4_000, [{ type: 'indicator', pattern: "[ipv4-addr:value = '10.0.15.160']" }, 'KSTORM_INDICATOR_SHAPE']],
    [4_999, [indicator(4_999, "[ipv4-addr:value MATCHES '(a)\\\\1']"), 'KSTORM_PATTERN_REGEX']],
  ]);
  const feed: unknown[] = Array.from(
    { length: 5_000 },
    (_, n) => BAD.get(n)?.[0] ?? indicator(n, `[ipv4-addr:value = '${address(n)}']`),
  );
  // One more copy of indicator 42 with an older modified time: a duplicate, and 42 still runs.
  feed.push(indicator(42, "[ipv4-addr:value = '192.0.2.42']", { modified: '2025-12-01T00:00:00Z' }));

  it('compiles the good ones, lists the bad ones in input order, and matches only through the good ones', () => {
    const engine = compileIndicators(feed);
    expect(engine.rejected.map((r) => [r.indicator, r.code])).toEqual([
      [IND(17), 'KSTORM_PATTERN_SYNTAX'],
      [IND(999), 'KSTORM_INDICATOR_PATTERN_TYPE'],
      [IND(2_500), 'KSTORM_INDICATOR_REVOKED'],
      ['#4000', 'KSTORM_INDICATOR_SHAPE'],
      [IND(4_999), 'KSTORM_PATTERN_REGEX'],
      [IND(42), 'KSTORM_INDICATOR_DUPLICATE'],
    ]);
    expect(engine.indicators).toHaveLength(4_995);
    expect(engine.conditionCount).toBe(4_995);

    const session = engine.session();
    const ip = (n: number, value: string): MatchObservation => observation(n, [ipv4(n, value)]);
    expect(session.push(ip(1, address(1234))).map((m) => m.indicator)).toEqual([IND(1234)]);
    expect(session.push(ip(2, address(42))).map((m) => m.indicator)).toEqual([IND(42)]);
    expect(session.push(ip(3, '192.0.2.42'))).toEqual([]);
    for (const [n, value] of [
      [17, '10.0.0.17'],
      [999, '10.0.3.231'],
      [2_500, '10.0.9.196'],
      [4_000, '10.0.15.160'],
    ] as const) {
      expect(session.push(ip(n, value)), `indicator ${n}`).toEqual([]);
    }
    expect(session.stats()).toMatchObject({ observations: 7, matches: 2, evaluated: 2, retained: 0 });
  });
});

describe('engine and sessions', () => {
  it('sessions of one engine keep separate state', () => {
    const engine = compileIndicators([indicator(1, `${ATTACKER_PATTERN} AND [process:pid = 4242]`)]);
    const shell = { type: 'process', id: id('process', 2), pid: 4242 };
    const first = engine.session();
    const second = engine.session();
    expect(first.push(observation(1, [ATTACKER]))).toEqual([]);
    expect(second.push(observation(2, [shell], '2026-01-31T12:00:01Z'))).toEqual([]);
    expect(first.stats().retained).toBe(1);
    expect(second.stats().retained).toBe(1);
    const match = first.push(observation(3, [shell], '2026-01-31T12:00:02Z'));
    expect(match.map((m) => m.observations.map((o) => o.id))).toEqual([[OD(1), OD(3)]]);
  });
});
