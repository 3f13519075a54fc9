/**
 * How far an actor got through an attack tree, judged on observation times (not arrival order), so a
 * late-arriving record that happened earlier still puts a `sand` step in its place.
 *
 * - `or` is done at the earliest time any child is done;
 * - `and` at the latest of its children's earliest times (all, any order);
 * - `sand` when each child is done no earlier than the previous one (greedy earliest times, which is
 *   optimal because "earliest done at or after t" only grows with t).
 */
import type { TreeNode } from '../threatmodel/index.js';

/** Observation times (ns since the epoch) at which each leaf was witnessed, ascending. */
export type LeafTimes = ReadonlyMap<string, readonly bigint[]>;

export interface NodeProgress {
  readonly id: string;
  readonly done: boolean;
  /** When the node was done (its earliest completion), if it was. */
  readonly at?: bigint;
  /** 0..1: leaves count 0 or 1; `or` its best child; `and` the mean; `sand` steps done in order plus the next one's share. */
  readonly fraction: number;
}

const NEVER = -(2n ** 63n);

/** The earliest time at or after `after` when the node is done, or undefined. */
export function earliestDone(node: TreeNode, times: LeafTimes, after: bigint = NEVER): bigint | undefined {
  if (node.type === 'leaf') return firstAtOrAfter(times.get(node.id), after);
  if (node.children.length === 0) return undefined;
  if (node.gate === 'or') {
    let best: bigint | undefined;
    for (const child of node.children) {
      const t = earliestDone(child, times, after);
      if (t !== undefined && (best === undefined || t < best)) best = t;
    }
    return best;
  }
  if (node.gate === 'and') {
    let latest = after;
    for (const child of node.children) {
      const t = earliestDone(child, times, after);
      if (t === undefined) return undefined;
      if (t > latest) latest = t;
    }
    return latest;
  }
  let t = after;
  for (const child of node.children) {
    const next = earliestDone(child, times, t);
    if (next === undefined) return undefined;
    t = next;
  }
  return t;
}

/** Progress of a node and, through `into`, of every node below it. */
export function progressOf(
  node: TreeNode,
  times: LeafTimes,
  into: Map<string, NodeProgress> = new Map(),
  after: bigint = NEVER,
): NodeProgress {
  const at = earliestDone(node, times, after);
  let fraction: number;
  if (at !== undefined) fraction = 1;
  else if (node.type === 'leaf' || node.children.length === 0) fraction = 0;
  else if (node.gate === 'or')
    fraction = Math.max(...node.children.map((c) => progressOf(c, times, into, after).fraction));
  else if (node.gate === 'and') {
    fraction =
      node.children.reduce((sum, c) => sum + progressOf(c, times, into, after).fraction, 0) /
      node.children.length;
  } else {
    let t = after;
    let steps = 0;
    let partial = 0;
    for (const child of node.children) {
      const p = progressOf(child, times, into, t);
      if (p.done && p.at !== undefined) {
        steps += 1;
        t = p.at;
        continue;
      }
      partial = p.fraction;
      break;
    }
    fraction = (steps + partial) / node.children.length;
  }
  const result: NodeProgress = {
    id: node.id,
    done: at !== undefined,
    ...(at === undefined ? {} : { at }),
    fraction,
  };
  // The first evaluation of a node is the one relative to its parent's start; keep it.
  if (!into.has(node.id)) into.set(node.id, result);
  if (node.type === 'gate' && at !== undefined)
    for (const c of node.children) progressOf(c, times, into, after);
  return result;
}

function firstAtOrAfter(sorted: readonly bigint[] | undefined, after: bigint): bigint | undefined {
  if (!sorted) return undefined;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as bigint) < after) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo];
}
