/** Turns byte offsets in a chunked UTF-8 stream into 1-based lines and columns, in one pass over the bytes. */

/** A 1-based line and column; the column counts characters (code points), not bytes. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

const NEWLINE = 0x0a;
const EMPTY: Uint8Array = new Uint8Array(0);

/**
 * Counts lines and columns up to the offsets asked for, which must (mostly) increase. Counting never
 * goes back: the current and the previous chunk are kept, so a token that began in the previous chunk
 * is still placed exactly; an offset further back reports the furthest position counted.
 */
export class LineCounter {
  private line = 1;
  /** Characters between the start of the current line and `scanned`. */
  private chars = 0;
  /** Absolute offset up to which bytes have been counted. */
  private scanned = 0;
  private previous: Uint8Array = EMPTY;
  private previousStart = 0;
  private chunk: Uint8Array = EMPTY;
  private chunkStart = 0;
  /** Index of the first newline at or after `scanned` in `newlineIn`, cached so long lines are not rescanned. */
  private newline = -1;
  private newlineIn: Uint8Array = EMPTY;

  /** Makes `chunk`, starting at absolute offset `start` right after the last chunk, the current chunk. */
  next(chunk: Uint8Array, start: number): void {
    this.advance(this.chunkStart);
    this.previous = this.chunk;
    this.previousStart = this.chunkStart;
    this.chunk = chunk;
    this.chunkStart = start;
  }

  /** The position of the byte at absolute `offset`. */
  at(offset: number): Position {
    this.advance(Math.min(offset, this.chunkStart + this.chunk.length));
    return { line: this.line, column: this.chars + 1 };
  }

  private advance(to: number): void {
    while (this.scanned < to) {
      const inPrevious = this.scanned < this.chunkStart;
      const bytes = inPrevious ? this.previous : this.chunk;
      const base = inPrevious ? this.previousStart : this.chunkStart;
      this.scan(bytes, this.scanned - base, Math.min(to, base + bytes.length) - base);
      this.scanned = Math.min(to, base + bytes.length);
    }
  }

  /** Counts the newlines and characters of `bytes` from index `from` to `end`. */
  private scan(bytes: Uint8Array, from: number, end: number): void {
    let newline = this.newlineIn === bytes && this.newline >= from ? this.newline : nextNewline(bytes, from);
    if (newline < end) {
      let last = newline;
      do {
        this.line += 1;
        last = newline;
        newline = nextNewline(bytes, newline + 1);
      } while (newline < end);
      this.chars = 0;
      from = last + 1;
    }
    let chars = 0;
    for (let i = from; i < end; i += 1) {
      // UTF-8 continuation bytes (10xxxxxx) do not start a character.
      if (((bytes[i] as number) & 0xc0) !== 0x80) chars += 1;
    }
    this.chars += chars;
    this.newline = newline;
    this.newlineIn = bytes;
  }
}

function nextNewline(bytes: Uint8Array, from: number): number {
  const index = bytes.indexOf(NEWLINE, from);
  return index === -1 ? bytes.length : index;
}
