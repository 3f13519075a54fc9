/**
 * Typed reads of fields from parsed JSON that may be hostile. Each reader checks the type and throws a
 * `FieldError` naming the JSON path; a decoder catches it once per record and turns it into a
 * rejection. Only own properties are read, so keys such as `constructor` or `toString` never reach
 * Object.prototype, and `__proto__` is just another (unused) key.
 */
import type { Rejection, RejectionCode } from './types.js';

export type JsonObject = Readonly<Record<string, unknown>>;

/** Thrown by the readers; carries the rejection the decoder reports. */
export class FieldError extends Error {
  readonly rejection: Rejection;
  constructor(code: RejectionCode, message: string, path?: string) {
    super(message);
    this.rejection = path === undefined ? { code, message } : { code, message, path };
  }
}

/** Rejects the record: a field is missing or of the wrong type. */
export function shapeError(path: string, expected: string): FieldError {
  const shown = boundedPath(path);
  return new FieldError('KSTORM_EVENT_SHAPE', `${shown} must be ${expected}.`, shown);
}

const PATH_LIMIT = 160;

/**
 * Object keys in a path come from the record, so a path can be as long as the attacker likes; its head
 * and tail are what a reader needs, and the dead-letter record keeps the whole input anyway.
 */
export function boundedPath(path: string): string {
  if (path.length <= PATH_LIMIT) return path;
  return `${path.slice(0, 100)}…${path.slice(-50)}`;
}

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property's value, or undefined. JSON null counts as absent, as the sensors' encoders mean it. */
export function field(object: JsonObject, key: string): unknown {
  const value = object[key];
  // JSON holds no functions, so a function is Object.prototype's (`constructor`, `toString`, …); the
  // one inherited non-function is the `__proto__` accessor, checked by name. This keeps the common
  // read to one property access (ingest calls it millions of times).
  if (value === undefined || value === null || typeof value === 'function') return undefined;
  if (key === '__proto__' && !Object.hasOwn(object, key)) return undefined;
  return value;
}

export function optionalObject(object: JsonObject, key: string, path: string): JsonObject | undefined {
  const value = field(object, key);
  if (value === undefined) return undefined;
  if (!isObject(value)) throw shapeError(`${path}.${key}`, 'an object');
  return value;
}

export function requiredObject(object: JsonObject, key: string, path: string): JsonObject {
  const value = optionalObject(object, key, path);
  if (value === undefined) throw shapeError(`${path}.${key}`, 'an object');
  return value;
}

export function optionalString(object: JsonObject, key: string, path: string): string | undefined {
  const value = field(object, key);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw shapeError(`${path}.${key}`, 'a string');
  return value;
}

/** A string that must be present and non-empty. */
export function requiredString(object: JsonObject, key: string, path: string): string {
  const value = optionalString(object, key, path);
  if (value === undefined || value.length === 0) throw shapeError(`${path}.${key}`, 'a non-empty string');
  return value;
}

/** An empty string is "not reported" in Go-encoded JSON; this reads it as absent. */
export function optionalText(object: JsonObject, key: string, path: string): string | undefined {
  const value = optionalString(object, key, path);
  return value === '' ? undefined : value;
}

const INTEGER_TEXT = /^-?\d{1,20}$/;

/**
 * An integer given as a JSON number or, as protobuf's JSON encoding writes int64/uint64, as a decimal
 * string. Values beyond 2^53 are rejected rather than silently rounded.
 */
export function optionalInteger(object: JsonObject, key: string, path: string): number | undefined {
  const value = field(object, key);
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && INTEGER_TEXT.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw shapeError(`${path}.${key}`, 'an integer (a number or a decimal string) within ±2^53');
  }
  return number;
}

export function optionalBoolean(object: JsonObject, key: string, path: string): boolean | undefined {
  const value = field(object, key);
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw shapeError(`${path}.${key}`, 'true or false');
  return value;
}

export function optionalArray(object: JsonObject, key: string, path: string): readonly unknown[] | undefined {
  const value = field(object, key);
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw shapeError(`${path}.${key}`, 'an array');
  return value;
}

export function optionalStringArray(
  object: JsonObject,
  key: string,
  path: string,
): readonly string[] | undefined {
  const value = optionalArray(object, key, path);
  if (value === undefined) return undefined;
  for (const [index, item] of value.entries()) {
    if (typeof item !== 'string') throw shapeError(`${path}.${key}[${index}]`, 'a string');
  }
  return value as readonly string[];
}

/** A map of string to string (labels, annotations); other value types are rejected. */
export function optionalStringMap(
  object: JsonObject,
  key: string,
  path: string,
): Readonly<Record<string, string>> | undefined {
  const value = optionalObject(object, key, path);
  if (value === undefined) return undefined;
  const out: Record<string, string> = Object.create(null);
  let count = 0;
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw shapeError(`${path}.${key}[${JSON.stringify(name)}]`, 'a string');
    out[name] = item;
    count += 1;
  }
  return count === 0 ? undefined : out;
}

/** Runs a decoder body; a FieldError becomes its rejection, anything else is a bug and propagates. */
export function attempt<T>(body: () => T): { ok: true; value: T } | { ok: false; rejection: Rejection } {
  try {
    return { ok: true, value: body() };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, rejection: error.rejection };
    throw error;
  }
}
