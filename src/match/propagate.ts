/**
 * Pushing one new binding from a leaf towards the root of an indicator's plan: joins it with the stored
 * bindings of the other operand (delta join: every binding made now contains the new observation, so only
 * new × stored pairs can be disjoint), counts repetitions, and stores it for later observations. Work per
 * observation is capped by a join budget, state per indicator by the stores' capacity.
 */
import { type Binding, combine, overlaps, span, survives } from './binding.js';
import type { JoinNode, Plan } from './plan.js';
import { repeat } from './repeat.js';
import { cutoffFor, type IndicatorState, type StepCounters, type StepLimits, spend, store } from './state.js';

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
      if (!state.done && (state.accept?.(item.binding) ?? true)) {
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

function join(node: JoinNode, state: IndicatorState, item: Work, limits: StepLimits, counters: StepCounters) {
  const cutoff = cutoffFor(node, limits.now, limits.unboundedNanos);
  store(state, node.stores[item.side], cutoff, counters).add(item.binding);
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
    if (!node.feedsStore && !(state.accept?.(joined) ?? true)) continue;
    made.push(joined);
    // Nothing above keeps bindings: one completion of the pattern is all this observation needs.
    if (!node.feedsStore) break;
  }
  return made;
}
