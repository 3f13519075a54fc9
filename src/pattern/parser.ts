/**
 * The parser: a hand-written recursive-descent parser from tokens to the typed AST, following the
 * precedence of the STIX patterning grammar (FOLLOWEDBY loosest, then OR, then AND, then qualifiers).
 * It reports the first syntax error with its column and what was expected, and bounds length and depth.
 */
import type {
  ComparisonExpression,
  ComparisonOperator,
  Literal,
  ObservationExpression,
  Pattern,
  Qualifier,
  SetLiteral,
} from './ast.js';
import { Abort } from './cursor.js';
import { type Diagnostic, DiagnosticSink } from './diagnostics.js';
import { type StixPatternVersion, tokenize } from './lexer.js';
import { ValueParser } from './values.js';

/** Options for {@link parsePattern}. */
export interface ParseOptions {
  /** Which patterning grammar to follow. Default '2.1'. */
  readonly stixVersion?: StixPatternVersion;
  /** Longest accepted text in UTF-16 code units. Default 65536. */
  readonly maxLength?: number;
  /** Deepest accepted nesting of parentheses and brackets. Default 64. */
  readonly maxDepth?: number;
}

/** The outcome of parsing: an AST when there was no error, and every diagnostic. */
export interface ParseResult {
  readonly ast?: Pattern;
  readonly diagnostics: Diagnostic[];
}

/** Default bound on pattern length (64 KiB of UTF-16 code units). */
export const DEFAULT_MAX_PATTERN_LENGTH = 65_536;
/** Default bound on nesting depth. */
export const DEFAULT_MAX_PATTERN_DEPTH = 64;

