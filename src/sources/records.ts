/**
 * Records from a byte stream: JSON lines (what `tetra getevents -o json`, audit log files, Falco and
 * Kubescape stdout write) or one JSON document (a pretty-printed event, an array, an audit EventList).
 * Pure: the caller opens the stream. Memory is bounded by `maxRecordBytes` per line; a document is held
 * whole, up to `maxDocumentBytes`.
 *
 * The rule that tells them apart: if the first line is a complete JSON value, the input is JSON lines.
 * Otherwise, if it starts with `{` or `[`, the whole input is read as one document; should that not
 * parse either, it is read as JSON lines after all, so a broken first line costs one dead letter, not
 * the file.
 */

export interface RecordReadOptions {
  /** Bytes a single line may have (default 16 MiB); longer lines become `unreadable` items. */
  readonly maxRecordBytes?: number;
  /** Bytes a single multi-line document may have (default 256 MiB). */
  readonly maxDocumentBytes?: number;
}

export type RecordItem =
  | { readonly kind: 'record'; readonly text: string; readonly line: number }
  | {
      readonly kind: 'unreadable';
      readonly code: 'KSTORM_INPUT_ENCODING' | 'KSTORM_INPUT_TOO_LARGE';
      readonly message: string;
      /** The bytes (for a line too large: its first `maxRecordBytes`). */
      readonly raw: Uint8Array;
      readonly line: number;
    };

export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

const NEWLINE = 0x0a;
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export async function* readRecords(
  chunks: AsyncIterable<Uint8Array | string>,
  options: RecordReadOptions = {},
): AsyncGenerator<RecordItem> {
  const maxLine = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const maxDocument = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const lines = new LineSplitter(maxLine);
  let mode: 'undecided' | 'lines' | 'document' = 'undecided';
  const held: Uint8Array[] = [];
  let heldBytes = 0;

  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (mode === 'document') {
      held.push(bytes);
      heldBytes += bytes.byteLength;
      if (heldBytes > maxDocument) {
        // Too big to be one document: read what is held, and the rest, as lines.
        mode = 'lines';
        for (const part of held.splice(0)) yield* lines.push(part);
      }
      continue;
    }
    if (mode === 'lines') {
      yield* lines.push(bytes);
      continue;
    }
    held.push(bytes);
    heldBytes += bytes.byteLength;
    // Only a chunk that completes the first line (or overflows it) can decide: no quadratic re-scans.
    if (bytes.indexOf(NEWLINE) === -1 && heldBytes <= maxLine) continue;
    const decided = decide(held, heldBytes, maxLine);
    if (decided === undefined) continue;
    mode = decided;
    if (mode === 'lines') for (const part of held.splice(0)) yield* lines.push(part);
  }

  if (mode === 'undecided') mode = decide(held, heldBytes, maxLine, true) ?? 'lines';
  if (mode === 'document') {
    const document = Buffer.concat(held);
    const text = decodeDocument(document);
    if (text !== undefined) {
      yield { kind: 'record', text, line: 1 };
      return;
    }
    yield* lines.push(document);
  } else if (held.length > 0) {
    for (const part of held.splice(0)) yield* lines.push(part);
  }
  yield* lines.end();
}

/** Decides the mode once the first line is complete (or the input ended). */
function decide(
  held: readonly Uint8Array[],
  heldBytes: number,
  maxLine: number,
  ended = false,
): 'lines' | 'document' | undefined {
  const head = Buffer.concat(held as Uint8Array[], heldBytes);
  const newline = head.indexOf(NEWLINE);
  if (newline === -1 && !ended && heldBytes <= maxLine) return undefined;
  const firstLine = head
    .subarray(0, newline === -1 ? head.byteLength : newline)
    .toString('utf8')
    .trim();
  const start = firstLine.replace(/^\uFEFF/, '').trimStart()[0];
  if (start !== '{' && start !== '[') return 'lines';
  if (newline === -1) return 'document';
  try {
    JSON.parse(firstLine.replace(/^\uFEFF/, ''));
    return 'lines';
  } catch {
    return 'document';
  }
}

function decodeDocument(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = strict.decode(bytes);
  } catch {
    return undefined;
  }
  try {
    JSON.parse(text);
    return text;
  } catch {
    return undefined;
  }
}

/** Splits bytes into lines, decoding each as strict UTF-8; bounded per line. */
class LineSplitter {
  readonly #max: number;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  #skipping = false;
  #line = 0;

  constructor(max: number) {
    this.#max = max;
  }

  *push(bytes: Uint8Array): Generator<RecordItem> {
    let start = 0;
    while (start < bytes.byteLength) {
      const newline = bytes.indexOf(NEWLINE, start);
      const end = newline === -1 ? bytes.byteLength : newline;
      const piece = bytes.subarray(start, end);
      if (!this.#skipping) {
        if (this.#pendingBytes + piece.byteLength > this.#max) {
          this.#pending.push(piece.subarray(0, this.#max - this.#pendingBytes));
          yield this.#tooLarge();
          this.#skipping = true;
        } else if (piece.byteLength > 0) {
          this.#pending.push(piece);
          this.#pendingBytes += piece.byteLength;
        }
      }
      if (newline === -1) break;
      yield* this.#finishLine();
      start = newline + 1;
    }
  }

  *end(): Generator<RecordItem> {
    if (this.#pendingBytes > 0 || this.#skipping) yield* this.#finishLine();
  }

  *#finishLine(): Generator<RecordItem> {
    this.#line += 1;
    const skipped = this.#skipping;
    const parts = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#skipping = false;
    if (skipped || parts.length === 0) return;
    const bytes = parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
    let text: string;
    try {
      text = strict.decode(bytes);
    } catch {
      yield {
        kind: 'unreadable',
        code: 'KSTORM_INPUT_ENCODING',
        message: `Line ${this.#line} is not valid UTF-8.`,
        raw: bytes,
        line: this.#line,
      };
      return;
    }
    const trimmed = text.trim();
    if (trimmed.length > 0) yield { kind: 'record', text: trimmed, line: this.#line };
  }

  #tooLarge(): RecordItem {
    const line = this.#line + 1;
    const raw = Buffer.concat(this.#pending);
    this.#pending = [];
    this.#pendingBytes = 0;
    return {
      kind: 'unreadable',
      code: 'KSTORM_INPUT_TOO_LARGE',
      message: `Line ${line} is longer than ${this.#max} bytes; it was skipped (raise the record limit if it is legitimate).`,
      raw,
      line,
    };
  }
}
