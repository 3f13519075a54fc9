/**
 * Which paths through the trees actors walk: per edge, how many sessions reached the parent and how
 * many went on to the child (and, under `sand`, the time between consecutive steps); a Beta-Binomial
 * posterior for P(child | parent) with the model's prior where it gives one; the most-travelled leaf
 * sequences; and the probability of reaching each goal, bottom-up through the gates.
 */
import { earliestDone, type LeafTimes } from '../correlate/index.js';
import { type Branch, nodesOf, type ThreatModel, type TreeNode } from '../threatmodel/index.js';
import { betaQuantile } from './beta.js';

/** How strongly a model's prior probability counts, in pseudo-observations. */
const PRIOR_STRENGTH = 2;

export interface EdgeEstimate {
  readonly parent: string;
  readonly child: string;
  /** Sessions with any witnessed step under the parent / under the child. */
  readonly entered: number;
  readonly wentOn: number;
  /** Posterior mean and 95% credible interval of P(child | parent). */
  readonly probability: number;
  readonly interval: readonly [number, number];
  /** Under `sand`: median seconds from the previous step's completion to this one's, over sessions that did both. */
  readonly medianStepSeconds?: number;
}

export interface PathCount {
  readonly leaves: readonly string[];
  readonly sessions: number;
}

export interface BranchEstimate {
  readonly branch: string;
  readonly entered: number;
  readonly reachedGoal: number;
  readonly edges: readonly EdgeEstimate[];
  /** Leaf sequences (by first observation) of the sessions that entered, most travelled first. */
  readonly paths: readonly PathCount[];
  /** P(goal) for an actor who enters the branch, from the edge estimates. */
  readonly goalProbability: number;
}

export interface SessionEvidence {
  readonly leafTimes: LeafTimes;
}

export function estimateBranches(model: ThreatModel, sessions: readonly SessionEvidence[]): BranchEstimate[] {
  return model.branches.map((branch) => estimateBranch(branch, sessions));
}

export function estimateBranch(branch: Branch, sessions: readonly SessionEvidence[]): BranchEstimate {
  const leavesUnder = new Map<string, string[]>();
  for (const node of nodesOf(branch)) {
    leavesUnder.set(
      node.id,
      [...nodesOf(node)].filter((n) => n.type === 'leaf').map((n) => n.id),
    );
  }
  const touched = (s: SessionEvidence, node: TreeNode) =>
    (leavesUnder.get(node.id) ?? []).some((l) => s.leafTimes.has(l));
  const edges: EdgeEstimate[] = [];
  const probability = new Map<string, number>();
  for (const node of nodesOf(branch)) {
    if (node.type !== 'gate') continue;
    const inside = sessions.filter((s) => touched(s, node));
    node.children.forEach((child, index) => {
      const wentOn = inside.filter((s) => touched(s, child)).length;
      const p = child.priors?.probability;
      const a = (p === undefined ? 1 : p * PRIOR_STRENGTH) + wentOn;
      const b = (p === undefined ? 1 : (1 - p) * PRIOR_STRENGTH) + inside.length - wentOn;
      const previous = node.gate === 'sand' && index > 0 ? node.children[index - 1] : undefined;
      const steps = previous === undefined ? [] : stepSeconds(inside, previous, child);
      probability.set(child.id, a / (a + b));
      edges.push({
        parent: node.id,
        child: child.id,
        entered: inside.length,
        wentOn,
        probability: a / (a + b),
        interval: [betaQuantile(0.025, a, b), betaQuantile(0.975, a, b)],
        ...(steps.length === 0 ? {} : { medianStepSeconds: median(steps) }),
      });
    });
  }
  const entered = sessions.filter((s) => touched(s, branch));
  const paths = new Map<string, PathCount>();
  for (const s of entered) {
    const leaves = (leavesUnder.get(branch.id) ?? [])
      .filter((l) => s.leafTimes.has(l))
      .sort((x, y) => compare(s.leafTimes.get(x)?.[0], s.leafTimes.get(y)?.[0]));
    const key = leaves.join('\u0000');
    paths.set(key, { leaves, sessions: (paths.get(key)?.sessions ?? 0) + 1 });
  }
  return {
    branch: branch.id,
    entered: entered.length,
    reachedGoal: entered.filter((s) => earliestDone(branch, s.leafTimes) !== undefined).length,
    edges,
    paths: [...paths.values()].sort(
      (x, y) => y.sessions - x.sessions || x.leaves.join().localeCompare(y.leaves.join()),
    ),
    goalProbability: reachProbability(branch, probability, new Set()),
  };
}

/**
 * P(node done): a witnessed leaf is certain, another leaf as likely as its edge; `or` is done unless
 * every child fails, `and` / `sand` only if every child is done (children treated as independent).
 */
export function reachProbability(
  node: TreeNode,
  edge: ReadonlyMap<string, number>,
  witnessed: ReadonlySet<string>,
): number {
  if (node.type === 'leaf') return witnessed.has(node.id) ? 1 : (edge.get(node.id) ?? 0);
  if (node.children.length === 0) return 0;
  const ps = node.children.map((c) => {
    const own = reachProbability(c, edge, witnessed);
    if (c.type === 'leaf') return own;
    // An actor not yet seen under a gate still has to take the edge into it.
    const entered = [...nodesOf(c)].some((n) => n.type === 'leaf' && witnessed.has(n.id));
    return entered ? own : own * (edge.get(c.id) ?? 1);
  });
  if (node.gate === 'or') return 1 - ps.reduce((acc, p) => acc * (1 - p), 1);
  return ps.reduce((acc, p) => acc * p, 1);
}

function stepSeconds(sessions: readonly SessionEvidence[], previous: TreeNode, child: TreeNode): number[] {
  const out: number[] = [];
  for (const s of sessions) {
    const before = earliestDone(previous, s.leafTimes);
    if (before === undefined) continue;
    const after = earliestDone(child, s.leafTimes, before);
    if (after !== undefined) out.push(Number(after - before) / 1e9);
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function compare(a: bigint | undefined, b: bigint | undefined): number {
  if (a === undefined || b === undefined) return 0;
  return a < b ? -1 : a > b ? 1 : 0;
}
