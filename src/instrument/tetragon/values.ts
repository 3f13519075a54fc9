/**
 * Small readers for the values a TracingPolicy carries as text (integers, ports, addresses, CIDRs) and a
 * bounded quote for messages: policy files come from anywhere, and a message repeats at most a prefix.
 */
import { isIpv4, isIpv6 } from '../../stix/index.js';

const QUOTE_LIMIT = 80;

/** `text` as a JSON string, cut to a bounded prefix. */
export function quote(text: string): string {
  if (text.length <= QUOTE_LIMIT) return JSON.stringify(text);
  // Cut between characters, not inside a surrogate pair.
  const characters = [...text.slice(0, QUOTE_LIMIT + 1)];
  return JSON.stringify(`${characters.slice(0, -1).join('')}…`);
}

/** True for an IPv4 or IPv6 address, or such an address with a `/prefix` of the right length. */
export function isAddressOrCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash === -1) return isIpv4(text) || isIpv6(text);
  const address = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  const length = Number(bits);
  if (isIpv4(address)) return length <= 32;
  return isIpv6(address) && length <= 128;
}

/** Integers as Tetragon reads them (Go `ParseInt(v, 0, …)`): decimal, `0x` hex, `0o`/`0` octal, `0b` binary. */
export function parseInteger(text: string | number): bigint | undefined {
  if (typeof text === 'number') return Number.isInteger(text) ? BigInt(text) : undefined;
  const match = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]+|[1-9][0-9_]*|0)$/.exec(text);
  if (!match) return undefined;
  const sign = match[1] === '-' ? -1n : 1n;
  let digits = (match[2] ?? '').replaceAll('_', '');
  if (/^0[0-7]/.test(digits)) digits = `0o${digits.slice(1)}`;
  else if (/^0[oO]/.test(digits)) digits = `0o${digits.slice(2)}`;
  try {
    return sign * BigInt(digits);
  } catch {
    return undefined;
  }
}

/** A port (`443`) or an inclusive range (`1024:65535`), as the port operators take them. */
export function isPortOrRange(text: string | number): boolean {
  const parts = String(text).split(':');
  if (parts.length > 2) return false;
  return parts.every((part) => /^\d{1,5}$/.test(part) && Number(part) <= 65_535);
}

/** `min:max` with two integers, as InRange / NotInRange take them. */
export function isIntegerRange(text: string | number): boolean {
  const parts = String(text).split(':');
  return parts.length === 2 && parts.every((part) => parseInteger(part) !== undefined);
}

const encoder = new TextEncoder();

/** Bytes of `text` in UTF-8: Tetragon's length limits count bytes. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** The longest start of `text` of at most `maxBytes` UTF-8 bytes, cut between characters. */
export function utf8Start(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const character of text) {
    bytes += utf8Length(character);
    if (bytes > maxBytes) break;
    end += character.length;
  }
  return text.slice(0, end);
}

/** The longest end of `text` of at most `maxBytes` UTF-8 bytes, cut between characters. */
export function utf8End(text: string, maxBytes: number): string {
  const characters = [...text];
  let bytes = 0;
  let start = characters.length;
  while (start > 0) {
    bytes += utf8Length(characters[start - 1] ?? '');
    if (bytes > maxBytes) break;
    start -= 1;
  }
  return characters.slice(start).join('');
}
