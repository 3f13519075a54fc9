// Qualifiers (WITHIN, REPEATS, START/STOP) to the nanosecond, and the search's step budget.
import { describe, expect, it } from 'vitest';
import { parsePattern } from '../parser.js';
import { findAssignment } from './bind.js';
import { bundle, id, type Obj, observed } from './fixtures.test-support.js';
import { matchPattern } from './match.js';
import { collectObservations } from './observations.js';

const SRC: Obj = { type: 'ipv4-addr', spec_version: '2.1', id: id('ipv4-addr', 1), value: '198.51.100.4' };
const SHELL: Obj = {
  type: 'process',
  spec_version: '2.1',
  id: id('process', 2),
  pid: 31337,
  command_line: 'sh',
};
const OD = (n: number): string => id('observed-data', n);

const T = (s: string): string => `2026-01-31T12:00:${s}Z`;
const IP = "[ipv4-addr:value = '198.51.100.4']";
const PROC = '[process:pid = 31337]';

describe('WITHIN', () => {
  const pattern = `(${IP} AND ${PROC}) WITHIN 5 SECONDS`;

  it('accepts exactly n seconds and rejects n seconds plus one nanosecond', () => {
    const exact = [
      bundle(SRC, SHELL, observed(1, [SRC], T('00.000000001')), observed(2, [SHELL], T('05.000000001'))),
    ];
    expect(matchPattern(pattern, exact)).toEqual({ matched: true, bindings: [[OD(1), OD(2)]] });
    const over = [
      bundle(SRC, SHELL, observed(1, [SRC], T('00.000000001')), observed(2, [SHELL], T('05.000000002'))),
    ];
    expect(matchPattern(pattern, over).matched).toBe(false);
  });

  it('chooses instants inside each interval: latest first_observed − earliest last_observed ≤ n', () => {
    const covered = [bundle(SRC, SHELL, observed(1, [SRC], T('00'), T('10')), observed(2, [SHELL], T('15')))];
    expect(matchPattern(pattern, covered).matched).toBe(true);
    const gap = [bundle(SRC, SHELL, observed(1, [SRC], T('00'), T('10')), observed(2, [SHELL], T('15.5')))];
    expect(matchPattern(pattern, gap).matched).toBe(false);
  });

  it('looks past a first candidate that is out of the window (backtracking)', () => {
    const input = [
      bundle(
        SRC,
        SHELL,
        observed(1, [SRC], T('00')),
        observed(2, [SRC], T('40')),
        observed(3, [SHELL], T('42')),
      ),
    ];
    expect(matchPattern(pattern, input).bindings).toEqual([[OD(2), OD(3)]]);
  });
});

