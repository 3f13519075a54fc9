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
 * REPEATS on a bare `[ … ]`, by counting: for each unused candidate in first_observed order, the shortest
 * run of consecutive candidates whose `number_observed` sum reaches `times` (two pointers, so linear).
 * Only these runs are offered to enclosing qualifiers: exact when observations are instants, a sound
 * under-approximation otherwise.
 */
function leafRepeats(search: Search, candidates: readonly number[], times: bigint): Solver {
  return function* solve(used) {
    const free = candidates.filter((index) => !used.has(index));
    let end = 0;
    let sum = 0n;
    for (let start = 0; start < free.length; start += 1) {
      while (sum < times && end < free.length) {
        search.tick();
        sum += BigInt(search.obs(free[end] ?? -1).count);
        end += 1;
      }
      if (sum < times) return;
      yield free.slice(start, end);
      sum -= BigInt(search.obs(free[start] ?? -1).count);
    }
  };
}

/** REPEATS on anything else: `times` pairwise disjoint bindings, found by backtracking. */
function generalRepeats(search: Search, inner: Solver, times: bigint): Solver {
  if (times > BigInt(search.observations.length)) return function* none() {};
  const count = Number(times);
  function* repeat(used: ReadonlySet<number>, left: number): Generator<Binding> {
    if (left === 0) {
      yield [];
      return;
    }
    for (const binding of inner(used)) {
      for (const rest of repeat(withUsed(used, binding), left - 1)) yield [...binding, ...rest];
    }
  }
  return (used) => {
    if (count > MAX_GENERAL_REPEATS) throw new StepBudgetExceeded();
    return repeat(used, count);
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

/** Applies one qualifier to a compiled expression. */
export function qualify(search: Search, inner: Compiled, qualifier: Qualifier): Compiled {
  switch (qualifier.kind) {
    case 'repeats': {
      const times = qualifier.times.value;
      // The checker rejects REPEATS 0; an unchecked AST with it binds nothing rather than an empty list.
      if (times < 1n) return { solve: function* none() {} };
      if (inner.candidates) return { solve: leafRepeats(search, inner.candidates, times) };
      return { solve: generalRepeats(search, inner.solve, times) };
    }
    case 'within': {
      const { value } = qualifier.seconds;
      // A float literal with hundreds of digits reads as Infinity: no finite window is wider.
      if (typeof value === 'number' && !Number.isFinite(value)) return inner;
      const limit = typeof value === 'bigint' ? value * NS_PER_SECOND : BigInt(Math.round(value * 1e9));
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
