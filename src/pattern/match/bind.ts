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
  type Solver,
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
    // Time order, ties by id: REPEATS counts on this order, and the streaming engine uses the same one.
    .sort(
      (a, b) =>
        a.observation.first.compare(b.observation.first) ||
        (a.observation.id < b.observation.id ? -1 : a.observation.id > b.observation.id ? 1 : 0) ||
        a.index - b.index,
    )
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
      const solvers = chainOf(expr).map((operand) => compile(search, operand, maxSpan).solve);
      if (expr.operator === 'OR') {
        return {
          solve: function* solve(used) {
            for (const solver of solvers) yield* solver(used);
          },
        };
      }
      return { solve: joinChain(search, solvers, expr.operator === 'FOLLOWEDBY') };
    }
  }
}

/**
 * The operands of the left-leaning run of `expr`'s operator, left to right: `a OR b OR c` parses as
 * `(a OR b) OR c`, and a long chain compiled node by node would nest one generator per operand, deep
 * enough to overflow the stack. A parenthesised right operand stays whole (for FOLLOWEDBY it means
 * something else); parentheses are bounded by the parser's depth limit.
 */
function chainOf(
  expr: Extract<ObservationExpression, { kind: 'observationBinary' }>,
): ObservationExpression[] {
  const operands: ObservationExpression[] = [];
  let node: ObservationExpression = expr;
  while (node.kind === 'observationBinary' && node.operator === expr.operator) {
    operands.push(node.right);
    node = node.left;
  }
  operands.push(node);
  return operands.reverse();
}

/**
 * AND / FOLLOWEDBY over a chain of operands, each binding disjoint observations, by backtracking with an
 * explicit stack of generators. With `followed`, each operand must have some instant not before some
 * instant of everything to its left (`(a FOLLOWEDBY b) FOLLOWEDBY c`, read left to right).
 */
function joinChain(search: Search, solvers: readonly Solver[], followed: boolean): Solver {
  return function* solve(used) {
    const first = solvers[0];
    if (!first) return;
    const generators: Generator<Binding>[] = [first(used)];
    const picked: Binding[] = [];
    const usedAt: ReadonlySet<number>[] = [used];
    while (generators.length > 0) {
      const depth = generators.length - 1;
      const next = generators[depth]?.next();
      if (!next || next.done) {
        generators.pop();
        continue;
      }
      const binding = next.value;
      if (depth > 0) {
        search.tick();
        if (followed && !follows(search, picked.slice(0, depth), binding)) continue;
      }
      picked[depth] = binding;
      if (depth === solvers.length - 1) {
        yield picked.slice(0, depth + 1).flat();
        continue;
      }
      const nextUsed = withUsed(usedAt[depth] ?? used, binding);
      usedAt[depth + 1] = nextUsed;
      const solver = solvers[depth + 1];
      if (solver) generators.push(solver(nextUsed));
    }
  };
}

/** Some instant of `right` is not before the earliest `first_observed` of the bindings to its left. */
function follows(search: Search, left: readonly Binding[], right: Binding): boolean {
  const start = search.extremes(left.flat(), 'first').min;
  return !search.extremes(right, 'last').max.isBefore(start);
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
