import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('equals the canonicalize package (by the RFC 8785 author) on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('sorts keys by UTF-16 code units and writes numbers as ECMAScript does', () => {
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, a: 1e21, b: 0.000001, c: -0 })).toBe(
      '{"\\r":2,"a":1e+21,"b":0.000001,"c":0,"€":1,"😀":3}',
    );
  });

  it('leaves out undefined properties and refuses non-finite numbers', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    expect(canonicalJson({ a: Number.NaN })).toBeUndefined();
  });
});
