/**
 * From a request body's bytes to records for the Ingestor: JSON lines, or one JSON document.
 *
 * The rule, decided per body:
 *  1. Lines are split on `\n` (a trailing `\r` is dropped); lines of only spaces, tabs or `\r` are skipped.
 *  2. One non-blank line: it is the record (a single alert, an audit `EventList`, an array, …).
 *  3. Several: if the first non-blank line alone is a complete JSON value, the body is JSON lines. If it
 *     is not (`{` opening a pretty-printed document) and the whole body parses as JSON, the body is one
 *     document. Otherwise it is JSON lines after all, so a broken first line costs that line only.
 * Costs: JSON lines pay one extra parse of their first line; only pretty-printed documents are parsed
 * twice (here and in the Ingestor), and senders batch compactly (Go's encoders write one line).
 *
 * Each record is decoded from UTF-8 on its own, strictly: a line that is not UTF-8, or longer than the
 * record limit, becomes a dead letter while the other lines still count.
 */
import type { IngestItem, Ingestor, SourceChoice } from '../../normalise/index.js';

/** Where the records of one body come from, and how large one may be. */
export interface BodyContext {
  readonly requestId: string;
  readonly source: SourceChoice;
  readonly recordLimit: number;
}

interface Line {
  readonly start: number;
  readonly end: number;
  /** 1-based line number in the body. */
  readonly number: number;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
// `fatal`: a bad byte must reject the record, not turn silently into U+FFFD.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Splits `body` into records and runs each through `ingestor`; one item per event or dead letter. */
export function ingestBody(ingestor: Ingestor, body: Buffer, context: BodyContext): IngestItem[] {
  const lines = nonBlankLines(body);
  const first = lines[0];
  if (first === undefined) return [];
  if (lines.length > 1 && !startsJsonLines(body, first)) {
    const whole = body.length <= context.recordLimit ? decodeUtf8(body) : undefined;
    if (whole !== undefined && isJson(whole))
      return ingestor.record(whole, location(context, first), context.source);
  }
  const items: IngestItem[] = [];
  for (const line of lines) {
    for (const item of ingestLine(
      ingestor,
      body.subarray(line.start, line.end),
      location(context, line),
      context,
    )) {
      items.push(item);
    }
  }
  return items;
}

function ingestLine(ingestor: Ingestor, bytes: Buffer, at: string, context: BodyContext): IngestItem[] {
  if (bytes.length > context.recordLimit) {
    const message = `The record is ${bytes.length} bytes, more than the limit of ${context.recordLimit}.`;
    return [ingestor.unreadable('KSTORM_INPUT_TOO_LARGE', message, bytes, at, context.source)];
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    return [
      ingestor.unreadable(
        'KSTORM_INPUT_ENCODING',
        'The record is not valid UTF-8.',
        bytes,
        at,
        context.source,
      ),
    ];
  }
  return ingestor.record(text, at, context.source);
}

function startsJsonLines(body: Buffer, first: Line): boolean {
  const text = decodeUtf8(body.subarray(first.start, first.end));
  return text !== undefined && isJson(text);
}

/** The non-blank lines of `body`, as byte ranges without their line ending. */
export function nonBlankLines(body: Buffer): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let number = 1;
  while (start <= body.length) {
    const newline = body.indexOf(NEWLINE, start);
    const stop = newline < 0 ? body.length : newline;
    const end = stop > start && body[stop - 1] === CARRIAGE_RETURN ? stop - 1 : stop;
    if (!isBlank(body, start, end)) lines.push({ start, end, number });
    if (newline < 0) break;
    start = newline + 1;
    number += 1;
  }
  return lines;
}

function isBlank(body: Buffer, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) {
    const byte = body[index];
    if (byte !== 0x20 && byte !== 0x09 && byte !== CARRIAGE_RETURN) return false;
  }
  return true;
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function location(context: BodyContext, line: Line): string {
  return `http:${context.requestId}:${line.number}`;
}
