/**
 * The STIX 2.1 core: object types, identifiers (random and deterministic), nanosecond timestamps,
 * kstorm's Kubernetes extensions, validation, and streaming readers and writers.
 */

export { ipAddress, isIpv4, isIpv6 } from './addresses.js';
export {
  bundle,
  k8sApiRequest,
  k8sContainer,
  k8sObject,
  k8sPod,
  k8sProcess,
  kstormEvent,
  normaliseContainerId,
  observedData,
  type ProcessContext,
  sco,
} from './builders.js';
export {
  expectedScoIdentifier,
  ID_CONTRIBUTING_PROPERTIES,
  idContributingJson,
  KSTORM_NAMESPACE,
  namedIdentifier,
  type ParsedIdentifier,
  parseIdentifier,
  processIdentifier,
  randomIdentifier,
  STIX_SCO_NAMESPACE,
  scoIdentifier,
} from './identifiers.js';
export {
  KSTORM_ATTACK_TREE,
  KSTORM_EXTENSION_VERSION,
  KSTORM_EXTENSIONS,
  KSTORM_IDENTITY,
  type KstormExtension,
  PROCESS_K8S_CONTEXT,
  X_K8S_API_REQUEST,
  X_K8S_CONTAINER,
  X_K8S_OBJECT,
  X_K8S_POD,
  X_KSTORM_EVENT,
} from './kubernetes.js';
export {
  DEFAULT_MAX_RECORD_BYTES,
  type ReadItem,
  type ReadOptions,
  readStixObjects,
  type SourceLocation,
  type StixInputFormat,
} from './stream/read.js';
export { toJsonLine, writeBundle, writeJsonLines } from './stream/write.js';
export { compareTimestamps, Timestamp, type TimestampParseOptions } from './timestamp.js';
export { TLP2_EXTENSION_ID, type TlpLevel, tlpMarking, tlpMarkingId } from './tlp.js';
export type * from './types.js';
export { uuid5 } from './uuid5.js';
export * from './validate/index.js';
