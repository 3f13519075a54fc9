/**
 * Pushing one new binding from a leaf towards the root of an indicator's plan: joins it with the stored
 * bindings of the other operand (delta join: every binding made now contains the new observation, so only
 * new × stored pairs can be disjoint), counts repetitions, and stores it for later observations. Work per
 * observation is capped by a join budget, state per indicator by the stores' capacity.
 */
import { type Binding, BindingStore, combine, combineAll, overlaps, span } from './binding.js';
import type { JoinNode, Plan, PlanNode, RepeatsNode } from './plan.js';

/** The state of one stateful indicator: its stores, and what the current observation has done so far. */
export class IndicatorState {
  readonly stores: (BindingStore | undefined)[];
  evictions = 0;
  /** The sequence number of the observation `done` and `budget` refer to. */
  step = -1;
  /** True once the root has produced a binding for the current observation. */
  done = false;
  budget = 0;
  emitted: Binding | undefined;

  constructor(storeCount: number) {
    this.stores = new Array<BindingStore | undefined>(storeCount).fill(undefined);
  }

  /** Bindings held across all stores. */
  get retained(): number {
    return this.stores.reduce((sum, store) => sum + (store?.size ?? 0), 0);
  }
}

/** What propagation needs to know about time and limits. */
export interface StepLimits {
  /** Event time minus the allowed lateness: no future observation should start before it. */
  readonly now: bigint;
  /** How long bindings under no WITHIN are kept after their latest observation. */
  readonly unboundedNanos: bigint;
  /** Capacity of each store of this indicator. */
  readonly capacity: number;
}

/** Counters propagation adds to. */
export interface StepCounters {
  evictions: number;
  truncated: number;
}

/** Whether a stored binding can still take part in a match that a future observation completes. */
export function alive(node: PlanNode, binding: Binding, now: bigint, unboundedNanos: bigint): boolean {
  if (node.stop !== undefined && now >= node.stop) return false;
  // Under WITHIN, any future match spans from at least `now` back to this binding's earliest end.
  if (node.within !== undefined) return now - binding.lastMin <= node.within;
  return now - binding.lastMax <= unboundedNanos;
}

/** Repetition sets one REPEATS node offers per observation to a parent that stores them. */
export const MAX_ALTERNATIVES = 64;

interface Work {
  readonly node: number;
  readonly side: 0 | 1;
  readonly binding: Binding;
}

/**
 * Propagates `binding`, made at node `from`, up the plan. When a binding reaches the root, `state.emitted`
 * takes the first one and `state.done` is set; nodes with no storing ancestor then stop producing.
 */
export function propagate(
  plan: Plan,
  state: IndicatorState,
  from: number,
  binding: Binding,
  limits: StepLimits,
  counters: StepCounters,
): void {
  const start = plan.nodes[from];
  if (!start) return;
  const work: Work[] = [{ node: start.parent, side: start.side, binding }];
  for (let item = work.pop(); item; item = work.pop()) {
    if (item.node < 0) {
      if (!state.done) {
        state.done = true;
        state.emitted = item.binding;
      }
      continue;
    }
    const node = plan.nodes[item.node];
    if (!node) continue;
    let made: Binding[];
    if (node.kind === 'join') made = join(node, state, item, limits, counters);
    else if (node.kind === 'repeats') made = repeat(node, state, item.binding, limits, counters);
    else made = [item.binding];
    for (const next of made) work.push({ node: node.parent, side: node.side, binding: next });
  }
}

function store(state: IndicatorState, index: number, limits: StepLimits, counters: StepCounters) {
  let s = state.stores[index];
  if (!s) {
    s = new BindingStore(limits.capacity);
    state.stores[index] = s;
  }
  return {
    at: s,
    add(binding: Binding): void {
      const evicted = s.add(binding);
      state.evictions += evicted;
      counters.evictions += evicted;
    },
  };
}

