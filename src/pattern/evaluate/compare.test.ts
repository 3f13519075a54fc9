// Typed comparison helpers: exact number order across bigint and float, code-point string order, bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBytes, decodeBase64, decodeHex } from './bytes.js';
import { compareNumbers, compareStrings, encodingOf } from './compare.js';

describe('compareNumbers', () => {
  it('orders bigints and floats exactly', () => {
    expect(compareNumbers(2n ** 64n, 2 ** 64)).toBe('eq');
    expect(compareNumbers(2n ** 64n + 1n, 2 ** 64)).toBe('gt');
    expect(compareNumbers(3, 3n)).toBe('eq');
    expect(compareNumbers(3.5, 3n)).toBe('gt');
    expect(compareNumbers(-3.5, -3n)).toBe('lt');
    expect(compareNumbers(Number.POSITIVE_INFINITY, 10n ** 400n)).toBe('gt');
    expect(compareNumbers(Number.NaN, 1n)).toBeUndefined();
  });

  it('agrees with float order on safe integers', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.double({ noNaN: true }), (n, x) => {
        const expected = x < n ? 'lt' : x > n ? 'gt' : 'eq';
        expect(compareNumbers(x, BigInt(n))).toBe(expected);
      }),
    );
  });
});

describe('compareStrings', () => {
  it('orders by code point, not UTF-16 unit', () => {
    expect(compareStrings('\u{1F600}', '\uFFFF')).toBe('gt');
    expect(compareStrings('a', 'ab')).toBe('lt');
    expect(compareStrings('b', 'ab')).toBe('gt');
    expect(compareStrings('x', 'x')).toBe('eq');
  });
});

describe('bytes', () => {
  it('decodes hex in either case and refuses odd or non-hex text', () => {
    expect(decodeHex('7f45')).toEqual(new Uint8Array([0x7f, 0x45]));
    expect(decodeHex('7F45')).toEqual(new Uint8Array([0x7f, 0x45]));
    expect(decodeHex('7f4')).toBeUndefined();
    expect(decodeHex('0x')).toBeUndefined();
    expect(decodeHex('')).toEqual(new Uint8Array());
  });

  it('decodes base64 with or without padding and refuses malformed text', () => {
    const hello = new Uint8Array([104, 101, 108, 108, 111]);
    expect(decodeBase64('aGVsbG8=')).toEqual(hello);
    expect(decodeBase64('aGVsbG8')).toEqual(hello);
    expect(decodeBase64('aGVsbA==')).toEqual(hello.slice(0, 4));
    expect(decodeBase64('aGVsbA')).toEqual(hello.slice(0, 4));
    for (const bad of ['a', 'aGVsbA=', 'aGVsbG8==', 'aGV$bG8=', 'aG=sbG8='])
      expect(decodeBase64(bad), bad).toBeUndefined();
  });

  it('round-trips random bytes through Node base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        expect(decodeBase64(text)).toEqual(bytes);
        expect(decodeBase64(text.replace(/=+$/, ''))).toEqual(bytes);
        expect(decodeHex(Buffer.from(bytes).toString('hex'))).toEqual(bytes);
      }),
    );
  });

  it('orders bytes lexicographically', () => {
    expect(compareBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(-1);
    expect(compareBytes(new Uint8Array([1]), new Uint8Array([1, 0]))).toBe(-1);
    expect(compareBytes(new Uint8Array([9]), new Uint8Array([1, 0]))).toBe(1);
    expect(compareBytes(new Uint8Array([9]), new Uint8Array([9]))).toBe(0);
  });

  it('names encodings by property suffix', () => {
    expect(encodingOf('magic_number_hex')).toBe('hex');
    expect(encodingOf('payload_bin')).toBe('base64');
    expect(encodingOf('name')).toBe('text');
  });
});
