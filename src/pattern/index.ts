/**
 * STIX Patterning (2.0 and 2.1): parse pattern text into a typed AST, check it, and print it back.
 */
export type * from './ast.js';
export { HASH_HEX_LENGTHS } from './check.js';
export type { Diagnostic, Severity } from './diagnostics.js';
export {
  compileComparison,
  type ObservationView,
  observationFromBundle,
  observationFromEmbedded,
} from './evaluate/index.js';
export type { StixPatternVersion } from './lexer.js';
export { DEFAULT_MAX_MATCH_STEPS, type MatchOptions, type MatchResult, matchPattern } from './match/index.js';
export {
  DEFAULT_MAX_PATTERN_DEPTH,
  DEFAULT_MAX_PATTERN_LENGTH,
  type ParseOptions,
  type ParseResult,
  parsePattern,
} from './parser.js';
export { printPattern } from './printer.js';
export { validatePattern } from './validate.js';
