/**
 * Nested objects that arrive as JSON text: Vector's ClickHouse sink stores the node-agent's nested
 * objects (`BaseRuntimeMetadata`, `event`, …) as strings. They are parsed here, bounded in size.
 */
import { field, isObject, type JsonObject, shapeError } from '../fields.js';

/** The longest JSON text parsed for one nested field; a node-agent alert is a few kilobytes. */
export const MAX_EMBEDDED_JSON_CHARS = 1_048_576;

const EXPECTED = 'an object or the JSON text of one';

/**
 * `record[key]` as an object, whether it is one or is the JSON text of one. Absent, null, `""` and the
 * text `null` read as absent; text that is not JSON, or JSON that is not an object, is a shape error.
 */
export function objectOrJsonText(record: JsonObject, key: string, path: string): JsonObject | undefined {
  const value = field(record, key);
  if (value === undefined) return undefined;
  if (isObject(value)) return value;
  const at = `${path}.${key}`;
  if (typeof value !== 'string') throw shapeError(at, EXPECTED);
  if (value === '') return undefined;
  if (value.length > MAX_EMBEDDED_JSON_CHARS) {
    throw shapeError(at, `${EXPECTED} of at most ${MAX_EMBEDDED_JSON_CHARS} characters`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw shapeError(at, `${EXPECTED} (the text is not valid JSON)`);
  }
  if (parsed === null) return undefined;
  if (!isObject(parsed)) throw shapeError(at, EXPECTED);
  return parsed;
}
