/** The items the streaming STIX reader yields, and the sink that numbers them and words their messages. */
import { type ErrorCode, KstormError } from '../../util/index.js';

/** The shape of a STIX input; `auto` detects it from the first bytes. */
export type StixInputFormat = 'auto' | 'bundle' | 'array' | 'jsonl';

/** Options of `readStixObjects`. */
export interface ReadOptions {
  /** The input shape: `bundle` (root objects), `array` (root arrays), `jsonl` or `auto` (the default). */
  format?: StixInputFormat;
  /** The largest single record in bytes (object, bundle envelope or line); default 64 MiB. */
  maxRecordBytes?: number;
}

/**
 * Where an item came from. `index` numbers the items of one read in the order they are yielded,
 * from 0; `line` and `column` (both 1-based, the column counting characters) point at the start
 * of the record, and are absent when unknown. JSON lines items carry a line but no column.
 */
export interface SourceLocation {
  readonly index: number;
  readonly line?: number;
  readonly column?: number;
}

/**
 * One result of reading: a STIX object, the envelope of a bundle (every property except
 * `objects`, yielded after the bundle's objects), or an error about one record of the input.
 */
export type ReadItem =
  | { kind: 'object'; object: Record<string, unknown>; location: SourceLocation; bundleId?: string }
  | { kind: 'bundle'; bundle: Record<string, unknown>; location: SourceLocation }
  | { kind: 'error'; error: KstormError; location: SourceLocation };

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names the JSON kind of a value for messages, never its content (input is attacker-controlled). */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return 'not a JSON value';
  }
}

/** Words a position for messages: `line 3, column 7`, `line 3`, or `the input` when unknown. */
export function where(line: number | undefined, column?: number): string {
  if (line === undefined) return 'the input';
  return column === undefined ? `line ${line}` : `line ${line}, column ${column}`;
}

/** Collects the items of one read, numbering them in order, until the reader takes them. */
export class ItemSink {
  private count = 0;
  private items: ReadItem[] = [];

  /** Queues a STIX object. */
  object(object: JsonObject, line: number, column: number | undefined, bundleId: string | undefined): void {
    const location = this.locate(line, column);
    this.items.push(
      bundleId === undefined
        ? { kind: 'object', object, location }
        : { kind: 'object', object, location, bundleId },
    );
  }

  /** Queues a bundle envelope. */
  bundle(bundle: JsonObject, line: number, column: number | undefined): void {
    this.items.push({ kind: 'bundle', bundle, location: this.locate(line, column) });
  }

  /** Queues an error about one record; the position also goes into the error details. */
  error(
    code: ErrorCode,
    message: string,
    line: number | undefined,
    column: number | undefined,
    details: Record<string, unknown> = {},
  ): void {
    const position: Record<string, unknown> = {};
    if (line !== undefined) position['line'] = line;
    if (column !== undefined) position['column'] = column;
    const error = new KstormError(code, message, { ...details, ...position });
    this.items.push({ kind: 'error', error, location: this.locate(line, column) });
  }

  /** Hands over the queued items and starts a new queue. */
  take(): ReadItem[] {
    const items = this.items;
    this.items = [];
    return items;
  }

  private locate(line: number | undefined, column: number | undefined): SourceLocation {
    const index = this.count++;
    if (line === undefined) return { index };
    return column === undefined ? { index, line } : { index, line, column };
  }
}
