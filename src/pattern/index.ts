/**
 * STIX Patterning (2.0 and 2.1): parse pattern text into a typed AST, check it, print it back, evaluate
 * comparisons, plan index lookups for them, and match whole patterns against a set of observations.
 */
export type * from './ast.js';
export { HASH_HEX_LENGTHS } from './check.js';
export type { Diagnostic, Severity } from './diagnostics.js';
export {
  type ComparisonCache,
  type ComparisonPlan,
  type CompileOptions,
  comparedText,
  compileComparison,
  compilePath,
  equalityKey,
  type IndexProbe,
  nfc,
  type ObservationView,
  observationFromBundle,
  observationFromEmbedded,
  type PathResolver,
  planComparison,
  type RegexCache,
} from './evaluate/index.js';
export type { StixPatternVersion } from './lexer.js';
export {
  collectObservations,
  DEFAULT_MAX_MATCH_STEPS,
  type MatchObservation,
  type MatchOptions,
  type MatchResult,
  matchPattern,
  toMatchObservation,
  withinNanos,
} from './match/index.js';
export {
  DEFAULT_MAX_PATTERN_DEPTH,
  DEFAULT_MAX_PATTERN_LENGTH,
  type ParseOptions,
  type ParseResult,
  parsePattern,
} from './parser.js';
export { printComparison, printPattern } from './printer.js';
export { validatePattern } from './validate.js';
