/**
 * IP address SCOs from text a sensor reported: the right type for the family, or nothing when the text
 * is not an address (sensor fields are attacker-influenced; a malformed value must not become an
 * invalid object).
 */
import { sco } from './builders.js';
import { isIpv6OrCidr } from './validate/errata.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** True for a dotted-quad IPv4 address (no prefix, no leading zeros). */
export function isIpv4(text: string): boolean {
  return text.length <= 15 && IPV4.test(text);
}

/** True for an IPv6 address in any RFC 4291 text form (no prefix). */
export function isIpv6(text: string): boolean {
  return !text.includes('/') && isIpv6OrCidr(text);
}

/** An `ipv4-addr` or `ipv6-addr` for `text`, or undefined when it is neither. */
export function ipAddress(text: string) {
  if (isIpv4(text)) return sco('ipv4-addr', { value: text });
  if (isIpv6(text)) return sco('ipv6-addr', { value: text });
  return undefined;
}
