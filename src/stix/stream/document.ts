/**
 * The streaming parser behind bundle, array and single-object documents: @streamparser/json turns
 * bytes into tokens, a small grammar checks them, and the assembler turns them into STIX records.
 * Several root values in a row (concatenated JSON) are accepted.
 */
import { type ParsedTokenInfo, Tokenizer, TokenizerError, TokenType } from '@streamparser/json';
import { RecordAssembler, type RootPolicy } from './assembler.js';
import { type ItemSink, where } from './items.js';
import { LineCounter } from './position.js';

/** Deeper nesting is refused: no STIX content needs it, and it would only serve to exhaust resources. */
export const MAX_NESTING_DEPTH = 1000;

// Token types, read once: the token switch is the hot path.
const LEFT_BRACE = TokenType.LEFT_BRACE;
const RIGHT_BRACE = TokenType.RIGHT_BRACE;
const LEFT_BRACKET = TokenType.LEFT_BRACKET;
const RIGHT_BRACKET = TokenType.RIGHT_BRACKET;
const COLON = TokenType.COLON;
const COMMA = TokenType.COMMA;
const STRING = TokenType.STRING;
const SEPARATOR = TokenType.SEPARATOR;

// Grammar states. The first two both accept a value, so `state <= FIRST_ELEMENT` tests for that.
const EXPECT_VALUE = 0;
const FIRST_ELEMENT = 1;
const FIRST_KEY = 2;
const EXPECT_KEY = 3;
const EXPECT_COLON = 4;
const AFTER_VALUE = 5;

const TOKEN_NAMES: Readonly<Record<number, string>> = {
  [LEFT_BRACE]: '"{"',
  [RIGHT_BRACE]: '"}"',
  [LEFT_BRACKET]: '"["',
  [RIGHT_BRACKET]: '"]"',
  [COLON]: '":"',
  [COMMA]: '","',
  [TokenType.TRUE]: 'true',
  [TokenType.FALSE]: 'false',
  [TokenType.NULL]: 'null',
  [STRING]: 'a string',
  [TokenType.NUMBER]: 'a number',
};

/** A fault found while tokens flow; its message is worded once the position is known. */
class Fault extends Error {
  constructor(
    readonly code: 'KSTORM_INPUT_JSON' | 'KSTORM_INPUT_TOO_LARGE',
    readonly describe: (at: string) => string,
    readonly offset: number,
  ) {
    super('fault');
  }
}

