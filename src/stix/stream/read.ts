/**
 * Streaming reader of STIX 2.1 content (bundles, arrays, single objects, JSON lines) that never holds
 * a whole input in memory: items come out as soon as each record is complete. Pure core: the bytes
 * come from whatever async iterable the caller opens.
 */
import { KstormError } from '../../util/index.js';
import type { RootPolicy } from './assembler.js';
import { DocumentParser } from './document.js';
import { ItemSink, type ReadItem, type ReadOptions, type StixInputFormat } from './items.js';
import { readJsonLines } from './lines.js';

export type { ReadItem, ReadOptions, SourceLocation, StixInputFormat } from './items.js';

/** The default per-record limit: 64 MiB. */
export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** Auto-detection buffers at most this much looking for the end of the first line. */
const DETECTION_LIMIT = 1024 * 1024;

const FORMATS: readonly StixInputFormat[] = ['auto', 'bundle', 'array', 'jsonl'];
const LEFT_BRACKET = 0x5b;
const NEWLINE = 0x0a;

/**
 * Reads STIX objects from chunks of UTF-8 JSON: a bundle, a single object, an array of objects and
 * bundles, or JSON lines of objects and bundles (`format: 'auto'` tells them apart). Bundles are
 * expanded: their objects are yielded one by one as each completes (tagged with the bundle id when it
 * is known by then), followed by the bundle envelope. Memory is bounded by the largest record, except
 * for a bundle whose `objects` come before its `type`: its objects are held until the type is known.
 *
 * Bad input never throws: each broken record becomes an `error` item (a KstormError coded
 * KSTORM_INPUT_JSON, KSTORM_INPUT_SHAPE or KSTORM_INPUT_TOO_LARGE) and reading goes on. Only a
 * document (as opposed to JSON lines) can end early, after one error item: at a syntax error, at
 * nesting deeper than 1000 levels, or at a single JSON token (a string, say) longer than
 * `maxRecordBytes`, which the streaming tokenizer would otherwise buffer whole. Errors of the source
 * itself (an unreadable file) are thrown as they are.
 *
 * Chunks must not be modified once handed over. A UTF-8 BOM at the start is skipped.
 */
export async function* readStixObjects(
  chunks: AsyncIterable<Uint8Array | string>,
  options: ReadOptions = {},
): AsyncGenerator<ReadItem> {
  const format = options.format ?? 'auto';
  if (!FORMATS.includes(format)) {
    throw new KstormError('KSTORM_CLI_USAGE', 'The input format must be auto, bundle, array or jsonl.', {
      format,
    });
  }
  const maxBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  if (!(maxBytes > 0)) {
    throw new KstormError('KSTORM_CLI_USAGE', 'The record size limit must be a positive number of bytes.', {
      maxRecordBytes: maxBytes,
    });
  }
  const source = toBytes(chunks);
  try {
    const head = await readHead(source, format);
    if (head === undefined) return;
    const rest = replay(head.chunks, source);
    const sink = new ItemSink();
    if (head.policy === 'jsonl') yield* readJsonLines(rest, sink, maxBytes);
    else yield* readDocument(rest, sink, maxBytes, head.policy);
  } finally {
    // Closes the caller's iterable too when the consumer stops early.
    await source.return(undefined);
  }
}

async function* readDocument(
  source: AsyncIterable<Uint8Array>,
  sink: ItemSink,
  maxBytes: number,
  policy: RootPolicy,
): AsyncGenerator<ReadItem> {
  const parser = new DocumentParser(sink, maxBytes, policy);
  for await (const chunk of source) {
    parser.write(chunk);
    for (const item of sink.take()) yield item;
    if (parser.failed) return;
  }
  parser.end();
  for (const item of sink.take()) yield item;
}

