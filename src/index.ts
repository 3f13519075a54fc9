/**
 * kstorm's public library API: curated re-exports of each stage's public surface. Later stages
 * (pattern, sources, normalise, …) add their exports here as they land.
 */

/** The STIX 2.1 core: types, identifiers, timestamps, Kubernetes extensions, builders, validation, I/O. */
export * from './stix/index.js';
/** Errors with stable codes, and the Result type. */
export * from './util/index.js';

/** STIX Patterning: parse, check and print patterns (matching is not built yet). */
export * from './pattern/index.js';
