/**
 * The evaluation plan of one indicator: its observation expression flattened into an array of nodes with
 * parent links, so the engine can push a new binding from a leaf towards the root with a loop instead of
 * recursion. Qualifiers are pushed down to where they prune earliest: START/STOP becomes a time window on
 * every leaf below it, WITHIN a span limit on every node below it that combines observations.
 */
import {
  type ComparisonExpression,
  type ObservationExpression,
  type Pattern,
  type Qualifier,
  withinNanos,
} from '../pattern/index.js';

/** What every node knows about where it sits. */
interface NodeBase {
  /** Index of the parent node, or -1 for the root. */
  readonly parent: number;
  /** 0 when this node is its parent's left operand, 1 when the right. */
  readonly side: 0 | 1;
  /** The tightest WITHIN above this node, in nanoseconds: no binding it makes may span more. */
  readonly within: bigint | undefined;
  /** The earliest STOP above this node: once event time passes it, nothing below can bind again. */
  readonly stop: bigint | undefined;
  /** True when some ancestor stores bindings, so every binding made here is worth keeping. */
  readonly feedsStore: boolean;
}

/** One `[ … ]`: `condition` indexes the engine's deduplicated comparison tests. */
export interface LeafNode extends NodeBase {
  readonly kind: 'leaf';
  readonly condition: number;
  /** Intersection of the START/STOP windows above: every observation bound here must lie in it. */
  readonly window: { readonly start: bigint; readonly stop: bigint } | undefined;
}

/** AND / FOLLOWEDBY: two stores of operand bindings, joined on each arrival. */
export interface JoinNode extends NodeBase {
  readonly kind: 'join';
  readonly operator: 'AND' | 'FOLLOWEDBY';
  readonly stores: readonly [number, number];
}

/** REPEATS: `counting` on a bare `[ … ]`, where number_observed counts; disjoint repetitions otherwise. */
export interface RepeatsNode extends NodeBase {
  readonly kind: 'repeats';
  readonly times: number;
  readonly counting: boolean;
  readonly store: number;
}

/** OR, and WITHIN / START/STOP once their checks are pushed down: bindings pass through unchanged. */
export interface PassNode extends NodeBase {
  readonly kind: 'pass';
}

/** A node of the plan. */
export type PlanNode = LeafNode | JoinNode | RepeatsNode | PassNode;

/** The compiled plan of one indicator. */
export interface Plan {
  readonly nodes: readonly PlanNode[];
  /** Indices of the leaf nodes, in pattern order. */
  readonly leaves: readonly number[];
  /** How many binding stores the plan's join and repeats nodes use. */
  readonly storeCount: number;
  /** True when no leaf feeds a store: every hit is a match on its own, and the indicator keeps no state. */
  readonly stateless: boolean;
}

interface Frame {
  readonly expression: ObservationExpression;
  readonly parent: number;
  readonly side: 0 | 1;
  readonly within: bigint | undefined;
  readonly window: { readonly start: bigint; readonly stop: bigint } | undefined;
  readonly feedsStore: boolean;
}

function min(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}

/**
 * Builds the plan of `pattern`; `conditionOf` maps each `[ … ]` to the index of its shared test.
 * `parseTime` turns START/STOP literals (already checked) into nanoseconds.
 */
export function buildPlan(
  pattern: Pattern,
  conditionOf: (comparison: ComparisonExpression) => number,
  parseTime: (text: string) => bigint | undefined,
): Plan {
  const nodes: PlanNode[] = [];
  const leaves: number[] = [];
  let storeCount = 0;
  const base = (f: Frame) => ({
    parent: f.parent,
    side: f.side,
    within: f.within,
    stop: f.window?.stop,
    feedsStore: f.feedsStore,
  });
  const stack: Frame[] = [
    {
      expression: pattern.expression,
      parent: -1,
      side: 0,
      within: undefined,
      window: undefined,
      feedsStore: false,
    },
  ];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const e = frame.expression;
    const index = nodes.length;
    if (e.kind === 'observation') {
      leaves.push(index);
      nodes.push({
        kind: 'leaf',
        ...base(frame),
        condition: conditionOf(e.comparison),
        window: frame.window,
      });
      continue;
    }
    if (e.kind === 'observationBinary') {
      const child = { parent: index, within: frame.within, window: frame.window };
      if (e.operator === 'OR') {
        nodes.push({ kind: 'pass', ...base(frame) });
        stack.push({ ...child, expression: e.right, side: 1, feedsStore: frame.feedsStore });
        stack.push({ ...child, expression: e.left, side: 0, feedsStore: frame.feedsStore });
      } else {
        nodes.push({
          kind: 'join',
          ...base(frame),
          operator: e.operator,
          stores: [storeCount, storeCount + 1],
        });
        storeCount += 2;
        stack.push({ ...child, expression: e.right, side: 1, feedsStore: true });
        stack.push({ ...child, expression: e.left, side: 0, feedsStore: true });
      }
      continue;
    }
    // Qualifiers apply innermost first, so the last one written is the outermost node.
    const qualifier = e.qualifiers[e.qualifiers.length - 1];
    const rest = e.qualifiers.slice(0, -1);
    const inner: ObservationExpression =
      rest.length > 0 ? { ...e, qualifiers: [rest[0] as Qualifier, ...rest.slice(1)] } : e.expression;
    const next = { ...frame, expression: inner, parent: index, side: 0 as const };
    if (qualifier?.kind === 'repeats') {
      const times = qualifier.times.value;
      const counting = inner.kind === 'observation';
      // REPEATS beyond any store can never be met; the checker rejects 0 and below.
      const bounded = times > 0n && times <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(times) : 0;
      nodes.push({ kind: 'repeats', ...base(frame), times: bounded, counting, store: storeCount });
      storeCount += 1;
      stack.push({ ...next, feedsStore: true });
    } else if (qualifier?.kind === 'within') {
      nodes.push({ kind: 'pass', ...base(frame) });
      stack.push({ ...next, within: min(frame.within, withinNanos(qualifier)) });
    } else if (qualifier?.kind === 'startStop') {
      nodes.push({ kind: 'pass', ...base(frame) });
      const start = parseTime(qualifier.start.value);
      const stop = parseTime(qualifier.stop.value);
      // A window that does not parse admits nothing, as in matchPattern.
      const own = start !== undefined && stop !== undefined ? { start, stop } : { start: 1n, stop: 0n };
      const window = frame.window
        ? {
            start: own.start > frame.window.start ? own.start : frame.window.start,
            stop: own.stop < frame.window.stop ? own.stop : frame.window.stop,
          }
        : own;
      stack.push({ ...next, window });
    } else {
      nodes.push({ kind: 'pass', ...base(frame) });
      stack.push(next);
    }
  }
  const stateless = leaves.every((leaf) => !nodes[leaf]?.feedsStore);
  return { nodes, leaves, storeCount, stateless };
}
