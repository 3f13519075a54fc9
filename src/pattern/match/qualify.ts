/**
 * The observation expression qualifiers as transformations of solvers: REPEATS multiplies bindings, WITHIN and
 * START/STOP filter them by the bound observations' times.
 */
import { Timestamp } from '../../stix/index.js';
import type { Qualifier } from '../ast.js';
import {
  type Binding,
  type Compiled,
  type Search,
  type Solver,
  StepBudgetExceeded,
  withUsed,
} from './search.js';

/** General (non-leaf) REPEATS deeper than this would nest too many generators; it counts as over budget. */
const MAX_GENERAL_REPEATS = 1_000;
const NS_PER_SECOND = 1_000_000_000n;

/**
 * Whether `binding` plus the observation at `index` still fits a WITHIN of `maxSpan` nanoseconds (latest
 * first_observed − earliest last_observed), so that searches can prune sets that can only grow wider.
 */
function fitsSpan(search: Search, binding: Binding, index: number, maxSpan: bigint | undefined): boolean {
  if (maxSpan === undefined) return true;
  const added = search.obs(index);
  let latestFirst = added.first;
  let earliestLast = added.last;
  for (const i of binding) {
    const { first, last } = search.obs(i);
    if (first.isAfter(latestFirst)) latestFirst = first;
    if (last.isBefore(earliestLast)) earliestLast = last;
  }
  return latestFirst.nanosSince(earliestLast) <= maxSpan;
}

/**
 * REPEATS on a bare `[ … ]`, by counting `number_observed`. For each unused candidate `e` in turn (in
 * first_observed order), the sets made of `e` and earlier candidates whose counts together reach `times`
 * while no earlier member could be dropped: the repetitions that complete the count at `e`. This is the
 * family the streaming engine offers when `e` arrives, so both agree; it holds every minimal set, and the
 * sets that extend one with a later `e`, which FOLLOWEDBY may need. Earlier members are tried newest
 * first, depth first, pruned by the enclosing WITHIN.
 */
function leafRepeats(search: Search, candidates: readonly number[], times: bigint, maxSpan?: bigint): Solver {
  // Counts are safe integers; a target beyond them can never be reached.
  const target = times <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(times) : Number.POSITIVE_INFINITY;
  const count = (index: number | undefined): number => search.obs(index ?? -1).count;
  // The longest interval among the candidates bounds how late an earlier candidate can end.
  let longest = 0n;
  for (const index of candidates) {
    const { first, last } = search.obs(index);
    const duration = last.nanosSince(first);
    if (duration > longest) longest = duration;
  }
  function* completing(free: readonly number[], below: readonly number[], last: number): Generator<Binding> {
    const e = free[last] ?? -1;
    const eFirst = search.obs(e).first;
    if (count(e) >= target) {
      yield [e];
      return;
    }
    const chosen: number[] = [];
    let total = count(e);
    let next = last - 1;
    for (;;) {
      let index = free[next];
      // Candidates run backwards in first_observed: once one starts too early to end within the window
      // even with the longest interval, so does every earlier one. And once all that is left cannot
      // make up the count, no set is left to find on this branch.
      if (index !== undefined && total + (below[next + 1] ?? 0) < target) index = undefined;
      if (index !== undefined && maxSpan !== undefined) {
        const gap = eFirst.nanosSince(search.obs(index).first) - longest;
        if (gap > maxSpan) index = undefined;
      }
      if (index === undefined) {
        const back = chosen.pop();
        if (back === undefined) return;
        total -= count(free[back]);
        next = back - 1;
        continue;
      }
      search.tick();
      next -= 1;
      const set = [...chosen.map((p) => free[p] ?? -1), e];
      if (!fitsSpan(search, set, index, maxSpan)) continue;
      const reached = total + count(index);
      if (reached < target) {
        chosen.push(next + 1);
        total = reached;
        continue;
      }
      // Minimal apart from e: dropping the smallest earlier member must fall short.
      const smallest = Math.min(count(index), ...chosen.map((p) => count(free[p])));
      if (reached - smallest < target) yield [index, ...set.slice(0, -1).reverse(), e];
    }
  }
  return function* solve(used) {
    const free = candidates.filter((index) => !used.has(index));
    // below[j]: the counts of free[0..j-1] together, the most that candidates before j can add.
    const below = [0];
    for (const index of free) below.push((below[below.length - 1] ?? 0) + count(index));
    for (let last = 0; last < free.length; last++) yield* completing(free, below, last);
  };
}

