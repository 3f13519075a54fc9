// Hand-written CIDR math: parsing IPv4/IPv6 (with `::` and IPv4 tails) and containment in both directions.
import { describe, expect, it } from 'vitest';
import { cidrContains, parseCidr } from './cidr.js';

function cidr(text: string) {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`invalid ${text}`);
  return parsed;
}

describe('parseCidr', () => {
  it('reads addresses as full-length prefixes and clears host bits', () => {
    expect(parseCidr('10.1.2.3')).toEqual({ family: 4, network: 0x0a010203n, prefix: 32 });
    expect(parseCidr('10.1.2.3/8')).toEqual({ family: 4, network: 0x0a000000n, prefix: 8 });
    expect(parseCidr('::1')).toEqual({ family: 6, network: 1n, prefix: 128 });
    expect(parseCidr('2001:db8::/32')).toEqual({ family: 6, network: 0x20010db8n << 96n, prefix: 32 });
    expect(parseCidr('::ffff:192.0.2.1')?.network).toBe((0xffffn << 32n) | 0xc0000201n);
    expect(parseCidr('1:2:3:4:5:6:7:8')?.network).toBe(0x00010002000300040005000600070008n);
  });

  it('refuses malformed text', () => {
    for (const bad of [
      '',
      '10.0.0',
      '10.0.0.256',
      '10.0.0.01',
      '10.0.0.0/33',
      '10.0.0.0/',
      '10.0.0.0/08',
      '1::2::3',
      '1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8::',
      '::g',
      'fe80::1%eth0',
      '12345::',
      '::/129',
      'x'.repeat(200),
    ]) {
      expect(parseCidr(bad), bad).toBeUndefined();
    }
  });
});

describe('cidrContains', () => {
  it('holds for ranges within ranges, including equal ones', () => {
    expect(cidrContains(cidr('10.0.0.0/8'), cidr('10.20.30.40'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/8'), cidr('10.20.0.0/16'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/8'), cidr('10.0.0.0/8'))).toBe(true);
    expect(cidrContains(cidr('0.0.0.0/0'), cidr('203.0.113.9'))).toBe(true);
    expect(cidrContains(cidr('2001:db8::/32'), cidr('2001:db8:ffff::1'))).toBe(true);
  });

  it('fails outside, for wider inner ranges and across families', () => {
    expect(cidrContains(cidr('10.0.0.0/8'), cidr('11.0.0.1'))).toBe(false);
    expect(cidrContains(cidr('10.20.0.0/16'), cidr('10.0.0.0/8'))).toBe(false);
    expect(cidrContains(cidr('2001:db8::/32'), cidr('2001:db9::1'))).toBe(false);
    expect(cidrContains(cidr('::/0'), cidr('10.0.0.1'))).toBe(false);
  });
});
