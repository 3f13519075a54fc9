/**
 * Correlation: witness hits → actor sessions (joined by shared actor keys, idle timeout), their
 * progress through each attack tree with exact or / and / sand semantics on observation time, and
 * incidents. Pure; the service feeds it and stores what it says.
 */
export { actorKeys } from './actor-keys.js';
export {
  type BranchState,
  type CorrelationEvent,
  Correlator,
  type CorrelatorOptions,
  type Incident,
  type Severity,
} from './correlator.js';
export {
  type ActorSession,
  DEFAULT_IDLE_TIMEOUT_SECONDS,
  type SessionOptions,
  SessionTable,
  type WitnessHit,
} from './sessions.js';
export { earliestDone, type LeafTimes, type NodeProgress, progressOf } from './tree-progress.js';
