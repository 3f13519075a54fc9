// The LIKE matcher: anchored, `%` any run, `_` one code point, no escapes, and no regex built from input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLike, matchLike } from './like.js';

const like = (pattern: string, text: string) => matchLike(compileLike(pattern), text);

describe('matchLike', () => {
  it('anchors at both ends', () => {
    expect(like('bash', 'bash')).toBe(true);
    expect(like('bash', '/bin/bash')).toBe(false);
    expect(like('%bash', '/bin/bash')).toBe(true);
    expect(like('/bin/%', '/bin/bash')).toBe(true);
    expect(like('/bin/%', '/usr/bin/bash')).toBe(false);
  });

  it('treats % as any run (even empty) and _ as exactly one character', () => {
    expect(like('%', '')).toBe(true);
    expect(like('a%b%c', 'abc')).toBe(true);
    expect(like('a%b%c', 'axxbyyc')).toBe(true);
    expect(like('a%b%c', 'axxcyyb')).toBe(false);
    expect(like('_', '')).toBe(false);
    expect(like('b_sh', 'bash')).toBe(true);
    expect(like('b_sh', 'bsh')).toBe(false);
    expect(like('%_%', '')).toBe(false);
    expect(like('ab%ab', 'ab')).toBe(false);
    expect(like('_', '😀')).toBe(true);
  });

  it('has no escape character and no regex metacharacters', () => {
    expect(like('a\\%', 'a\\xyz')).toBe(true);
    expect(like('.*', 'anything')).toBe(false);
    expect(like('[a]', '[a]')).toBe(true);
  });

  it('stays fast on adversarial input', () => {
    const start = performance.now();
    expect(like(`${'%a'.repeat(50)}%b`, 'a'.repeat(20_000))).toBe(false);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('agrees with a reference regex on random inputs', () => {
    const alphabet = fc.constantFrom('a', 'b', '%', '_');
    fc.assert(
      fc.property(
        fc.string({ unit: alphabet, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 10 }),
        (p, t) => {
          // Test-only oracle over a two-letter alphabet: nothing here is user input.
          const oracle = new RegExp(`^${p.replaceAll('%', '.*').replaceAll('_', '.')}$`, 'su');
          expect(like(p, t)).toBe(oracle.test(t));
        },
      ),
    );
  });
});
