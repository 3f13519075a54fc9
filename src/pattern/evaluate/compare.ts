/**
 * Typed comparison of one property value with one prepared literal: numbers numerically, strings after NFC
 * normalisation, bytes as bytes, timestamps to the nanosecond. A type mismatch is an answer, not an error.
 */
import { Timestamp } from '../../stix/index.js';
import type { KeyStep, Literal, PathStep } from '../ast.js';
import { HASH_HEX_LENGTHS } from '../check.js';
import { compareBytes, decodeBase64, decodeHex } from './bytes.js';

/** A literal prepared once at compile time. `invalid` (e.g. an unparsable `t'…'`) never compares. */
export type Operand =
  | { readonly kind: 'number'; readonly value: bigint | number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'bytes'; readonly value: Uint8Array }
  | { readonly kind: 'timestamp'; readonly value: Timestamp }
  | { readonly kind: 'invalid' };

/**
 * How a property value relates to an operand: ordered (`lt`, `eq`, `gt`), `same` / `ne` for equal and
 * unequal values that have no order (booleans, so `<=` never holds on them), or `undefined` for a type
 * mismatch.
 */
export type Relation = 'lt' | 'eq' | 'gt' | 'same' | 'ne' | undefined;

/** How a property's string value is encoded, from its name's suffix (STIX 2.1 Part 3, binary and hex). */
export type Encoding = 'hex' | 'base64' | 'text';

// ASCII, by far the commonest text in events, is its own NFC form: skip the normaliser for it.
const NON_ASCII = /[^\0-\x7f]/;

/** `text` in Unicode NFC, as patterns compare strings; ASCII text is returned as it is. */
export function nfc(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFC') : text;
}

/** The encoding the STIX naming convention gives a property: `*_hex` hex, `*_bin` base64. */
export function encodingOf(propertyName: string): Encoding {
  return propertyName.endsWith('_hex') ? 'hex' : propertyName.endsWith('_bin') ? 'base64' : 'text';
}

/**
 * The encoding of the value a path reaches: from its last key's name, and hex for the values of the hex
 * hash algorithms (`hashes.'SHA-256'` and the like), whose letter case carries no meaning — an indicator
 * written in upper case must still find the lower-case hashes sensors emit.
 */
export function pathEncoding(steps: readonly PathStep[]): Encoding {
  const keys = steps.filter((s): s is KeyStep => s.kind === 'key');
  const last = keys.at(-1)?.name ?? '';
  if (keys.at(-2)?.name === 'hashes' && HASH_HEX_LENGTHS.has(last)) return 'hex';
  return encodingOf(last);
}

/** Prepares a literal: strings NFC-normalised, bytes decoded, timestamps parsed. */
export function prepareLiteral(literal: Literal): Operand {
  switch (literal.kind) {
    case 'int':
    case 'float':
      return { kind: 'number', value: literal.value };
    case 'string':
      return { kind: 'string', value: literal.value.normalize('NFC') };
    case 'bool':
      return { kind: 'bool', value: literal.value };
    case 'binary':
    case 'hex': {
      const bytes = literal.kind === 'hex' ? decodeHex(literal.value) : decodeBase64(literal.value);
      return bytes ? { kind: 'bytes', value: bytes } : { kind: 'invalid' };
    }
    case 'timestamp': {
      const value = Timestamp.tryParse(literal.value);
      return value ? { kind: 'timestamp', value } : { kind: 'invalid' };
    }
  }
}

function order(c: number): Relation {
  return c < 0 ? 'lt' : c > 0 ? 'gt' : 'eq';
}

/** Exact order of two numbers, either of which may be a bigint; NaN has none. */
export function compareNumbers(a: bigint | number, b: bigint | number): Relation {
  if (typeof a === 'number' && Number.isNaN(a)) return undefined;
  if (typeof b === 'number' && Number.isNaN(b)) return undefined;
  if (typeof a === typeof b) return order(a < b ? -1 : a > b ? 1 : 0);
  const flip = typeof a === 'bigint';
  const x = (flip ? b : a) as number;
  const n = (flip ? a : b) as bigint;
  // A float would round a large bigint, so compare the float's integer part as a bigint instead.
  let c: number;
  if (!Number.isFinite(x)) c = x > 0 ? 1 : -1;
  else {
    const whole = BigInt(Math.floor(x));
    c = whole < n ? -1 : whole > n ? 1 : Number.isInteger(x) ? 0 : 1;
  }
  return order(flip ? -c : c);
}

/** Order of strings by Unicode code point (not UTF-16 unit), so astral characters sort as in UTF-8. */
export function compareStrings(a: string, b: string): Relation {
  if (a === b) return 'eq';
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]?.codePointAt(0) ?? 0;
    const q = y[i]?.codePointAt(0) ?? 0;
    if (p !== q) return order(p - q);
  }
  return order(x.length - y.length);
}

/**
 * Relates a property value to an operand. A `*_hex` / `*_bin` property is decoded when compared with a
 * bytes literal; compared with a plain string literal it is compared as encoded text, hex case-insensitively
 * (hex digits mean the same in either case) and base64 exactly (its case carries bits). A plain string
 * property against a bytes literal is a mismatch.
 */
export function relate(value: unknown, encoding: Encoding, operand: Operand): Relation {
  switch (operand.kind) {
    case 'number':
      return typeof value === 'number' ? compareNumbers(value, operand.value) : undefined;
    case 'bool':
      if (typeof value !== 'boolean') return undefined;
      return value === operand.value ? 'same' : 'ne';
    case 'string':
      if (typeof value !== 'string') return undefined;
      if (encoding === 'hex') return compareStrings(value.toLowerCase(), operand.value.toLowerCase());
      return compareStrings(nfc(value), operand.value);
    case 'bytes': {
      if (typeof value !== 'string' || encoding === 'text') return undefined;
      const bytes = encoding === 'hex' ? decodeHex(value) : decodeBase64(value);
      return bytes ? order(compareBytes(bytes, operand.value)) : undefined;
    }
    case 'timestamp': {
      const time = typeof value === 'string' ? Timestamp.tryParse(value) : undefined;
      return time ? order(time.compare(operand.value)) : undefined;
    }
    case 'invalid':
      return undefined;
  }
}
