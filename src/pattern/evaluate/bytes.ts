/**
 * Hex and base64 decoding for `*_hex` / `*_bin` properties and `h'…'` / `b'…'` literals, written out so
 * that bytes compare to bytes whatever the letter case or base64 padding of either side.
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE: ReadonlyMap<string, number> = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes pairs of hex digits (either case); undefined when the text is not that. */
export function decodeHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const pair = text.slice(2 * i, 2 * i + 2);
    // parseInt alone would accept `0x` prefixes and stop at junk, so each digit is checked first.
    if (!/^[0-9A-Fa-f]{2}$/.test(pair)) return undefined;
    out[i] = Number.parseInt(pair, 16);
  }
  return out;
}

/** Decodes standard base64 with or without `=` padding; undefined when the text is not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  let body = text;
  while (body.endsWith('=')) body = body.slice(0, -1);
  if (text.length - body.length > 2 || body.length % 4 === 1) return undefined;
  if (text.length !== body.length && text.length % 4 !== 0) return undefined;
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let count = 0;
  let at = 0;
  for (const c of body) {
    const v = BASE64_VALUE.get(c);
    if (v === undefined) return undefined;
    bits = ((bits << 6) | v) & 0xffffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[at++] = (bits >> count) & 0xff;
    }
  }
  return out;
}

/** Lexicographic order of unsigned bytes, shorter first on a common prefix. */
export function compareBytes(a: Uint8Array, b: Uint8Array): -1 | 0 | 1 {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
