/**
 * The JSON lines reader: one record per line, parsed with JSON.parse (much faster than a streaming
 * parser), where a broken or oversized line costs only itself and reading goes on with the next.
 */
import { type ItemSink, isJsonObject, type JsonObject, jsonKind, type ReadItem, where } from './items.js';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

// Lines are split on bytes and decoded whole, so a character split across chunks is never cut, and
// invalid UTF-8 fails only its own line.
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads JSON lines from byte chunks, yielding items as lines complete. */
export async function* readJsonLines(
  source: AsyncIterable<Uint8Array>,
  sink: ItemSink,
  maxBytes: number,
): AsyncGenerator<ReadItem> {
  let line = 0;
  // The start of a line that began in earlier chunks, copied because a source may reuse its buffers.
  let parts: Uint8Array[] = [];
  let partBytes = 0;
  // Set while skipping the rest of an oversized line, which is never buffered.
  let oversized = false;
  for await (const chunk of source) {
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      line += 1;
      const size = partBytes + newline - start;
      if (oversized || size > maxBytes) {
        tooLarge(sink, line, maxBytes);
      } else {
        const bytes = chunk.subarray(start, newline);
        readLine(sink, parts.length === 0 ? bytes : concat(parts, bytes, size), line);
      }
      oversized = false;
      parts = [];
      partBytes = 0;
      start = newline + 1;
    }
    if (start < chunk.length && !oversized) {
      partBytes += chunk.length - start;
      if (partBytes > maxBytes) {
        oversized = true;
        parts = [];
      } else {
        parts.push(new Uint8Array(chunk.subarray(start)));
      }
    }
    for (const item of sink.take()) yield item;
  }
  if (oversized) tooLarge(sink, line + 1, maxBytes);
  else if (partBytes > 0) readLine(sink, concat(parts, new Uint8Array(0), partBytes), line + 1);
  for (const item of sink.take()) yield item;
}

function concat(parts: readonly Uint8Array[], last: Uint8Array, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  bytes.set(last, offset);
  return bytes;
}

function tooLarge(sink: ItemSink, line: number, maxBytes: number): void {
  const message = `Line ${line} is longer than the ${maxBytes}-byte record limit.`;
  sink.error('KSTORM_INPUT_TOO_LARGE', message, line, undefined, { limit: maxBytes });
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === CARRIAGE_RETURN;
}

/** Parses one line (without its newline); blank lines are skipped. */
function readLine(sink: ItemSink, bytes: Uint8Array, line: number): void {
  let end = bytes.length;
  while (end > 0 && isSpace(bytes[end - 1])) end -= 1;
  let first = 0;
  while (first < end && isSpace(bytes[first])) first += 1;
  if (first === end) return;
  let text: string;
  try {
    text = decoder.decode(bytes.subarray(first, end));
  } catch {
    sink.error('KSTORM_INPUT_JSON', `Line ${line} is not valid UTF-8.`, line, undefined);
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8 names the offset of the fault; its message also quotes the input, so only the offset is kept.
    const found = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
    const column = found === null ? undefined : first + Number(found[1]) + 1;
    const at = column === undefined ? '' : ` (column ${column})`;
    sink.error('KSTORM_INPUT_JSON', `Line ${line} is not valid JSON${at}.`, line, column);
    return;
  }
  addRecord(sink, value, line);
}

/** Queues the items of one parsed record: an object, or a bundle's objects followed by its envelope. */
export function addRecord(sink: ItemSink, value: unknown, line: number): void {
  if (!isJsonObject(value)) {
    const message = `Line ${line} holds ${jsonKind(value)}, not a STIX object or bundle.`;
    sink.error('KSTORM_INPUT_SHAPE', message, line, undefined);
  } else if (value['type'] === 'bundle') {
    addBundle(sink, value, line);
  } else if (typeof value['type'] !== 'string') {
    sink.error(
      'KSTORM_INPUT_SHAPE',
      `The object on line ${line} has no string "type" property.`,
      line,
      undefined,
    );
  } else {
    sink.object(value, line, undefined, undefined);
  }
}

function addBundle(sink: ItemSink, bundle: JsonObject, line: number): void {
  const { objects, ...envelope } = bundle;
  if (objects !== undefined && !Array.isArray(objects)) {
    const message = `The bundle on line ${line} has an "objects" property that is not an array.`;
    sink.error('KSTORM_INPUT_SHAPE', message, line, undefined);
    return;
  }
  const bundleId = typeof envelope['id'] === 'string' ? envelope['id'] : undefined;
  for (const [i, element] of (objects ?? []).entries()) {
    if (isJsonObject(element) && typeof element['type'] === 'string') {
      sink.object(element, line, undefined, bundleId);
    } else {
      const problem = isJsonObject(element)
        ? 'has no string "type" property'
        : `is ${jsonKind(element)}, not a STIX object`;
      const message = `Element ${i} of the bundle on ${where(line)} ${problem}.`;
      sink.error('KSTORM_INPUT_SHAPE', message, line, undefined);
    }
  }
  sink.bundle(envelope, line, undefined);
}