const EQUALITY: Readonly<Record<string, ComparisonOperator>> = {
  '=': '=',
  '==': '=',
  '!=': '!=',
  '<>': '!=',
};
const ORDER = new Set(['<', '<=', '>', '>=']);
const STRING_OPS = new Set(['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);
const QUALIFIER_WORDS = ['WITHIN', 'REPEATS', 'START'];

/**
 * Parses STIX pattern text into an AST. Never throws on any input: problems come back as diagnostics
 * (the AST is absent when there is an error).
 */
export function parsePattern(text: string, options: ParseOptions = {}): ParseResult {
  const maxLength = options.maxLength ?? DEFAULT_MAX_PATTERN_LENGTH;
  if (text.length > maxLength) {
    // Only offset 0 is reported, so the line map need not scan the oversized text.
    const sink = new DiagnosticSink('');
    sink.report(
      'KSTORM_PATTERN_TOO_LONG',
      'error',
      0,
      text.length,
      `pattern is ${text.length} characters long; the limit is ${maxLength}`,
    );
    return { diagnostics: sink.diagnostics };
  }
  const sink = new DiagnosticSink(text);
  const version = options.stixVersion ?? '2.1';
  const tokens = tokenize(text, version, sink);
  if (!tokens) return { diagnostics: sink.diagnostics };
  const parser = new Parser(tokens, version, options.maxDepth ?? DEFAULT_MAX_PATTERN_DEPTH, sink);
  try {
    return { ast: parser.pattern(), diagnostics: sink.diagnostics };
  } catch (error) {
    if (error instanceof Abort) return { diagnostics: sink.diagnostics };
    throw error;
  }
}

/** The expression rules: observation expressions, qualifiers and comparison expressions. */
class Parser extends ValueParser {
  pattern(): Pattern {
    const start = this.peek().offset;
    const expression = this.followedBy();
    if (this.peek().type !== 'eof')
      this.fail(['AND', 'OR', 'FOLLOWEDBY', ...QUALIFIER_WORDS, 'end of pattern']);
    return { kind: 'pattern', expression, span: this.span(start) };
  }

  // Observation expressions, loosest first; each level is a left-associative loop.
  protected followedBy(): ObservationExpression {
    return this.chain(['FOLLOWEDBY'], () => this.observationOr());
  }

  protected observationOr(): ObservationExpression {
    return this.chain(['OR'], () => this.observationAnd());
  }

  protected observationAnd(): ObservationExpression {
    return this.chain(['AND'], () => this.qualified());
  }

  protected chain(ops: readonly string[], operand: () => ObservationExpression): ObservationExpression {
    const start = this.peek().offset;
    let left = operand();
    for (let t = this.peek(); t.type === 'keyword' && ops.includes(t.text); t = this.peek()) {
      this.pos++;
      const right = operand();
      const operator = t.text as 'AND' | 'OR' | 'FOLLOWEDBY';
      left = { kind: 'observationBinary', operator, left, right, span: this.span(start) };
    }
    return left;
  }

  protected qualified(): ObservationExpression {
    const start = this.peek().offset;
    const expression = this.observationPrimary();
    const qualifiers: Qualifier[] = [];
    for (let q = this.qualifier(); q; q = this.qualifier()) qualifiers.push(q);
    const [first, ...rest] = qualifiers;
    if (!first) return expression;
    return { kind: 'qualified', expression, qualifiers: [first, ...rest], span: this.span(start) };
  }

  protected observationPrimary(): ObservationExpression {
    const t = this.peek();
    const start = t.offset;
    if (this.isPunct('[')) {
      this.enter();
      const comparison = this.comparisonOr();
      this.expectPunct(']', ['AND', 'OR', ']']);
      this.depth--;
      return { kind: 'observation', comparison, span: this.span(start) };
    }
    if (this.isPunct('(')) {
      this.enter();
      const inner = this.followedBy();
      this.expectPunct(')', ['AND', 'OR', 'FOLLOWEDBY', ...QUALIFIER_WORDS, ')']);
      this.depth--;
      return inner;
    }
    return this.fail(['[', '('], 'an observation expression');
  }

  protected qualifier(): Qualifier | undefined {
    const t = this.peek();
    if (t.type !== 'keyword') return undefined;
    const start = t.offset;
    if (t.text === 'WITHIN') {
      this.pos++;
      const n = this.peek();
      if (n.type !== 'int' && n.type !== 'float') return this.fail(['a number of seconds']);
      const seconds = this.literal(n);
      if (seconds.kind !== 'int' && seconds.kind !== 'float') return this.fail(['a number of seconds']);
      this.pos++;
      this.expectKeyword('SECONDS');
      return { kind: 'within', seconds, span: this.span(start) };
    }
    if (t.text === 'REPEATS') {
      this.pos++;
      const n = this.peek();
      if (n.type !== 'int') return this.fail(['an integer number of times']);
      const times = this.literal(n);
      if (times.kind !== 'int') return this.fail(['an integer number of times']);
      this.pos++;
      this.expectKeyword('TIMES');
      return { kind: 'repeats', times, span: this.span(start) };
    }
    if (t.text === 'START') {
      this.pos++;
      const first = this.timeLiteral();
      this.expectKeyword('STOP');
      const stop = this.timeLiteral();
      return { kind: 'startStop', start: first, stop, span: this.span(start) };
    }
    return undefined;
  }

  protected timeLiteral(): Extract<Literal, { kind: 'timestamp' | 'string' }> {
    const t = this.peek();
    const wanted = this.version === '2.0' ? 'string' : 'timestamp';
    if (t.type !== wanted) {
      return this.fail([
        this.version === '2.0' ? "a string literal '…' (STIX 2.0)" : "a timestamp literal t'…'",
      ]);
    }
    this.pos++;
    const span = { offset: t.offset, length: t.length };
    return wanted === 'string'
      ? { kind: 'string', value: t.value, span }
      : { kind: 'timestamp', value: t.value, span };
  }

  // Comparison expressions inside brackets: OR looser than AND.
  protected comparisonOr(): ComparisonExpression {
    return this.comparisonChain('OR', () => this.comparisonAnd());
  }

  protected comparisonAnd(): ComparisonExpression {
    return this.comparisonChain('AND', () => this.propTest());
  }

  protected comparisonChain(op: 'AND' | 'OR', operand: () => ComparisonExpression): ComparisonExpression {
    const start = this.peek().offset;
    let left = operand();
    while (this.isKeyword(op)) {
      this.pos++;
      const right = operand();
      left = { kind: 'comparisonBinary', operator: op, left, right, span: this.span(start) };
    }
    return left;
  }

  protected propTest(): ComparisonExpression {
    const t = this.peek();
    const start = t.offset;
    if (this.isPunct('(')) {
      this.enter();
      const inner = this.comparisonOr();
      this.expectPunct(')', ['AND', 'OR', ')']);
      this.depth--;
      return inner;
    }
    if (this.version === '2.0' && t.type === 'identifier' && t.text === 'EXISTS') {
      return this.failAt(t, 'EXISTS is not part of STIX 2.0 patterning (it was added in STIX 2.1)');
    }
    const negatedExists =
      this.isKeyword('NOT') && this.peek(1).type === 'keyword' && this.peek(1).text === 'EXISTS';
    if (negatedExists || this.isKeyword('EXISTS')) {
      this.pos += negatedExists ? 2 : 1;
      const path = this.objectPath();
      return { kind: 'exists', path, negated: negatedExists, span: this.span(start) };
    }
    const path = this.objectPath();
    const negated = this.isKeyword('NOT');
    if (negated) this.pos++;
    const op = this.peek();
    const equality = op.type === 'punct' ? EQUALITY[op.text] : undefined;
    let operator: ComparisonOperator;
    let value: Literal | SetLiteral;
    if (equality) {
      this.pos++;
      operator = equality;
      value = this.literalOf(['a literal value'], () => true);
    } else if (op.type === 'punct' && ORDER.has(op.text)) {
      this.pos++;
      operator = op.text as ComparisonOperator;
      value = this.literalOf(
        ['an orderable literal (number, string, binary, hex or timestamp)'],
        (x) => x !== 'bool',
      );
    } else if (op.type === 'keyword' && op.text === 'IN') {
      this.pos++;
      operator = 'IN';
      value = this.setLiteral();
    } else if (op.type === 'keyword' && STRING_OPS.has(op.text)) {
      this.pos++;
      operator = op.text as ComparisonOperator;
      value = this.literalOf(['a string literal'], (x) => x === 'string');
    } else if (op.type === 'keyword' && op.text === 'EXISTS') {
      return this.failAt(op, 'EXISTS goes before the object path: write EXISTS type:property');
    } else {
      const ops = ['=', '!=', '<', '<=', '>', '>=', 'IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'];
      if (this.version === '2.1' && !negated) ops.push('EXISTS');
      return this.fail(ops, 'a comparison operator');
    }
    return { kind: 'comparison', path, negated, operator, value, span: this.span(start) };
  }
}
