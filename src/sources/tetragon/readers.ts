/**
 * Readers for the value shapes protobuf's JSON encoding gives Tetragon's fields beyond what the shared
 * readers cover: 64-bit integers (decimal strings, may exceed 2^53), enums (a name, or a number for a value
 * the encoder did not know), `bytes` (standard base64), and a bounded rendering of values of unknown shape.
 */
import { field, type JsonObject, optionalString, shapeError } from '../fields.js';

const DECIMAL = /^-?\d{1,20}$/;
// protojson writes standard, padded base64; a stricter check than Buffer's (which skips bad characters).
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * A 64-bit integer (int64 / uint64) as decimal text: protojson writes it as a string, and values such as
 * socket cookies exceed 2^53, so the text is kept rather than a rounded number. A JSON number is accepted
 * when it is a safe integer.
 */
export function optionalDecimal(object: JsonObject, key: string, path: string): string | undefined {
  const value = field(object, key);
  if (value === undefined) return undefined;
  if (typeof value === 'string' && DECIMAL.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw shapeError(`${path}.${key}`, 'an integer (a number or a decimal string of at most 20 digits)');
}

/** An IP address as text; Go prints a nil address as `<nil>`, which is read as absent like "". */
export function optionalAddress(object: JsonObject, key: string, path: string): string | undefined {
  const value = optionalString(object, key, path);
  return value === '' || value === '<nil>' ? undefined : value;
}

/** An enum value: protojson writes its name, or its number when the name is unknown to the encoder. */
export function optionalEnum(object: JsonObject, key: string, path: string): string | undefined {
  const value = field(object, key);
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw shapeError(`${path}.${key}`, 'an enum name or number');
}

/** A repeated enum (capability sets, taint flags), each a name or a number. */
export function optionalEnumList(
  object: JsonObject,
  key: string,
  path: string,
): readonly string[] | undefined {
  const value = field(object, key);
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw shapeError(`${path}.${key}`, 'an array');
  const out: string[] = [];
  for (let index = 0; index < value.length; index += 1) {
    const item: unknown = value[index];
    if (typeof item === 'string') out.push(item);
    else if (typeof item === 'number' && Number.isSafeInteger(item)) out.push(String(item));
    else throw shapeError(`${path}.${key}[${index}]`, 'an enum name or number');
  }
  return out.length === 0 ? undefined : out;
}

/** A `bytes` field: standard base64, decoded. An empty string is an empty value, not an absent one. */
export function optionalBytes(object: JsonObject, key: string, path: string): Uint8Array | undefined {
  const text = optionalString(object, key, path);
  if (text === undefined) return undefined;
  if (text.length % 4 !== 0 || !BASE64.test(text)) throw shapeError(`${path}.${key}`, 'standard base64');
  return Buffer.from(text, 'base64');
}

const RENDER_DEPTH = 4;
const RENDER_LENGTH = 256;
const RENDER_ITEMS = 16;

/**
 * A short, bounded text for a JSON value of a shape kstorm does not know (a newer argument kind): nesting,
 * item count and string length are all capped, so hostile input costs little and prints little.
 */
export function renderUnknown(value: unknown): string {
  const text = renderValue(value, RENDER_DEPTH);
  return text.length > RENDER_LENGTH ? `${text.slice(0, RENDER_LENGTH)}…` : text;
}

function renderValue(value: unknown, depth: number): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'string')
      return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
    return String(value);
  }
  if (depth === 0) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) {
    const items = value.slice(0, RENDER_ITEMS).map((item) => renderValue(item, depth - 1));
    if (value.length > RENDER_ITEMS) items.push('…');
    return `[${items.join(',')}]`;
  }
  const keys = Object.keys(value);
  const parts: string[] = [];
  for (const key of keys.slice(0, RENDER_ITEMS)) {
    const name = key.length > 32 ? `${key.slice(0, 32)}…` : key;
    parts.push(`${name}:${renderValue((value as JsonObject)[key], depth - 1)}`);
  }
  if (keys.length > RENDER_ITEMS) parts.push('…');
  return `{${parts.join(',')}}`;
}

/** Quotes attacker text for a rejection message, at most 80 characters of it. */
export function quoteBounded(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