/** Turns string chunks into UTF-8 bytes, keeping a surrogate pair split across chunks whole. */
async function* toBytes(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let held = '';
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      let text = held + chunk;
      held = '';
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        held = text.slice(-1);
        text = text.slice(0, -1);
      }
      if (text.length > 0) yield encoder.encode(text);
    } else {
      if (held.length > 0) yield encoder.encode(held);
      held = '';
      if (chunk.length > 0) yield chunk;
    }
  }
  if (held.length > 0) yield encoder.encode(held);
}

async function* replay(head: Uint8Array[], rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (let chunk = head.shift(); chunk !== undefined; chunk = head.shift()) yield chunk;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return;
    yield next.value;
  }
}

interface Head {
  /** The chunks read so far, BOM removed. */
  readonly chunks: Uint8Array[];
  readonly policy: RootPolicy | 'jsonl';
}

/**
 * Reads just enough to choose the reader. Input starting with `[` is an array document. Otherwise the
 * first non-blank line decides: a complete JSON value (or a broken one) means JSON lines, so that one
 * bad record does not cost the others; the start of a longer value means a document. A first line
 * longer than the detection limit (a one-line bundle) is read as a document rather than buffered.
 */
async function readHead(
  source: AsyncIterator<Uint8Array>,
  format: StixInputFormat,
): Promise<Head | undefined> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const pull = async (): Promise<boolean> => {
    const next = await source.next();
    if (next.done === true) return false;
    chunks.push(next.value);
    total += next.value.length;
    return true;
  };
  while (total < 3 && (await pull()));
  total -= stripBom(chunks);
  if (format === 'jsonl') return { chunks, policy: 'jsonl' };
  if (format !== 'auto') return { chunks, policy: format === 'bundle' ? 'object' : 'array' };

  let scanned = 0; // chunks fully searched
  let seen = 0; // bytes in those chunks
  let first = -1; // absolute offset of the first non-blank byte
  let from = 0; // where to search on in chunks[scanned]
  for (;;) {
    for (; scanned < chunks.length; scanned += 1, from = 0) {
      const chunk = chunks[scanned] as Uint8Array;
      if (first < 0) {
        const found = firstNonSpace(chunk, from);
        if (found < 0) {
          seen += chunk.length;
          continue;
        }
        if (chunk[found] === LEFT_BRACKET) return { chunks, policy: 'any' };
        first = seen + found;
        from = found;
      }
      const newline = chunk.indexOf(NEWLINE, from);
      if (newline >= 0) {
        const line = slice(chunks, first, seen + newline);
        return { chunks, policy: startsLongerValue(line) ? 'any' : 'jsonl' };
      }
      seen += chunk.length;
    }
    if (total > DETECTION_LIMIT) return { chunks, policy: 'any' };
    if (!(await pull())) return first < 0 ? undefined : { chunks, policy: 'jsonl' };
  }
}

/** Removes a UTF-8 byte order mark from the start of the chunks; returns the bytes removed. */
function stripBom(chunks: Uint8Array[]): number {
  const bytes = slice(chunks, 0, 3);
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) return 0;
  for (let left = 3; left > 0; ) {
    const chunk = chunks[0] as Uint8Array;
    const cut = Math.min(left, chunk.length);
    left -= cut;
    if (cut === chunk.length) chunks.shift();
    else chunks[0] = chunk.subarray(cut);
  }
  return 3;
}

/** Copies the bytes from absolute offset `from` to `to` (exclusive) out of the chunks. */
function slice(chunks: readonly Uint8Array[], from: number, to: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, to - from));
  let start = 0;
  for (const chunk of chunks) {
    const end = start + chunk.length;
    if (end > from && start < to) {
      const piece = chunk.subarray(Math.max(0, from - start), Math.min(chunk.length, to - start));
      out.set(piece, Math.max(0, start - from));
    }
    start = end;
  }
  return out;
}

function firstNonSpace(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return i;
  }
  return -1;
}

/** True when the line is the valid start of a JSON value that goes on past it. */
function startsLongerValue(line: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder().decode(line));
    return false;
  } catch {
    const parser = new DocumentParser(new ItemSink(), Number.POSITIVE_INFINITY);
    parser.write(line);
    return !parser.failed;
  }
}