/**
 * REPEATS on anything else: `times` pairwise disjoint bindings, found by backtracking. Repetitions are taken
 * in increasing order of their earliest observation so each set is tried once, not in every order.
 */
function generalRepeats(search: Search, inner: Solver, times: bigint, maxSpan?: bigint): Solver {
  if (times > BigInt(search.observations.length)) return function* none() {};
  const count = Number(times);
  function* repeat(used: ReadonlySet<number>, left: number, after: number, so: Binding): Generator<Binding> {
    if (left === 0) {
      yield [];
      return;
    }
    for (const binding of inner(used)) {
      const lowest = Math.min(...binding);
      if (lowest <= after || !binding.every((index) => fitsSpan(search, so, index, maxSpan))) continue;
      for (const rest of repeat(withUsed(used, binding), left - 1, lowest, [...so, ...binding])) {
        yield [...binding, ...rest];
      }
    }
  }
  return (used) => {
    if (count > MAX_GENERAL_REPEATS) throw new StepBudgetExceeded();
    return repeat(used, count, -1, []);
  };
}

/** Keeps the bindings of `inner` that pass `keep`. */
function filtered(search: Search, inner: Solver, keep: (binding: Binding) => boolean): Solver {
  return function* solve(used) {
    for (const binding of inner(used)) {
      search.tick();
      if (keep(binding)) yield binding;
    }
  };
}

/**
 * WITHIN in nanoseconds; undefined when the seconds are so many that a float cannot hold them in
 * nanoseconds (no window an observation could span is wider, so there is no limit).
 */
export function withinNanos(qualifier: Extract<Qualifier, { kind: 'within' }>): bigint | undefined {
  const { value } = qualifier.seconds;
  if (typeof value === 'bigint') return value * NS_PER_SECOND;
  const nanos = Math.round(value * 1e9);
  return Number.isFinite(nanos) ? BigInt(nanos) : undefined;
}

/**
 * Applies one qualifier to a compiled expression. `maxSpan` is the tightest WITHIN around the qualified
 * expression, which REPEATS uses to prune its search.
 */
export function qualify(search: Search, inner: Compiled, qualifier: Qualifier, maxSpan?: bigint): Compiled {
  switch (qualifier.kind) {
    case 'repeats': {
      const times = qualifier.times.value;
      // The checker rejects REPEATS 0; an unchecked AST with it binds nothing rather than an empty list.
      if (times < 1n) return { solve: function* none() {} };
      if (inner.candidates) return { solve: leafRepeats(search, inner.candidates, times, maxSpan) };
      return { solve: generalRepeats(search, inner.solve, times, maxSpan) };
    }
    case 'within': {
      const limit = withinNanos(qualifier);
      if (limit === undefined) return inner;
      return {
        solve: filtered(search, inner.solve, (binding) => {
          const latestFirst = search.extremes(binding, 'first').max;
          return latestFirst.nanosSince(search.extremes(binding, 'last').min) <= limit;
        }),
      };
    }
    case 'startStop': {
      const start = Timestamp.tryParse(qualifier.start.value);
      const stop = Timestamp.tryParse(qualifier.stop.value);
      return {
        solve: filtered(search, inner.solve, (binding) => {
          if (!start || !stop) return false;
          return binding.every((index) => {
            const { first, last } = search.obs(index);
            return !first.isBefore(start) && last.isBefore(stop);
          });
        }),
      };
    }
  }
}
