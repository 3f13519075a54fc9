/**
 * Decodes one exported Tetragon record: finds its single event key, reads that message's body, and takes
 * `time`, `node_name` and `cluster_name` from the record. Also reads the Pixie FileSource envelope
 * `{time, node_name, type, payload}` used by k8sstormcenter, whose payload is the event body.
 */
import {
  FieldError,
  field,
  isObject,
  type JsonObject,
  optionalObject,
  optionalString,
  optionalText,
  shapeError,
} from '../fields.js';
import { decodeBody, type RecordFields } from './bodies.js';
import type { TetragonEvent } from './events.js';
import { optionalDecimal, quoteBounded } from './readers.js';
import { TETRAGON_EVENT_KINDS, type TetragonEventKind } from './types.js';

/** Every event key of `GetEventsResponse` (decoded or not) plus the Enterprise ones kstorm reads. */
const RECOGNISED_KEYS: readonly string[] = [...TETRAGON_EVENT_KINDS, 'test'];
const DECODED: ReadonlySet<string> = new Set(TETRAGON_EVENT_KINDS);
/** Record fields that are not an event key. */
const RECORD_FIELDS: ReadonlySet<string> = new Set([
  'node_name',
  'time',
  'cluster_name',
  'aggregation_info',
  'node_labels',
]);

/** The event key present in a record, if exactly one recognised key is; throws if several are. */
function eventKey(record: JsonObject, path: string): string | undefined {
  let found: string | undefined;
  for (const key of RECOGNISED_KEYS) {
    if (field(record, key) === undefined) continue;
    if (found !== undefined) throw shapeError(path, `one event key, not both ${found} and ${key}`);
    found = key;
  }
  return found;
}

export function isPixieEnvelope(value: JsonObject): boolean {
  const type = field(value, 'type');
  return typeof type === 'string' && RECOGNISED_KEYS.includes(type) && isObject(field(value, 'payload'));
}

/** True for a Tetragon export record or a Pixie envelope around one. */
export function recognisesTetragon(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const key of RECOGNISED_KEYS) if (field(value, key) !== undefined) return true;
  return isPixieEnvelope(value);
}

interface Fallback {
  readonly time: string | undefined;
  readonly node: string | undefined;
}

export function decodeTetragonRecord(value: unknown): TetragonEvent {
  if (!isObject(value)) throw shapeError('$', 'a JSON object');
  const key = eventKey(value, '$');
  if (key !== undefined) return decodeResponse(value, key, '$', undefined);
  if (field(value, 'payload') !== undefined && field(value, 'type') !== undefined)
    return decodeEnvelope(value);
  for (const name of Object.keys(value)) {
    if (RECORD_FIELDS.has(name) || field(value, name) === undefined) continue;
    throw unknownKind('$', `carries ${quoteBounded(name)}, which is not a Tetragon event key kstorm reads`);
  }
  throw shapeError('$', 'a Tetragon record with an event key such as process_exec');
}

function unknownKind(path: string, problem: string): FieldError {
  return new FieldError('KSTORM_EVENT_UNKNOWN_KIND', `${path} ${problem}.`, path);
}

function decodeEnvelope(envelope: JsonObject): TetragonEvent {
  const type = optionalString(envelope, 'type', '$');
  const payload = optionalObject(envelope, 'payload', '$');
  if (type === undefined || payload === undefined) throw shapeError('$.payload', 'an object');
  const fallback = { time: readTime(envelope, '$'), node: optionalText(envelope, 'node_name', '$') };
  // Some pipelines put the whole exported record in the payload rather than only the event body.
  const innerKey = eventKey(payload, '$.payload');
  if (innerKey !== undefined) return decodeResponse(payload, innerKey, '$.payload', fallback);
  if (!DECODED.has(type))
    throw unknownKind('$.type', `is ${quoteBounded(type)}, an event kind kstorm does not read`);
  const record: RecordFields = {
    time: fallback.time,
    node: fallback.node,
    cluster: undefined,
    aggregationCount: undefined,
  };
  return decodeBody(type as TetragonEventKind, payload, '$.payload', record);
}

function decodeResponse(
  record: JsonObject,
  key: string,
  path: string,
  fallback: Fallback | undefined,
): TetragonEvent {
  if (!DECODED.has(key)) throw unknownKind(`${path}.${key}`, 'is an event kind kstorm does not read');
  const kind = key as TetragonEventKind;
  const bodyPath = `${path}.${kind}`;
  const body = field(record, kind);
  if (!isObject(body)) throw shapeError(bodyPath, 'an object');
  const aggregation = optionalObject(record, 'aggregation_info', path);
  const fields: RecordFields = {
    time: readTime(record, path) ?? fallback?.time,
    node: optionalText(record, 'node_name', path) ?? fallback?.node,
    cluster: optionalText(record, 'cluster_name', path),
    aggregationCount:
      aggregation === undefined
        ? undefined
        : optionalDecimal(aggregation, 'count', `${path}.aggregation_info`),
  };
  return decodeBody(kind, body, bodyPath, fields);
}

function readTime(object: JsonObject, path: string): string | undefined {
  const value = field(object, 'time');
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new FieldError(
      'KSTORM_EVENT_TIME',
      `${path}.time must be an RFC 3339 timestamp string.`,
      `${path}.time`,
    );
  }
  return value;
}