/** Names a byte for messages without echoing more than that one byte. */
function describeByte(byte: number): string {
  return byte > 0x20 && byte < 0x7f
    ? JSON.stringify(String.fromCharCode(byte))
    : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

/** Parses one JSON document stream chunk by chunk, queueing items into the sink as records complete. */
export class DocumentParser {
  private readonly tokenizer = new Tokenizer();
  private readonly lines = new LineCounter();
  private readonly assembler: RecordAssembler;
  private fed = 0;
  private lastToken = 0;
  private problem: unknown;
  private stopped = false;
  private state = EXPECT_VALUE;
  /** One entry per open container, true for objects. */
  private readonly open: boolean[] = [];

  constructor(
    private readonly sink: ItemSink,
    private readonly maxBytes: number,
    policy: RootPolicy = 'any',
  ) {
    this.assembler = new RecordAssembler(sink, this.lines, maxBytes, policy);
    this.tokenizer.onToken = (info) => this.token(info);
    this.tokenizer.onError = (error) => {
      this.problem ??= error;
    };
  }

  /** True once a syntax error (or an oversized token) has ended the document: no more items follow. */
  get failed(): boolean {
    return this.stopped;
  }

  /** Parses the next chunk. */
  write(chunk: Uint8Array): void {
    if (this.stopped) return;
    this.lines.next(chunk, this.fed);
    this.tokenizer.write(chunk);
    this.fed += chunk.length;
    if (this.problem !== undefined) {
      this.fail(this.problem);
    } else if (this.fed - this.lastToken > this.maxBytes) {
      // The tokenizer buffers a string or number whole; past the limit the document cannot be resynced.
      const limit = this.maxBytes;
      const describe = (at: string) => `The JSON token at ${at} runs past the ${limit}-byte record limit.`;
      this.fail(new Fault('KSTORM_INPUT_TOO_LARGE', describe, this.lastToken));
    }
  }

  /** Ends the document: an unfinished value is reported as a syntax error. */
  end(): void {
    if (this.stopped) return;
    this.tokenizer.end();
    if (this.problem !== undefined) {
      this.fail(this.problem);
    } else if (this.open.length > 0 || this.state !== EXPECT_VALUE) {
      this.fail(
        new Fault('KSTORM_INPUT_JSON', (at) => `Invalid JSON at ${at}: the input ends too early.`, this.fed),
      );
    }
    this.stopped = true;
  }

  private token(info: ParsedTokenInfo): void {
    const { token, offset } = info;
    this.lastToken = offset;
    const state = this.state;
    switch (token) {
      case LEFT_BRACE:
      case LEFT_BRACKET:
        if (state <= FIRST_ELEMENT) {
          this.enter(token === LEFT_BRACE, offset);
          return;
        }
        break;
      case RIGHT_BRACE:
      case RIGHT_BRACKET:
        if (
          (token === RIGHT_BRACE && state === FIRST_KEY) ||
          (token === RIGHT_BRACKET && state === FIRST_ELEMENT) ||
          (state === AFTER_VALUE && this.open[this.open.length - 1] === (token === RIGHT_BRACE))
        ) {
          this.open.pop();
          this.state = this.open.length === 0 ? EXPECT_VALUE : AFTER_VALUE;
          this.assembler.leave(offset);
          return;
        }
        break;
      case COLON:
        if (state === EXPECT_COLON) {
          this.state = EXPECT_VALUE;
          return;
        }
        break;
      case COMMA:
        if (state === AFTER_VALUE) {
          this.state = this.open[this.open.length - 1] === true ? EXPECT_KEY : EXPECT_VALUE;
          return;
        }
        break;
      case STRING:
        if (state === FIRST_KEY || state === EXPECT_KEY) {
          this.state = EXPECT_COLON;
          this.assembler.key(info.value as string, offset);
          return;
        }
        if (state <= FIRST_ELEMENT) {
          this.scalar(info.value, offset);
          return;
        }
        break;
      case SEPARATOR:
        break;
      default:
        if (state <= FIRST_ELEMENT) {
          this.scalar(info.value, offset);
          return;
        }
    }
    const name = TOKEN_NAMES[token] ?? 'token';
    throw new Fault('KSTORM_INPUT_JSON', (at) => `Invalid JSON at ${at}: unexpected ${name}.`, offset);
  }

  private enter(isObject: boolean, offset: number): void {
    if (this.open.length >= MAX_NESTING_DEPTH) {
      const describe = (at: string) =>
        `The JSON at ${at} is nested more than ${MAX_NESTING_DEPTH} levels deep.`;
      throw new Fault('KSTORM_INPUT_TOO_LARGE', describe, offset);
    }
    this.open.push(isObject);
    this.state = isObject ? FIRST_KEY : FIRST_ELEMENT;
    this.assembler.enter(isObject, offset);
  }

  private scalar(value: unknown, offset: number): void {
    this.state = this.open.length === 0 ? EXPECT_VALUE : AFTER_VALUE;
    this.assembler.scalar(value, offset);
  }

  /** Reports the fault that ends the document as one error item. */
  private fail(problem: unknown): void {
    this.stopped = true;
    let code: Fault['code'] = 'KSTORM_INPUT_JSON';
    let offset = this.fed;
    let describe = (at: string): string => `Invalid JSON at ${at}: the input ends too early.`;
    if (problem instanceof Fault) {
      ({ code, offset, describe } = problem);
    } else if (problem instanceof TokenizerError) {
      // The tokenizer names the offending byte and its absolute offset in its message.
      const found = /^Unexpected "([\s\S])" at .*absolute position "(\d+)"/.exec(problem.message);
      if (found !== null) {
        const byte = describeByte((found[1] as string).charCodeAt(0));
        offset = Number(found[2]);
        describe = (at) => `Invalid JSON at ${at}: unexpected ${byte}.`;
      }
    } else if (problem instanceof TypeError && /encoded data|utf-?8/i.test(problem.message)) {
      describe = (at) => `The input is not valid UTF-8 (in a string before ${at}).`;
    } else {
      throw problem;
    }
    const at = this.lines.at(offset);
    this.sink.error(code, describe(where(at.line, at.column)), at.line, at.column);
  }
}
