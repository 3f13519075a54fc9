/**
 * REPEATS in the streaming engine: the repetition sets a new binding completes, enumerated depth first
 * over the node's store and kept to the family matchPattern searches, so both matchers agree.
 */
import { type Binding, combine, combineAll, countOf, overlaps, span, survives } from './binding.js';
import type { RepeatsNode } from './plan.js';
import { cutoffFor, type IndicatorState, type StepCounters, type StepLimits, spend, store } from './state.js';

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

/**
 * REPEATS: the new binding plus stored ones, pairwise disjoint, until `times` repetitions are reached (on a
 * bare [ … ] each observation counts number_observed times), with no stored member that could be dropped —
 * the same family matchPattern searches. Sets are enumerated newest first, depth first; a set that breaks
 * the WITHIN above is not extended. At most {@link MAX_ALTERNATIVES} sets are offered to a parent that
 * stores them, one to a parent that does not.
 */
export function repeat(
  node: RepeatsNode,
  state: IndicatorState,
  binding: Binding,
  limits: StepLimits,
  counters: StepCounters,
): Binding[] {
  const cutoff = cutoffFor(node, limits.now, limits.unboundedNanos);
  const target = store(state, node.store, cutoff, counters);
  const made: Binding[] = [];
  const limit = node.feedsStore ? MAX_ALTERNATIVES : state.done ? 0 : 1;
  const weight = (b: Binding): number => (node.counting ? countOf(b) : 1);
  const fits = (b: Binding): boolean => node.within === undefined || span(b) <= node.within;
  const offer = (b: Binding): void => {
    if (node.feedsStore || (state.accept?.(b) ?? true)) made.push(b);
  };
  if (limit > 0 && node.times >= 1) {
    const size = target.at.size;
    // An upper bound on what the stored bindings from position i on can still add: everything stored
    // minus what lies before i, summed lazily as far as the search goes (the store can be large).
    const storedWeight = node.counting ? target.at.counted : size;
    const before = [0];
    const ahead = (i: number): number => {
      while (before.length <= i) {
        const b = target.at.newest(before.length - 1);
        before.push((before[before.length - 1] ?? 0) + (b ? weight(b) : 0));
      }
      return storedWeight - (before[i] ?? 0);
    };
    // Depth-first over store positions in increasing order (newest first), with an explicit stack.
    const chosen: number[] = [];
    const acc: Binding[] = [binding];
    const parts: Binding[] = [binding];
    let total = weight(binding);
    let next = 0;
    if (total >= node.times) offer(binding);
    while (total < node.times && made.length < limit) {
      if (next >= size || total + ahead(next) < node.times) {
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
