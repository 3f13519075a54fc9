// Observation-level matching (STIX 2.1 Part 9): binding rules of AND / OR / FOLLOWEDBY, input shapes, errors.
import { describe, expect, it } from 'vitest';
import { isKstormError } from '../../util/index.js';
import { parsePattern } from '../parser.js';
import { bundle, id, type Obj, observed } from './fixtures.test-support.js';
import { matchPattern } from './match.js';

const ip = (n: number, value: string): Obj => ({
  type: 'ipv4-addr',
  spec_version: '2.1',
  id: id('ipv4-addr', n),
  value,
});
const proc = (n: number, pid: number): Obj => ({
  type: 'process',
  spec_version: '2.1',
  id: id('process', n),
  pid,
});

const SRC = ip(1, '10.0.0.1');
const DST = ip(2, '203.0.113.7');
const SHELL = proc(3, 4242);
const TRAFFIC: Obj = {
  type: 'network-traffic',
  spec_version: '2.1',
  id: id('network-traffic', 4),
  src_ref: SRC['id'],
  dst_ref: DST['id'],
  dst_port: 443,
  protocols: ['ipv4', 'tcp'],
};
const T = (s: string): string => `2026-01-31T12:00:${s}Z`;
const OD = (n: number): string => id('observed-data', n);

describe('matchPattern: a single observation expression', () => {
  it('binds the observed-data whose SCOs satisfy the comparison, following refs', () => {
    const input = [bundle(SRC, DST, TRAFFIC, observed(1, [TRAFFIC, SRC, DST], T('00')))];
    const result = matchPattern(
      "[network-traffic:dst_ref.value = '203.0.113.7' AND network-traffic:dst_port = 443]",
      input,
    );
    expect(result).toEqual({ matched: true, bindings: [[OD(1)]] });
  });

  it('does not match when no observation satisfies it', () => {
    const input = [bundle(SRC, observed(1, [SRC], T('00')))];
    expect(matchPattern("[ipv4-addr:value = '10.9.9.9']", input)).toEqual({ matched: false, bindings: [] });
  });

  it('accepts a parsed Pattern as well as text', () => {
    const ast = parsePattern('[process:pid = 4242]').ast;
    if (!ast) throw new Error('did not parse');
    expect(matchPattern(ast, [bundle(SHELL, observed(1, [SHELL], T('00')))]).matched).toBe(true);
  });

  it('resolves loose objects and refs across inputs', () => {
    const input = [observed(1, [SRC], T('00')), bundle(SRC)];
    expect(matchPattern("[ipv4-addr:value = '10.0.0.1']", input).bindings).toEqual([[OD(1)]]);
  });

  it('reads 2.0 embedded objects', () => {
    const od20: Obj = {
      type: 'observed-data',
      id: OD(7),
      first_observed: T('00'),
      last_observed: T('00'),
      number_observed: 1,
      objects: {
        '0': { type: 'ipv4-addr', value: '10.0.0.1' },
        '1': { type: 'network-traffic', src_ref: '0' },
      },
    };
    const pattern = "[network-traffic:src_ref.value = '10.0.0.1']";
    expect(matchPattern(pattern, [bundle(od20)], { stixVersion: '2.0' }).bindings).toEqual([[OD(7)]]);
  });

  it('throws KSTORM_PATTERN_SYNTAX with the first diagnostic on an invalid pattern', () => {
    const attempt = (): unknown => matchPattern('[ipv4-addr:value = ', []);
    expect(attempt).toThrow(/column/);
    try {
      attempt();
    } catch (error) {
      expect(isKstormError(error) && error.code).toBe('KSTORM_PATTERN_SYNTAX');
    }
  });
});

describe('matchPattern: AND / OR', () => {
  const both = observed(1, [SRC, SHELL], T('00'));
  const pattern = "[ipv4-addr:value = '10.0.0.1'] AND [process:pid = 4242]";

  it('AND needs two different observations: one satisfying both sides is not a match', () => {
    expect(matchPattern(pattern, [bundle(SRC, SHELL, both)]).matched).toBe(false);
    const same = "[ipv4-addr:value = '10.0.0.1'] AND [ipv4-addr:value = '10.0.0.1']";
    expect(matchPattern(same, [bundle(SRC, observed(2, [SRC], T('00')))]).matched).toBe(false);
  });

  it('AND binds disjoint observations, listed left to right', () => {
    const input = [bundle(SRC, SHELL, both, observed(2, [SHELL], T('01')))];
    expect(matchPattern(pattern, input)).toEqual({ matched: true, bindings: [[OD(1), OD(2)]] });
    const same = "[ipv4-addr:value = '10.0.0.1'] AND [ipv4-addr:value = '10.0.0.1']";
    const two = [bundle(SRC, observed(2, [SRC], T('00')), observed(3, [SRC], T('05')))];
    expect(matchPattern(same, two).bindings).toEqual([[OD(2), OD(3)]]);
  });

  it('OR is satisfied by either side and binds only that side', () => {
    const or = "[ipv4-addr:value = '10.9.9.9'] OR [process:pid = 4242]";
    expect(matchPattern(or, [bundle(SHELL, observed(1, [SHELL], T('00')))]).bindings).toEqual([[OD(1)]]);
    expect(matchPattern(or, [bundle(SRC, observed(1, [SRC], T('00')))]).matched).toBe(false);
  });
});

describe('matchPattern: FOLLOWEDBY', () => {
  const pattern = "[ipv4-addr:value = '10.0.0.1'] FOLLOWEDBY [process:pid = 4242]";

  it('orders by observation time, not input order', () => {
    const input = [bundle(SRC, SHELL, observed(2, [SHELL], T('30')), observed(1, [SRC], T('10')))];
    expect(matchPattern(pattern, input)).toEqual({ matched: true, bindings: [[OD(1), OD(2)]] });
  });

  it('does not match when the right side is observed only earlier', () => {
    const input = [bundle(SRC, SHELL, observed(1, [SRC], T('30')), observed(2, [SHELL], T('10')))];
    expect(matchPattern(pattern, input).matched).toBe(false);
  });

  it('accepts the same instant and overlapping intervals (t2 ≥ t1 for some chosen instants)', () => {
    const same = [bundle(SRC, SHELL, observed(1, [SRC], T('10.5')), observed(2, [SHELL], T('10.5')))];
    expect(matchPattern(pattern, same).matched).toBe(true);
    const overlap = [
      bundle(SRC, SHELL, observed(1, [SRC], T('10'), T('40')), observed(2, [SHELL], T('00'), T('10'))),
    ];
    expect(matchPattern(pattern, overlap).matched).toBe(true);
    const justBefore = [
      bundle(
        SRC,
        SHELL,
        observed(1, [SRC], T('10'), T('40')),
        observed(2, [SHELL], T('00'), T('09.999999999')),
      ),
    ];
    expect(matchPattern(pattern, justBefore).matched).toBe(false);
  });

  it('needs two different observations', () => {
    expect(matchPattern(pattern, [bundle(SRC, SHELL, observed(1, [SRC, SHELL], T('00')))]).matched).toBe(
      false,
    );
  });
});
