/**
 * Comparison-level evaluation of STIX patterns: does one `[ … ]` hold for one observation.
 */
export { compileComparison } from './evaluate.js';
export { type ObservationView, observationFromBundle, observationFromEmbedded } from './observation.js';
