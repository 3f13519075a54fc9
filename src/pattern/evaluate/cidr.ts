/**
 * IPv4 and IPv6 address ranges for ISSUBSET / ISSUPERSET, parsed by hand into BigInt so that no input text
 * reaches a regex engine and IPv6's 128 bits stay exact.
 */

/** An address range: `prefix` leading bits of `network` are fixed, the rest (already zeroed) vary. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly prefix: number;
}

const MAX_TEXT = 100;

function decimal(text: string, max: number): number | undefined {
  // Leading zeros are refused: `010` reads as octal in some stacks, so its meaning is ambiguous.
  if (text === '' || text.length > 3 || (text.length > 1 && text.startsWith('0'))) return undefined;
  for (const c of text) if (c < '0' || c > '9') return undefined;
  const n = Number(text);
  return n <= max ? n : undefined;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    const n = decimal(part, 255);
    if (n === undefined) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function hexGroup(text: string): bigint | undefined {
  if (text === '' || text.length > 4) return undefined;
  for (const c of text.toLowerCase())
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return undefined;
  return BigInt(`0x${text}`);
}

/** Sixteen-bit groups of one side of `::`; an IPv4 tail counts as two groups. */
function groups(text: string, allowIpv4Tail: boolean): bigint[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const out: bigint[] = [];
  for (const [i, part] of parts.entries()) {
    if (allowIpv4Tail && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      out.push(v4 >> 16n, v4 & 0xffffn);
    } else {
      const g = hexGroup(part);
      if (g === undefined) return undefined;
      out.push(g);
    }
  }
  return out;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const [headText = '', tailText] = halves;
  const head = groups(headText, tailText === undefined);
  const tail = tailText === undefined ? [] : groups(tailText, true);
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  // `::` stands for at least one zero group; without it there must be exactly eight.
  if (tailText === undefined ? missing !== 0 : missing < 1) return undefined;
  let value = 0n;
  for (const g of [...head, ...Array<bigint>(tailText === undefined ? 0 : missing).fill(0n), ...tail]) {
    value = (value << 16n) | g;
  }
  return value;
}

/**
 * Parses `address` or `address/prefix` (IPv4 dotted quad or IPv6, no zone id). Host bits below the prefix
 * are cleared, as routers do, so `10.1.2.3/8` is the range of `10.0.0.0/8`. Invalid text gives undefined.
 */
export function parseCidr(text: string): Cidr | undefined {
  if (text.length > MAX_TEXT) return undefined;
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const family = address.includes(':') ? 6 : 4;
  const bits = family === 4 ? 32 : 128;
  const value = family === 4 ? parseIpv4(address) : parseIpv6(address);
  if (value === undefined) return undefined;
  const prefix = slash < 0 ? bits : decimal(text.slice(slash + 1), bits);
  if (prefix === undefined) return undefined;
  const hostBits = BigInt(bits - prefix);
  return { family, network: (value >> hostBits) << hostBits, prefix };
}

/** True when every address of `inner` lies in `outer` (a range contains itself). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || outer.prefix > inner.prefix) return false;
  const shift = BigInt((outer.family === 4 ? 32 : 128) - outer.prefix);
  return outer.network >> shift === inner.network >> shift;
}
