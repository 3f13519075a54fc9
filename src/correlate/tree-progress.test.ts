import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { witnessedLeaf as leaf, modelFromBranches } from '../threatmodel/fixtures.test-support.js';
import type { Branch } from '../threatmodel/index.js';
import { earliestDone, type LeafTimes, progressOf } from './tree-progress.js';

/** root: sand( or(a, b), and(c, d), e ) */
const branch: Branch = modelFromBranches(`    - id: root
      goal: g
      gate: sand
      children:
        - {id: get-in, gate: or, children: [${leaf('a')}, ${leaf('b')}]}
        - {id: both, gate: and, children: [${leaf('c')}, ${leaf('d')}]}
        - ${leaf('e')}
`).branches[0] as Branch;

const times = (entries: Record<string, number[]>): LeafTimes =>
  new Map(Object.entries(entries).map(([k, v]) => [k, v.map(BigInt).sort((x, y) => (x < y ? -1 : 1))]));

describe('gate semantics on observation time', () => {
  it('or: any child; and: all, any order; sand: all, in order', () => {
    expect(earliestDone(branch, times({ a: [1], c: [3], d: [2], e: [4] }))).toBe(4n);
    expect(earliestDone(branch, times({ b: [1], d: [2], c: [5], e: [6] }))).toBe(6n);
    // e happened before the AND was complete: the sequence is not walked.
    expect(earliestDone(branch, times({ a: [1], c: [3], d: [5], e: [4] }))).toBeUndefined();
    // …until e happens again afterwards.
    expect(earliestDone(branch, times({ a: [1], c: [3], d: [5], e: [4, 9] }))).toBe(9n);
    // The entry step must come first.
    expect(earliestDone(branch, times({ a: [7], c: [3], d: [5], e: [9] }))).toBeUndefined();
  });

  it('does not depend on the order the observations arrived in', () => {
    const events = [
      ['a', 1],
      ['c', 3],
      ['d', 2],
      ['e', 4],
    ] as const;
    fc.assert(
      fc.property(fc.shuffledSubarray([...events], { minLength: 4, maxLength: 4 }), (arrival) => {
        const map = new Map<string, bigint[]>();
        for (const [id, t] of arrival) {
          const list = map.get(id) ?? [];
          list.push(BigInt(t));
          list.sort((x, y) => (x < y ? -1 : 1));
          map.set(id, list);
        }
        expect(earliestDone(branch, map)).toBe(4n);
      }),
    );
  });

  it('measures how far along a branch is', () => {
    const nodes = new Map();
    expect(progressOf(branch, times({}), nodes).fraction).toBe(0);
    expect(progressOf(branch, times({ b: [1] })).fraction).toBeCloseTo(1 / 3);
    expect(progressOf(branch, times({ b: [1], c: [2] })).fraction).toBeCloseTo(1.5 / 3);
    const done = progressOf(branch, times({ a: [1], c: [2], d: [3], e: [4] }), nodes);
    expect(done).toMatchObject({ done: true, at: 4n, fraction: 1 });
    // c before the entry step does not count towards the sequence.
    expect(progressOf(branch, times({ c: [0], a: [1] })).fraction).toBeCloseTo(1 / 3);
  });
});
