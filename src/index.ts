/**
 * kstorm's public library API: curated re-exports of each stage's public surface, in flow order of their
 * folders (util → stix → pattern → match). Later stages add their exports here as they land.
 *
 * - `match`: the streaming indicator engine — `compileIndicators` once, then `session().push(observation)`
 *   returns each match as soon as its pattern is satisfied, with bounded state.
 * - `pattern`: STIX Patterning — parse, check, print, and match patterns against a set of observations
 *   (`matchPattern`).
 * - `stix`: the STIX 2.1 core — types, identifiers, timestamps, Kubernetes extensions, builders,
 *   validation, streaming I/O.
 * - `util`: errors with stable codes, and the Result type.
 */
export * from './match/index.js';
export * from './pattern/index.js';
export * from './stix/index.js';
export * from './util/index.js';