/** Takes one unit of the join budget; false (and counted once) when it has run out. */
function spend(state: IndicatorState, counters: StepCounters): boolean {
  state.budget -= 1;
  if (state.budget >= 0) return true;
  if (state.budget === -1) counters.truncated += 1;
  return false;
}

function join(node: JoinNode, state: IndicatorState, item: Work, limits: StepLimits, counters: StepCounters) {
  store(state, node.stores[item.side], limits, counters).add(item.binding);
  const other = state.stores[node.stores[item.side === 0 ? 1 : 0]];
  const made: Binding[] = [];
  if (!other || (!node.feedsStore && state.done)) return made;
  for (let i = 0; i < other.size; i++) {
    const stored = other.newest(i);
    if (!stored || !alive(node, stored, limits.now, limits.unboundedNanos)) continue;
    if (!spend(state, counters)) break;
    if (overlaps(item.binding, stored)) continue;
    const [left, right] = item.side === 0 ? [item.binding, stored] : [stored, item.binding];
    // FOLLOWEDBY: some instant of the right side is not before some instant of the left side.
    if (node.operator === 'FOLLOWEDBY' && right.lastMax < left.firstMin) continue;
    const joined = combine(left, right);
    if (node.within !== undefined && span(joined) > node.within) continue;
    made.push(joined);
    // Nothing above keeps bindings: one completion of the pattern is all this observation needs.
    if (!node.feedsStore) break;
  }
  return made;
}

/**
 * REPEATS: the new binding plus stored ones, pairwise disjoint, until `times` repetitions are reached (on a
 * bare [ … ] each observation counts number_observed times), with no stored member that could be dropped —
 * the same family matchPattern searches. Sets are enumerated newest first, depth first; a set that breaks
 * the WITHIN above is not extended. At most {@link MAX_ALTERNATIVES} sets are offered to a parent that
 * stores them, one to a parent that does not.
 */
function repeat(
  node: RepeatsNode,
  state: IndicatorState,
  binding: Binding,
  limits: StepLimits,
  counters: StepCounters,
): Binding[] {
  const target = store(state, node.store, limits, counters);
  const made: Binding[] = [];
  const limit = node.feedsStore ? MAX_ALTERNATIVES : state.done ? 0 : 1;
  const weight = (b: Binding): number => (node.counting ? (b.items[0]?.observation.count ?? 1) : 1);
  const fits = (b: Binding): boolean => node.within === undefined || span(b) <= node.within;
  if (limit > 0 && node.times >= 1) {
    // Depth-first over store positions in increasing order (newest first), with an explicit stack.
    const chosen: number[] = [];
    const acc: Binding[] = [binding];
    const parts: Binding[] = [binding];
    let total = weight(binding);
    let next = 0;
    if (total >= node.times) made.push(binding);
    while (total < node.times && made.length < limit) {
      if (next >= target.at.size) {
        const back = chosen.pop();
        if (back === undefined) break;
        const dropped = parts.pop();
        acc.pop();
        total -= dropped ? weight(dropped) : 0;
        next = back + 1;
        continue;
      }
      const stored = target.at.newest(next);
      next += 1;
      if (!stored || !alive(node, stored, limits.now, limits.unboundedNanos)) continue;
      if (!spend(state, counters)) break;
      const grown = combine(acc[acc.length - 1] ?? binding, stored);
      if (!fits(grown) || parts.some((part) => overlaps(part, stored))) continue;
      const reached = total + weight(stored);
      if (reached >= node.times) {
        // Minimal apart from the new binding: dropping the lightest stored member must fall short.
        const lightest = Math.min(weight(stored), ...parts.slice(1).map(weight));
        const repeated = reached - lightest < node.times ? combineAll([...parts, stored]) : undefined;
        if (repeated) made.push(repeated);
        continue;
      }
      chosen.push(next - 1);
      parts.push(stored);
      acc.push(grown);
      total = reached;
    }
  }
  target.add(binding);
  return made;
}
