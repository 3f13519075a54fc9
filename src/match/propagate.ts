/**
 * Pushing one new binding from a leaf towards the root of an indicator's plan: joins it with the stored
 * bindings of the other operand (delta join: every binding made now contains the new observation, so only
 * new × stored pairs can be disjoint), counts repetitions, and stores it for later observations. Work per
 * observation is capped by a join budget, state per indicator by the stores' capacity.
 */
import {
  type Binding,
  BindingStore,
  type Cutoff,
  combine,
  combineAll,
  overlaps,
  span,
  survives,
} from './binding.js';
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
  /** Whether a complete binding may be reported (the indicator's validity); true for all when unset. */
  readonly accept?: ((binding: Binding) => boolean) | undefined;
}

/** Counters propagation adds to. */
export interface StepCounters {
  evictions: number;
  expired: number;
  truncated: number;
}

/** The cutoff below which `node`'s stored bindings are useless at event time `now`. */
export function cutoffFor(node: PlanNode, now: bigint, unboundedNanos: bigint): Cutoff {
  if (node.stop !== undefined && now >= node.stop) return { dead: true };
  // Under WITHIN, any future match spans from at least `now` back to a binding's earliest end.
  if (node.within !== undefined) return { dead: false, lastMin: now - node.within };
  return { dead: false, lastMax: now - unboundedNanos };
}

/**
 * Whether a repetition set is one matchPattern searches too: the repetition that starts last completes
 * the count, and none of the others could be dropped. Ties go by observed-data id, then arrival, as
 * matchPattern orders its candidates, so the answer does not depend on arrival order.
 */
function minimal(
  set: readonly Binding[],
  total: number,
  times: number,
  weight: (b: Binding) => number,
): boolean {
  let last = set[0];
  for (const b of set) if (!last || later(b, last)) last = b;
  let lightest = Number.POSITIVE_INFINITY;
  for (const b of set) if (b !== last) lightest = Math.min(lightest, weight(b));
  return total - lightest < times;
}

function later(a: Binding, b: Binding): boolean {
  if (a.firstMin !== b.firstMin) return a.firstMin > b.firstMin;
  const x = a.items[0];
  const y = b.items[0];
  if (!x || !y || x.observation.id === y.observation.id) return (x?.seq ?? 0) > (y?.seq ?? 0);
  return x.observation.id > y.observation.id;
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
      if (!state.done && (limits.accept?.(item.binding) ?? true)) {
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

function store(
  state: IndicatorState,
  index: number,
  cutoff: Cutoff,
  limits: StepLimits,
  counters: StepCounters,
) {
  let s = state.stores[index];
  if (!s) {
    s = new BindingStore(limits.capacity);
    state.stores[index] = s;
  }
  return {
    at: s,
    add(binding: Binding): void {
      const { evicted, expired } = s.add(binding, cutoff);
      state.evictions += evicted;
      counters.evictions += evicted;
      counters.expired += expired;
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
  const cutoff = cutoffFor(node, limits.now, limits.unboundedNanos);
  store(state, node.stores[item.side], cutoff, limits, counters).add(item.binding);
  const other = state.stores[node.stores[item.side === 0 ? 1 : 0]];
  const made: Binding[] = [];
  if (!other || (!node.feedsStore && state.done)) return made;
  // A new left side of FOLLOWEDBY needs a right side that ends no earlier than it begins; in a time-ordered
  // stream the stored right sides usually all end before, and one bound says so for the whole store.
  const latest = other.latestLast;
  if (
    node.operator === 'FOLLOWEDBY' &&
    item.side === 0 &&
    (latest === undefined || latest < item.binding.firstMin)
  ) {
    return made;
  }
  for (let i = 0; i < other.size; i++) {
    const stored = other.newest(i);
    if (!stored || !survives(stored, cutoff)) continue;
    if (!spend(state, counters)) break;
    if (overlaps(item.binding, stored)) continue;
    const [left, right] = item.side === 0 ? [item.binding, stored] : [stored, item.binding];
    // FOLLOWEDBY: some instant of the right side is not before some instant of the left side.
    if (node.operator === 'FOLLOWEDBY' && right.lastMax < left.firstMin) continue;
    const joined = combine(left, right);
    if (node.within !== undefined && span(joined) > node.within) continue;
    // Straight below the root, a binding that could not be reported must not end the search.
    if (!node.feedsStore && !(limits.accept?.(joined) ?? true)) continue;
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
  const cutoff = cutoffFor(node, limits.now, limits.unboundedNanos);
  const target = store(state, node.store, cutoff, limits, counters);
  const made: Binding[] = [];
  const limit = node.feedsStore ? MAX_ALTERNATIVES : state.done ? 0 : 1;
  const weight = (b: Binding): number => (node.counting ? (b.items[0]?.observation.count ?? 1) : 1);
  const fits = (b: Binding): boolean => node.within === undefined || span(b) <= node.within;
  const offer = (b: Binding): void => {
    if (node.feedsStore || (limits.accept?.(b) ?? true)) made.push(b);
  };
  if (limit > 0 && node.times >= 1) {
    const size = target.at.size;
    // ahead[i]: the weight of the live stored bindings from position i on, the most they can still add.
    const ahead = new Array<number>(size + 1).fill(0);
    for (let i = size - 1; i >= 0; i--) {
      const stored = target.at.newest(i);
      ahead[i] = (ahead[i + 1] ?? 0) + (stored && survives(stored, cutoff) ? weight(stored) : 0);
    }
    // Depth-first over store positions in increasing order (newest first), with an explicit stack.
    const chosen: number[] = [];
    const acc: Binding[] = [binding];
    const parts: Binding[] = [binding];
    let total = weight(binding);
    let next = 0;
    if (total >= node.times) offer(binding);
    while (total < node.times && made.length < limit) {
      if (next >= size || total + (ahead[next] ?? 0) < node.times) {
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
      if (!stored || !survives(stored, cutoff)) continue;
      if (!spend(state, counters)) break;
      const grown = combine(acc[acc.length - 1] ?? binding, stored);
      if (!fits(grown) || parts.some((part) => overlaps(part, stored))) continue;
      const reached = total + weight(stored);
      if (reached >= node.times) {
        if (minimal([...parts, stored], reached, node.times, weight)) {
          const repeated = combineAll([...parts, stored]);
          if (repeated) offer(repeated);
        }
        continue;
      }
      chosen.push(next - 1);
      parts.push(stored);
      acc.push(grown);
      total = reached;
    }
    if (made.length >= limit && limit === MAX_ALTERNATIVES) counters.truncated += 1;
  }
  target.add(binding);
  return made;
}
