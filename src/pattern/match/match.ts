/**
 * matchPattern: does a STIX pattern match a set of observations, and which observed-data does it bind.
 */
import { KstormError } from '../../util/index.js';
import type { Pattern } from '../ast.js';
import { validatePattern } from '../validate.js';
import { DEFAULT_MAX_MATCH_STEPS, findAssignment } from './bind.js';
import { collectObservations } from './observations.js';

/** How to read the pattern and the input. */
export interface MatchOptions {
  /** Patterning grammar and observed-data shape (2.0: embedded `objects`; 2.1: `object_refs`). Default '2.1'. */
  readonly stixVersion?: '2.0' | '2.1';
}

/** The outcome of matching. */
export interface MatchResult {
  readonly matched: boolean;
  /**
   * The first satisfying assignment found (at most one): the observed-data ids bound, in the order of the
   * pattern's observation expressions, left to right (REPEATS lists its repetitions in turn). Empty when
   * there is no match.
   */
  readonly bindings: string[][];
}

function parsed(text: string, version: '2.0' | '2.1'): Pattern {
  const { ast, diagnostics } = validatePattern(text, { stixVersion: version });
  const error = diagnostics.find((d) => d.severity === 'error');
  if (!ast || error) {
    throw new KstormError('KSTORM_PATTERN_SYNTAX', error?.message ?? 'the pattern does not parse', {
      diagnostic: error?.code,
    });
  }
  return ast;
}

/**
 * Matches `pattern` against every observed-data in `input` (bundles and/or loose STIX objects), following
 * STIX 2.1 Part 9: each `[ … ]` binds one observation, and no observation is bound twice in one assignment.
 *
 * - `A AND B`: both sides bound to disjoint observations. `A OR B`: either side.
 * - `A FOLLOWEDBY B`: both, disjoint, and the latest `last_observed` bound by B is not before the earliest
 *   `first_observed` bound by A (some instant of B is at or after some instant of A).
 * - `WITHIN n SECONDS`: one window of n seconds meets every bound `[first_observed, last_observed]`, i.e.
 *   latest `first_observed` − earliest `last_observed` ≤ n, to the nanosecond.
 * - `REPEATS n TIMES`: n disjoint bindings; on a bare `[ … ]`, an observation with `number_observed` k counts
 *   as k repetitions.
 * - `START s STOP e`: every bound observation has `first_observed` ≥ s and `last_observed` < e.
 *
 * The search is bounded by {@link DEFAULT_MAX_MATCH_STEPS} steps; when they run out it stops and reports no
 * match rather than throwing or hanging, so a pathological pattern cannot stall a caller.
 *
 * @throws KstormError `KSTORM_PATTERN_SYNTAX` with the first error diagnostic when the text is invalid.
 */
export function matchPattern(
  pattern: string | Pattern,
  input: unknown[],
  options: MatchOptions = {},
): MatchResult {
  const version = options.stixVersion ?? '2.1';
  const ast = typeof pattern === 'string' ? parsed(pattern, version) : pattern;
  const observations = collectObservations(input, version);
  const outcome = findAssignment(ast.expression, observations, DEFAULT_MAX_MATCH_STEPS);
  if (outcome.kind !== 'found') return { matched: false, bindings: [] };
  const ids = outcome.binding.map((index) => observations[index]?.id ?? '');
  return { matched: true, bindings: [ids] };
}
