/**
 * The token cursor the parser is built on: looking ahead, consuming expected tokens, spans, the nesting
 * bound, and reporting "expected … but found …" before unwinding.
 */
import type { Span } from './ast.js';
import { type DiagnosticSink, quote } from './diagnostics.js';
import type { StixPatternVersion, Token } from './lexer.js';

/** Thrown only inside the parser to unwind after the first error has been reported. */
export class Abort extends Error {}

/** Position in a token list plus the error reporting every grammar rule shares. */
export class TokenCursor {
  protected pos = 0;
  protected depth = 0;

  constructor(
    protected readonly tokens: readonly Token[],
    protected readonly version: StixPatternVersion,
    protected readonly maxDepth: number,
    protected readonly sink: DiagnosticSink,
  ) {}

  /** Consumes an opening bracket or parenthesis, refusing to nest deeper than the bound. */
  protected enter(): void {
    const t = this.peek();
    if (this.depth >= this.maxDepth) {
      this.sink.report(
        'KSTORM_PATTERN_TOO_DEEP',
        'error',
        t.offset,
        t.length,
        `nesting is deeper than ${this.maxDepth} levels of parentheses and brackets`,
      );
      throw new Abort();
    }
    this.depth++;
    this.pos++;
  }

  protected peek(ahead = 0): Token {
    const t = this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
    if (!t) throw new Error('token list is empty'); // tokenize always ends with eof
    return t;
  }

  protected isPunct(text: string): boolean {
    const t = this.peek();
    return t.type === 'punct' && t.text === text;
  }

  protected isKeyword(text: string): boolean {
    const t = this.peek();
    return t.type === 'keyword' && t.text === text;
  }

  protected expectPunct(text: string, expected: readonly string[]): void {
    if (!this.isPunct(text)) this.fail(expected);
    this.pos++;
  }

  protected expectKeyword(text: string): void {
    if (!this.isKeyword(text)) this.fail([text]);
    this.pos++;
  }

  protected span(start: number): Span {
    const last = this.tokens[this.pos - 1];
    return { offset: start, length: last ? last.offset + last.length - start : 0 };
  }

  /** Reports "expected … but found …" at the current token and unwinds. */
  protected fail(expected: readonly string[], what?: string): never {
    const t = this.peek();
    const list = expected.length === 1 ? (expected[0] ?? '') : `one of ${expected.join(', ')}`;
    const wanted = what ? `${what} (${expected.join(', ')})` : list;
    const found = t.type === 'eof' ? 'the end of the pattern' : quote(t.text);
    this.sink.report(
      'KSTORM_PATTERN_SYNTAX',
      'error',
      t.offset,
      t.length,
      `expected ${wanted} but found ${found}`,
      expected,
    );
    throw new Abort();
  }

  protected failAt(t: Token, message: string): never {
    this.sink.report('KSTORM_PATTERN_SYNTAX', 'error', t.offset, t.length, message);
    throw new Abort();
  }
}