describe('REPEATS', () => {
  it('needs n different observations', () => {
    const three = [
      bundle(SRC, observed(1, [SRC], T('00')), observed(2, [SRC], T('01')), observed(3, [SRC], T('02'))),
    ];
    expect(matchPattern(`${IP} REPEATS 3 TIMES`, three)).toEqual({
      matched: true,
      bindings: [[OD(1), OD(2), OD(3)]],
    });
    expect(matchPattern(`${IP} REPEATS 4 TIMES`, three).matched).toBe(false);
  });

  it('counts number_observed as repetitions of the same observation', () => {
    const once = [bundle(SRC, observed(1, [SRC], T('00'), T('30'), 5))];
    expect(matchPattern(`${IP} REPEATS 5 TIMES`, once)).toEqual({ matched: true, bindings: [[OD(1)]] });
    expect(matchPattern(`${IP} REPEATS 6 TIMES`, once).matched).toBe(false);
    const mixed = [
      bundle(SRC, observed(1, [SRC], T('00'), T('00'), 2), observed(2, [SRC], T('09'), T('09'), 2)),
    ];
    expect(matchPattern(`${IP} REPEATS 4 TIMES`, mixed).bindings).toEqual([[OD(1), OD(2)]]);
    const huge = [bundle(SRC, observed(1, [SRC], T('00'), T('59'), 1_000_000))];
    expect(matchPattern(`${IP} REPEATS 1000000 TIMES`, huge).matched).toBe(true);
  });

  it('combines with WITHIN: the repetitions must fit one window', () => {
    const input = [
      bundle(SRC, ...[0, 20, 21, 22].map((s, i) => observed(i + 1, [SRC], T(String(s).padStart(2, '0'))))),
    ];
    expect(matchPattern(`${IP} REPEATS 3 TIMES WITHIN 2 SECONDS`, input).bindings).toEqual([
      [OD(2), OD(3), OD(4)],
    ]);
    expect(matchPattern(`${IP} REPEATS 4 TIMES WITHIN 2 SECONDS`, input).matched).toBe(false);
  });

  it('finds repetitions that leave room for other operands, not only consecutive runs', () => {
    // Three IP sightings; the middle one must go to the other operand, so the repetitions are 1 and 3.
    const sightings = [1, 2, 3].map((n) => observed(n, [SRC], T(`0${n}`)));
    const input = [bundle(SRC, ...sightings)];
    const pattern = `(${IP} REPEATS 2 TIMES) AND [ipv4-addr:value = '198.51.100.4' AND ipv4-addr:id = '${SRC['id']}']`;
    expect(matchPattern(pattern, input).matched).toBe(true);
  });

  it('finds 10 repetitions inside a window among 1 000 spread-out sightings, within the step budget', () => {
    const minute = (i: number): string =>
      `2026-01-31T${String(10 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`;
    // One sighting a minute for 1 000 minutes, then a burst of ten inside 30 seconds.
    const spread = Array.from({ length: 1000 }, (_, i) => observed(i + 1, [SRC], minute(i % 600)));
    const burst = Array.from({ length: 10 }, (_, i) =>
      observed(2000 + i, [SRC], `2026-01-31T20:00:${String(i * 3).padStart(2, '0')}Z`),
    );
    const result = matchPattern(`${IP} REPEATS 10 TIMES WITHIN 30 SECONDS`, [
      bundle(SRC, ...spread, ...burst),
    ]);
    expect(result.bindings).toEqual([burst.map((o) => o['id'])]);
    expect(
      matchPattern(`${IP} REPEATS 11 TIMES WITHIN 30 SECONDS`, [bundle(SRC, ...spread, ...burst)]).matched,
    ).toBe(false);
  });

  it('repeats composite expressions with disjoint bindings', () => {
    const pattern = `(${IP} AND ${PROC}) REPEATS 2 TIMES`;
    const ips = [observed(1, [SRC], T('00')), observed(2, [SRC], T('01'))];
    const enough = [bundle(SRC, SHELL, ...ips, observed(3, [SHELL], T('02')), observed(4, [SHELL], T('03')))];
    expect(matchPattern(pattern, enough).bindings).toEqual([[OD(1), OD(3), OD(2), OD(4)]]);
    expect(matchPattern(pattern, [bundle(SRC, SHELL, ...ips, observed(3, [SHELL], T('02')))]).matched).toBe(
      false,
    );
  });
});

describe('START / STOP', () => {
  const pattern = `${IP} START t'2026-01-31T12:00:00Z' STOP t'2026-01-31T12:01:00Z'`;

  it('includes the start instant and excludes the stop instant', () => {
    expect(matchPattern(pattern, [bundle(SRC, observed(1, [SRC], T('00')))]).matched).toBe(true);
    const stop = '2026-01-31T12:01:00Z';
    expect(matchPattern(pattern, [bundle(SRC, observed(1, [SRC], T('30'), stop))]).matched).toBe(false);
    const justIn = [bundle(SRC, observed(1, [SRC], T('30'), T('59.999999999')))];
    expect(matchPattern(pattern, justIn).matched).toBe(true);
    const early = [bundle(SRC, observed(1, [SRC], '2026-01-31T11:59:59.999999999Z', T('30')))];
    expect(matchPattern(pattern, early).matched).toBe(false);
  });
});

describe('search budget', () => {
  const twelve = Array.from({ length: 12 }, () => IP).join(' AND ');
  const many = (n: number): Obj[] => [
    bundle(SRC, ...Array.from({ length: n }, (_, i) => observed(i + 1, [SRC], T('00')))),
  ];

  it('finds a 12-way AND over 200 identical observations with 12 distinct bindings', () => {
    const result = matchPattern(twelve, many(200));
    expect(result.matched).toBe(true);
    expect(new Set(result.bindings[0]).size).toBe(12);
  });

  it('gives up without throwing or hanging when the search space explodes', () => {
    expect(matchPattern(`${twelve} AND ${PROC}`, many(200))).toEqual({ matched: false, bindings: [] });
    expect(matchPattern(twelve, many(11))).toEqual({ matched: false, bindings: [] });
  });

  it('reports that the budget, not the search space, ended the search', () => {
    const ast = parsePattern(`${twelve} AND ${PROC}`).ast;
    if (!ast) throw new Error('did not parse');
    const observations = collectObservations(many(200), '2.1');
    expect(findAssignment(ast.expression, observations).kind).toBe('budget');
    expect(findAssignment(ast.expression, observations.slice(0, 3), 1_000_000).kind).toBe('none');
  });
});
