/**
 * Sensor sources: one folder per sensor, each a pure decoder from a parsed JSON record to that sensor's
 * typed events (or rejections). No STIX here; normalise/ maps the typed events.
 */

export { detectSensor } from './detect.js';
// Each sensor's index.ts is its public surface: the decoder and the event types normalise/ maps.
export * from './falco/index.js';
export {
  attempt,
  FieldError,
  field,
  isObject,
  type JsonObject,
  optionalArray,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringArray,
  optionalStringMap,
  optionalText,
  requiredObject,
  requiredString,
  shapeError,
} from './fields.js';
export * from './k8s-audit/index.js';
export * from './kubescape/index.js';
export {
  DEFAULT_MAX_DOCUMENT_BYTES,
  DEFAULT_MAX_RECORD_BYTES,
  type RecordItem,
  type RecordReadOptions,
  readRecords,
} from './records.js';
export * from './tetragon/index.js';
export {
  type Decoded,
  type Rejection,
  type RejectionCode,
  SENSOR_NAMES,
  type SensorDecoder,
  type SensorName,
} from './types.js';
