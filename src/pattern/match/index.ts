/**
 * Observation-level STIX pattern matching: binds observed-data to a pattern's observation expressions.
 */
export { DEFAULT_MAX_MATCH_STEPS } from './bind.js';
export { type MatchOptions, type MatchResult, matchPattern } from './match.js';
export { collectObservations, type MatchObservation, toMatchObservation } from './observations.js';
export { withinNanos } from './qualify.js';
