/**
 * Normalisation: sensor events → one internal model → STIX 2.1 observations (observed-data + SCOs),
 * with dead letters for what cannot be read. `Ingestor` is the whole pipeline for one stream.
 */
export { DEFAULT_DEAD_LETTER_RAW_BYTES, type DeadLetter } from './dead-letter.js';
export {
  type IngestItem,
  type IngestOptions,
  Ingestor,
  type IngestStats,
  type SourceChoice,
  type StixObservation,
} from './ingest.js';
export { type LineageOptions, LineageTracker } from './lineage.js';
export type * from './model.js';
export { runSensor as normaliseRecord, type SensorOutcome } from './sensors.js';
export type { NormaliseContext, Normalised, Normaliser } from './types.js';
