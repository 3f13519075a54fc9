/**
 * Diagnostics: the located, coded findings that the lexer, parser and checker report instead of throwing.
 */
import type { ErrorCode } from '../util/index.js';

/** Whether a finding makes the pattern unusable (error) or only suspicious (warning). */
export type Severity = 'error' | 'warning';

/** One finding about a pattern text. */
export interface Diagnostic {
  readonly code: ErrorCode;
  readonly severity: Severity;
  /** Human-readable, starts with `column N:`; quotes at most a bounded prefix of the input. */
  readonly message: string;
  /** 1-based line of `offset` (patterns are usually one line). */
  readonly line: number;
  /** 1-based column of `offset` within its line, in UTF-16 code units. */
  readonly column: number;
  /** 0-based UTF-16 offset into the pattern text. */
  readonly offset: number;
  readonly length: number;
  /** What the grammar would have accepted here, for syntax errors. */
  readonly expected?: readonly string[];
}

const MAX_QUOTE = 40;

/** Quotes input text for a message, cut to a bounded prefix so hostile input cannot flood logs. */
export function quote(text: string): string {
  const cut = text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text;
  return JSON.stringify(cut);
}

/** Maps offsets to line and column; built once per text. */
export class LineMap {
  readonly #starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // \r\n counts as one break: only the \n starts a new line.
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.#starts.push(i + 1);
    }
  }

  /** 1-based line and column of `offset`. */
  locate(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.#starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.#starts[lo] ?? 0) + 1 };
  }
}

/** Collects diagnostics for one text, prefixing each message with its column. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];
  readonly #lines: LineMap;

  constructor(text: string) {
    this.#lines = new LineMap(text);
  }

  /** Records a finding at `offset..offset+length`. */
  report(
    code: ErrorCode,
    severity: Severity,
    offset: number,
    length: number,
    message: string,
    expected?: readonly string[],
  ): void {
    const { line, column } = this.#lines.locate(offset);
    const where = line > 1 ? `line ${line} column ${column}` : `column ${column}`;
    const base = { code, severity, message: `${where}: ${message}`, line, column, offset, length };
    this.diagnostics.push(expected ? { ...base, expected } : base);
  }

  /** True when any error (not warning) has been recorded. */
  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}
