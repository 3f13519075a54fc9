// The multi-literal matchers: LiteralMatcher reports exactly the literals `includes` would find, whatever
// overlaps and shared prefixes or suffixes they have; ContainmentIndex admits a value only when all of its
// literals occur. Both are checked against the naive answer on random literals and texts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContainmentIndex, LiteralMatcher } from './literal-matcher.js';

function found(literals: readonly string[], text: string): number[] {
  const matcher = new LiteralMatcher();
  literals.forEach((literal, i) => {
    matcher.add(literal, i);
  });
  const hits = new Set<number>();
  matcher.scan(text, (value) => hits.add(value));
  return [...hits].sort((a, b) => a - b);
}

function naive(literals: readonly string[], text: string): number[] {
  return literals.flatMap((literal, i) => (text.includes(literal) ? [i] : []));
}

// A small alphabet makes overlaps, shared prefixes and suffix links frequent.
const unit = fc.constantFrom('a', 'b', 'c', '/', ' ', 'é', '😀');
const literal = fc.string({ unit, minLength: 1, maxLength: 5 });
const text = fc.string({ unit, maxLength: 40 });

describe('LiteralMatcher', () => {
  it('finds overlapping literals and literals inside other literals', () => {
    const literals = ['he', 'she', 'his', 'hers', 'e'];
    expect(found(literals, 'ushers')).toEqual([0, 1, 3, 4]);
    expect(found(literals, 'this')).toEqual([2]);
    expect(found(literals, 'xyz')).toEqual([]);
    expect(found(['kubectl logs ', 'logs'], 'kubectl logs -f pod')).toEqual([0, 1]);
  });

  it('reports exactly what includes() finds, for random literals and texts', () => {
    fc.assert(
      fc.property(fc.array(literal, { minLength: 1, maxLength: 12 }), text, (literals, t) => {
        expect(found(literals, t)).toEqual(naive(literals, t));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses literals once it has scanned (it is immutable from then on)', () => {
    const matcher = new LiteralMatcher();
    matcher.add('a', 0);
    matcher.scan('a', () => {});
    expect(() => matcher.add('b', 1)).toThrow(/after scan/);
  });

  it('scans a 1 MB value in one pass', () => {
    const matcher = new LiteralMatcher();
    for (let i = 0; i < 1000; i++) matcher.add(`needle-${i}-`, i);
    let hits = 0;
    matcher.scan(`${'x'.repeat(1_000_000)}needle-999-`, () => {
      hits += 1;
    });
    expect(hits).toBe(1);
  });
});

describe('ContainmentIndex', () => {
  it('admits a value only when every literal of an entry occurs, once per scan', () => {
    const index = new ContainmentIndex();
    index.add(['curl', '| sh'], 7);
    index.add(['wget'], 8);
    index.add(['', ''], 9); // nothing to look for: never admitted rather than always
    const admitted = (t: string): number[] => {
      const out: number[] = [];
      index.scan(t, (value) => out.push(value));
      return out;
    };
    expect(admitted('curl -s http://x | sh; curl again | sh')).toEqual([7]);
    expect(admitted('curl -s http://x')).toEqual([]);
    expect(admitted('wget x && curl y | sh')).toEqual([8, 7]);
  });

  it('agrees with includes() on every literal, for random entries and texts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(literal, { minLength: 1, maxLength: 3 }), { maxLength: 6 }),
        text,
        (entries, t) => {
          const index = new ContainmentIndex();
          entries.forEach((literals, i) => {
            index.add(literals, i);
          });
          const out = new Set<number>();
          index.scan(t, (value) => out.add(value));
          const expected = entries.flatMap((literals, i) =>
            literals.every((l) => t.includes(l)) ? [i] : [],
          );
          expect([...out].sort((a, b) => a - b)).toEqual(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
