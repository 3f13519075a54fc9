/**
 * Comparison-level evaluation of STIX patterns: does one `[ … ]` hold for one observation, and which index
 * lookups can rule it out without evaluating it.
 */
export { nfc } from './compare.js';
export { type ComparisonCache, type CompileOptions, compileComparison, type RegexCache } from './evaluate.js';
export { type ObservationView, observationFromBundle, observationFromEmbedded } from './observation.js';
export {
  type ComparisonPlan,
  comparedText,
  equalityKey,
  type IndexProbe,
  planComparison,
} from './probes.js';
export { compilePath, type PathResolver } from './resolve.js';
