// Which schema patterns may run on JavaScript's backtracking engine, and which must go through RE2.
import { describe, expect, it } from 'vitest';
import { isLinearPattern, pointerToPath } from './schema-registry.js';

describe('isLinearPattern', () => {
  it.each([
    '^([a-z][a-z0-9]*)+(-[a-z0-9]+)*\\-?$', // the OASIS type pattern: exponential on "aaaa…!"
    '^(a|a)*$',
    '^((ab)*)+$',
    'T\\d{2}:\\d{2}:\\d{2}\\.\\d{3,}Z$', // unanchored: quadratic on long input
  ])('sends %s to RE2', (source) => {
    expect(isLinearPattern(source)).toBe(false);
  });

  it.each([
    '^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$',
    '^[a-z][a-z0-9_]{0,245}_bin$',
    '^([a-z][a-z0-9_]{2,249})|id$',
    '^(ab)?c$',
  ])('runs %s natively', (source) => {
    expect(isLinearPattern(source)).toBe(true);
  });
});

describe('pointerToPath', () => {
  it('turns JSON pointers into readable JSON paths', () => {
    expect(pointerToPath('')).toBe('$');
    expect(pointerToPath('/object_refs/3')).toBe('$.object_refs[3]');
    expect(pointerToPath('/extensions/tcp-ext/src_flags_hex')).toBe('$.extensions["tcp-ext"].src_flags_hex');
    expect(pointerToPath('/a~1b/c~0d')).toBe('$["a/b"]["c~d"]');
  });
});
