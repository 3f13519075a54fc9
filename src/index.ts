/**
 * kstorm's public library API: curated re-exports of each stage's public surface, in flow order of their
 * folders (util → stix → pattern). Later stages add their exports here as they land.
 *
 * - `pattern`: STIX Patterning — parse, check, print, and match patterns against observations
 *   (`matchPattern`; the streaming engine is not built yet).
 * - `stix`: the STIX 2.1 core — types, identifiers, timestamps, Kubernetes extensions, builders,
 *   validation, streaming I/O.
 * - `util`: errors with stable codes, and the Result type.
 */
export * from './pattern/index.js';
export * from './stix/index.js';
export * from './util/index.js';
