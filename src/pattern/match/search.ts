/**
 * The search state shared by the binding compiler and the qualifiers: the observations, the step budget and
 * the shapes of bindings and solvers.
 */
import type { Timestamp } from '../../stix/index.js';
import type { MatchObservation } from './observations.js';

/** Default budget of search steps (candidates tried, combinations formed) before the search gives up. */
export const DEFAULT_MAX_MATCH_STEPS = 100_000;

/** Observation indices bound by one expression, in the pattern's left-to-right order. */
export type Binding = readonly number[];
/** Lazily yields every binding of one expression that avoids the observations already `used`. */
export type Solver = (used: ReadonlySet<number>) => Generator<Binding>;

/** A compiled expression; `candidates` is set only for a bare `[ … ]`, sorted by time, so REPEATS can count. */
export interface Compiled {
  readonly solve: Solver;
  readonly candidates?: readonly number[];
}

/** Thrown inside the generators to unwind the whole search at once when the budget runs out. */
export class StepBudgetExceeded extends Error {}

/** Counts steps and answers time questions about bindings. */
export class Search {
  private steps = 0;

  constructor(
    readonly observations: readonly MatchObservation[],
    private readonly maxSteps: number,
  ) {}

  /** One unit of work; throws {@link StepBudgetExceeded} past the budget. */
  tick(): void {
    this.steps += 1;
    if (this.steps > this.maxSteps) throw new StepBudgetExceeded();
  }

  /** The observation at `index` (always in range for indices the search produced). */
  obs(index: number): MatchObservation {
    const observation = this.observations[index];
    if (!observation) throw new RangeError(`no observation ${index}`);
    return observation;
  }

  /** Earliest and latest of one end of the bound intervals. */
  extremes(binding: Binding, end: 'first' | 'last'): { min: Timestamp; max: Timestamp } {
    let min = this.obs(binding[0] ?? -1)[end];
    let max = min;
    for (const index of binding) {
      const t = this.obs(index)[end];
      if (t.isBefore(min)) min = t;
      if (t.isAfter(max)) max = t;
    }
    return { min, max };
  }
}

/** `used` plus the observations of `binding`, as a new set so sibling branches stay independent. */
export function withUsed(used: ReadonlySet<number>, binding: Binding): Set<number> {
  const next = new Set(used);
  for (const index of binding) next.add(index);
  return next;
}
