/**
 * kstorm's public library API: curated re-exports of each stage's public surface, in flow order of their
 * folders (util → stix → pattern → sources → normalise → match). Later stages add their exports here as
 * they land.
 *
 * - `match`: the streaming indicator engine — `compileIndicators` once, then `session().push(observation)`
 *   returns each match as soon as its pattern is satisfied, with bounded state.
 * - `normalise`: sensor events to STIX observations — `new Ingestor()` then `record(jsonText)` gives an
 *   observation (observed-data + SCOs) or a dead letter per event; the normalised event model.
 * - `sources`: reading sensor output — `readRecords` (JSON lines or one document from byte chunks),
 *   `detectSensor`.
 * - `pattern`: STIX Patterning — parse, check, print, and match patterns against a set of observations
 *   (`matchPattern`).
 * - `stix`: the STIX 2.1 core — types, identifiers, timestamps, Kubernetes extensions, builders,
 *   validation, streaming I/O.
 * - `util`: errors with stable codes, and the Result type.
 */
export * from './match/index.js';
export * from './normalise/index.js';
export * from './pattern/index.js';
export {
  DEFAULT_MAX_DOCUMENT_BYTES,
  DEFAULT_MAX_RECORD_BYTES as DEFAULT_MAX_SENSOR_RECORD_BYTES,
  detectSensor,
  type RecordItem,
  type RecordReadOptions,
  type Rejection,
  readRecords,
  SENSOR_NAMES,
  type SensorName,
} from './sources/index.js';
export * from './stix/index.js';
export * from './util/index.js';
