import { describe, expect, it } from 'vitest';
import { witnessedLeaf as leaf, modelFromBranches } from '../threatmodel/fixtures.test-support.js';
import type { Branch } from '../threatmodel/index.js';
import { betaCdf, betaQuantile, logGamma } from './beta.js';
import { estimateBranch, reachProbability } from './paths.js';

describe('Beta distribution', () => {
  it('agrees with closed forms', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
    for (const x of [0.1, 0.37, 0.5, 0.9]) {
      expect(betaCdf(x, 1, 1)).toBeCloseTo(x, 10);
      expect(betaCdf(x, 3, 1)).toBeCloseTo(x ** 3, 10);
      expect(betaCdf(x, 1, 4)).toBeCloseTo(1 - (1 - x) ** 4, 10);
      // Beta(2, 2): 3x² − 2x³.
      expect(betaCdf(x, 2, 2)).toBeCloseTo(3 * x ** 2 - 2 * x ** 3, 10);
    }
    expect(betaQuantile(0.5, 7, 7)).toBeCloseTo(0.5, 8);
    expect(betaQuantile(0.975, 1, 1)).toBeCloseTo(0.975, 8);
    expect(betaQuantile(0.025, 50, 50)).toBeCloseTo(0.4025, 3);
  });
});

const BRANCH = modelFromBranches(`    - id: root
      goal: g
      gate: sand
      children:
        - {id: entry, gate: or, children: [${leaf('a', 0.8)}, ${leaf('b')}]}
        - ${leaf('c')}
`).branches[0] as Branch;

const S = 1_000_000_000n;
const session = (entries: Record<string, number>) => ({
  leafTimes: new Map(Object.entries(entries).map(([k, v]) => [k, [BigInt(v) * S]])),
});

describe('estimateBranch', () => {
  const sessions = [
    session({ a: 0, c: 60 }),
    session({ a: 0, c: 120 }),
    session({ a: 0 }),
    session({ b: 0 }),
    session({ c: 5 }), // c without the entry step: entered the branch, not the goal
  ];
  const estimate = estimateBranch(BRANCH, sessions);

  it('counts who entered, who went on, and who reached the goal', () => {
    expect(estimate.entered).toBe(5);
    expect(estimate.reachedGoal).toBe(2);
    const edge = (child: string) => estimate.edges.find((e) => e.child === child);
    expect(edge('entry')).toMatchObject({ entered: 5, wentOn: 4 });
    expect(edge('c')).toMatchObject({ entered: 5, wentOn: 3, medianStepSeconds: 90 });
    expect(edge('a')).toMatchObject({ entered: 4, wentOn: 3 });
    expect(edge('b')).toMatchObject({ entered: 4, wentOn: 1 });
  });

  it('gives Beta-Binomial posteriors, with the model prior where there is one', () => {
    const a = estimate.edges.find((e) => e.child === 'a');
    // Prior 0.8 × 2 pseudo-observations: Beta(1.6 + 3, 0.4 + 1).
    expect(a?.probability).toBeCloseTo(4.6 / 6, 10);
    const b = estimate.edges.find((e) => e.child === 'b');
    expect(b?.probability).toBeCloseTo(2 / 6, 10);
    expect(b?.interval[0]).toBeCloseTo(betaQuantile(0.025, 2, 4), 10);
    expect(b?.interval[0]).toBeLessThan(b?.probability ?? 0);
    expect(b?.interval[1]).toBeGreaterThan(b?.probability ?? 1);
  });

  it('ranks the paths walked and estimates the chance of reaching the goal', () => {
    expect(estimate.paths).toEqual([
      { leaves: ['a', 'c'], sessions: 2 },
      { leaves: ['a'], sessions: 1 },
      { leaves: ['b'], sessions: 1 },
      { leaves: ['c'], sessions: 1 },
    ]);
    const p = new Map(estimate.edges.map((e) => [e.child, e.probability]));
    const entry = 1 - (1 - (p.get('a') ?? 0)) * (1 - (p.get('b') ?? 0));
    expect(estimate.goalProbability).toBeCloseTo(entry * (p.get('entry') ?? 0) * (p.get('c') ?? 0), 10);
    // Evidence raises it: an actor seen at a only needs c.
    expect(reachProbability(BRANCH, p, new Set(['a']))).toBeCloseTo(p.get('c') ?? 0, 10);
  });
});
