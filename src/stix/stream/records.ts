/**
 * What becomes of a record of a document once it is read: a bundle is expanded into its objects and
 * envelope, anything else is checked to be a STIX object. Shared by the document assembler.
 */
import { type ItemSink, isJsonObject, type JsonObject, jsonKind, where } from './items.js';

/** A record (root object, or object in a root array) being assembled. */
export interface OpenRecord {
  readonly object: JsonObject;
  /** Index of the record's frame in the assembler. */
  readonly frame: number;
  readonly start: number;
  readonly line: number;
  readonly column: number;
  type: string | undefined;
  id: string | undefined;
  /** Bytes of `objects` arrays: their elements are held to the limit one by one instead. */
  excluded: number;
  /** Offset of the `objects` array being read, or -1 outside it. */
  membersStart: number;
  /** Elements read while the record's type was still unknown (keys in unusual order). */
  pending: unknown[] | undefined;
  /** Line and column of each pending element, in pairs. */
  readonly pendingAt: number[];
  /** Whether elements were handed out as bundle members. */
  streamed: boolean;
}

/** Stands in, among pending elements, for one that was too large to keep. */
export const OVERSIZED = Symbol('oversized');

/** Sets a property the way JSON.parse does: `__proto__` becomes an own property, not the prototype. */
export function setProperty(object: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    object[key] = value;
  }
}

/** Reports a record or bundle element over the size limit. */
export function reportTooLarge(
  sink: ItemSink,
  what: string,
  line: number,
  column: number,
  maxBytes: number,
): void {
  const message = `The ${what} at ${where(line, column)} is larger than the ${maxBytes}-byte record limit.`;
  sink.error('KSTORM_INPUT_TOO_LARGE', message, line, column, { limit: maxBytes });
}

/** Queues one element of a bundle's `objects`: a STIX object, or an error saying why it is not one. */
export function emitMember(
  sink: ItemSink,
  value: unknown,
  line: number,
  column: number,
  bundleId: string | undefined,
): void {
  if (isJsonObject(value) && typeof value['type'] === 'string') {
    sink.object(value, line, column, bundleId);
    return;
  }
  const problem = isJsonObject(value)
    ? 'has no string "type" property'
    : `is ${jsonKind(value)}, not a STIX object`;
  sink.error('KSTORM_INPUT_SHAPE', `The bundle element at ${where(line, column)} ${problem}.`, line, column);
}

/** Queues the items of a complete record: held-back bundle elements and the envelope, or the object. */
export function finishRecord(sink: ItemSink, record: OpenRecord, maxBytes: number): void {
  const { object, line, column, pending, pendingAt } = record;
  if (object['type'] === 'bundle' || record.streamed) {
    const objects = object['objects'];
    if (objects !== undefined) {
      // Streamed elements never entered the envelope; elements held back did, and leave it now.
      Reflect.deleteProperty(object, 'objects');
      if (!Array.isArray(objects)) {
        const message = `The bundle at ${where(line, column)} has an "objects" property that is not an array.`;
        sink.error('KSTORM_INPUT_SHAPE', message, line, column);
        return;
      }
      objects.forEach((element, i) => {
        const elementLine = pending === objects ? (pendingAt[2 * i] ?? line) : line;
        const elementColumn = pending === objects ? (pendingAt[2 * i + 1] ?? column) : column;
        if (element === OVERSIZED)
          reportTooLarge(sink, 'bundle element', elementLine, elementColumn, maxBytes);
        else emitMember(sink, element, elementLine, elementColumn, record.id);
      });
    }
    sink.bundle(object, line, column);
  } else if (pending?.includes(OVERSIZED)) {
    reportTooLarge(sink, 'object', line, column, maxBytes);
  } else if (typeof object['type'] !== 'string') {
    const message = `The object at ${where(line, column)} has no string "type" property.`;
    sink.error('KSTORM_INPUT_SHAPE', message, line, column);
  } else {
    sink.object(object, line, column, undefined);
  }
}
