/**
 * The binding search: compiles an observation expression into lazy generators of assignments (lists of
 * observation indices) and walks them with backtracking under a hard step budget.
 */
import type { ObservationExpression } from '../ast.js';
import { compileComparison } from '../evaluate/index.js';
import type { MatchObservation } from './observations.js';
import { qualify, withinNanos } from './qualify.js';
import {
  type Binding,
  type Compiled,
  DEFAULT_MAX_MATCH_STEPS,
  Search,
  StepBudgetExceeded,
  withUsed,
} from './search.js';

export { DEFAULT_MAX_MATCH_STEPS } from './search.js';

function compileLeaf(
  search: Search,
  expr: Extract<ObservationExpression, { kind: 'observation' }>,
): Compiled {
  const test = compileComparison(expr.comparison);
  const candidates = search.observations
    .map((observation, index) => ({ observation, index }))
    .filter(({ observation }) => test(observation.view))
    .sort((a, b) => a.observation.first.compare(b.observation.first) || a.index - b.index)
    .map(({ index }) => index);
  function* solve(used: ReadonlySet<number>): Generator<Binding> {
    for (const index of candidates) {
      search.tick();
      if (!used.has(index)) yield [index];
    }
  }
  return { solve, candidates };
}

function tighter(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  if (a === undefined) return b;
  return b === undefined || a < b ? a : b;
}

/**
 * Compiles `expr` into a solver. `maxSpan` is the tightest WITHIN around `expr` (in nanoseconds): every
 * binding it makes ends up filtered by it, so REPEATS can prune with it.
 */
function compile(search: Search, expr: ObservationExpression, maxSpan?: bigint): Compiled {
  switch (expr.kind) {
    case 'observation':
      return compileLeaf(search, expr);
    case 'qualified': {
      // Qualifiers apply innermost first: a WITHIN bounds what sits inside it, not the qualifiers outside.
      const spans: (bigint | undefined)[] = [];
      let span = maxSpan;
      for (let i = expr.qualifiers.length - 1; i >= 0; i--) {
        spans[i] = span;
        const qualifier = expr.qualifiers[i];
        if (qualifier?.kind === 'within') span = tighter(span, withinNanos(qualifier));
      }
      let compiled = compile(search, expr.expression, span);
      expr.qualifiers.forEach((qualifier, i) => {
        compiled = qualify(search, compiled, qualifier, spans[i]);
      });
      return compiled;
    }
    case 'observationBinary': {
      const left = compile(search, expr.left, maxSpan).solve;
      const right = compile(search, expr.right, maxSpan).solve;
      if (expr.operator === 'OR') {
        return {
          solve: function* solve(used) {
            yield* left(used);
            yield* right(used);
          },
        };
      }
      const followed = expr.operator === 'FOLLOWEDBY';
      return {
        solve: function* solve(used) {
          for (const l of left(used)) {
            const start = followed ? search.extremes(l, 'first').min : undefined;
            for (const r of right(withUsed(used, l))) {
              search.tick();
              // Some instant of the right side must not precede some instant of the left side.
              if (start && search.extremes(r, 'last').max.isBefore(start)) continue;
              yield [...l, ...r];
            }
          }
        },
      };
    }
  }
}

/** What the search found: the first assignment, none, or that the step budget ran out first. */
export type SearchOutcome =
  | { readonly kind: 'found'; readonly binding: readonly number[] }
  | { readonly kind: 'none' }
  | { readonly kind: 'budget' };

/**
 * Finds the first assignment of observations to the leaves of `expression` (each observation bound at most
 * once), or reports that there is none or that `maxSteps` ran out before either was known.
 */
export function findAssignment(
  expression: ObservationExpression,
  observations: readonly MatchObservation[],
  maxSteps = DEFAULT_MAX_MATCH_STEPS,
): SearchOutcome {
  const search = new Search(observations, maxSteps);
  try {
    const compiled = compile(search, expression);
    for (const binding of compiled.solve(new Set())) return { kind: 'found', binding };
    return { kind: 'none' };
  } catch (error) {
    if (error instanceof StepBudgetExceeded) return { kind: 'budget' };
    throw error;
  }
}
