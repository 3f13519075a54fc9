/**
 * The temporal state of one indicator in a session, and what every step of propagation shares: its time
 * limits, its counters, store access with expiry and eviction, and the join budget.
 */
import { type Binding, BindingStore, type Cutoff } from './binding.js';
import type { PlanNode } from './plan.js';

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

  /**
   * @param capacity of each of the indicator's stores
   * @param accept whether a complete binding may be reported (the indicator's validity); all when unset
   */
  constructor(
    storeCount: number,
    readonly capacity: number,
    readonly accept: ((binding: Binding) => boolean) | undefined,
  ) {
    this.stores = new Array<BindingStore | undefined>(storeCount).fill(undefined);
  }

  /** Bindings held across all stores. */
  get retained(): number {
    return this.stores.reduce((sum, store) => sum + (store?.size ?? 0), 0);
  }
}

/** What propagation needs to know about time, the same for every indicator on one observation. */
export interface StepLimits {
  /** Event time minus the allowed lateness: no future observation should start before it. */
  readonly now: bigint;
  /** How long bindings under no WITHIN are kept after their latest observation. */
  readonly unboundedNanos: bigint;
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

/** Store `index` of the indicator (made on first use), with an `add` that counts what leaves it. */
export function store(state: IndicatorState, index: number, cutoff: Cutoff, counters: StepCounters) {
  let s = state.stores[index];
  if (!s) {
    s = new BindingStore(state.capacity);
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
export function spend(state: IndicatorState, counters: StepCounters): boolean {
  state.budget -= 1;
  if (state.budget >= 0) return true;
  if (state.budget === -1) counters.truncated += 1;
  return false;
}
