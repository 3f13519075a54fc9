/**
 * Decodes Falco's JSON alert (stdout/file `json_output`, `http_output` body, falcosidekick body). The
 * top-level fields are checked strictly; `output_fields` is kept as the object Falco wrote, since its keys
 * and value types follow each rule's output and the Falco version.
 */
import {
  attempt,
  field,
  isObject,
  type JsonObject,
  optionalObject,
  optionalString,
  optionalStringArray,
  optionalText,
  requiredString,
} from '../fields.js';
import type { Decoded, SensorDecoder } from '../types.js';
import type { FalcoAlert } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const NO_FIELDS: JsonObject = Object.freeze(Object.create(null));

/**
 * True for a Falco alert: string `rule` and `priority`, and a string `output` or `time` (either can be
 * left out by configuration, not both). No other sensor's record has `rule` and `priority` together.
 */
export function recognisesFalco(value: unknown): boolean {
  if (!isObject(value)) return false;
  const rule = field(value, 'rule');
  const priority = field(value, 'priority');
  if (typeof rule !== 'string' || typeof priority !== 'string') return false;
  return typeof field(value, 'output') === 'string' || typeof field(value, 'time') === 'string';
}

function decodeAlert(record: JsonObject): FalcoAlert {
  const alert: Mutable<FalcoAlert> = {
    rule: requiredString(record, 'rule', '$'),
    priority: requiredString(record, 'priority', '$'),
    outputFields: optionalObject(record, 'output_fields', '$') ?? NO_FIELDS,
  };
  const output = optionalString(record, 'output', '$');
  if (output !== undefined) alert.output = output;
  const message = optionalText(record, 'message', '$');
  if (message !== undefined) alert.message = message;
  const time = optionalText(record, 'time', '$');
  if (time !== undefined) alert.time = time;
  const source = optionalText(record, 'source', '$');
  if (source !== undefined) alert.source = source;
  const hostname = optionalText(record, 'hostname', '$');
  if (hostname !== undefined) alert.hostname = hostname;
  const uuid = optionalText(record, 'uuid', '$');
  if (uuid !== undefined) alert.uuid = uuid;
  const tags = optionalStringArray(record, 'tags', '$');
  if (tags !== undefined && tags.length > 0) alert.tags = tags;
  return alert;
}

/** Decodes one parsed Falco record into one alert, or one rejection. Never throws. */
export function decodeFalco(value: unknown): readonly Decoded<FalcoAlert>[] {
  if (!isObject(value)) {
    return [
      { ok: false, rejection: { code: 'KSTORM_EVENT_SHAPE', message: '$ must be an object.', path: '$' } },
    ];
  }
  const result = attempt(() => decodeAlert(value));
  return [result.ok ? { ok: true, event: result.value } : { ok: false, rejection: result.rejection }];
}

/** The Falco decoder for source detection and ingest. */
export const falcoDecoder: SensorDecoder<FalcoAlert> = {
  sensor: 'falco',
  recognises: recognisesFalco,
  decode: decodeFalco,
};
