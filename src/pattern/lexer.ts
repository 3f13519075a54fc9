/**
 * The lexer: pattern text → tokens with positions, following the lexer rules of the STIX patterning
 * grammars (2.0 and 2.1). It stops at the first malformed token and reports it.
 */
import type { DiagnosticSink } from './diagnostics.js';
import { quote } from './diagnostics.js';

/** STIX patterning versions the lexer and parser understand. */
export type StixPatternVersion = '2.0' | '2.1';

/** Token categories; keyword and punctuation tokens carry their spelling in `text`. */
export type TokenType =
  | 'int'
  | 'float'
  | 'string'
  | 'bool'
  | 'binary'
  | 'hex'
  | 'timestamp'
  | 'identifier'
  | 'keyword'
  | 'punct'
  | 'eof';

/** One token; `value` is the decoded content of string, binary, hex and timestamp literals. */
export interface Token {
  readonly type: TokenType;
  /** The source spelling. */
  readonly text: string;
  readonly value: string;
  readonly offset: number;
  readonly length: number;
}

// Keywords are case-sensitive in the grammar (AND, not and); true/false are lower-case only.
const KEYWORDS_21 = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'EXISTS',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
]);
const KEYWORDS_20 = new Set([...KEYWORDS_21].filter((k) => k !== 'EXISTS'));

/** The keywords of a version (true and false are literals, not keywords). */
export function keywords(version: StixPatternVersion): ReadonlySet<string> {
  return version === '2.0' ? KEYWORDS_20 : KEYWORDS_21;
}

// Two-character operators first so that <= is not read as < then =.
const PUNCTUATION = ['==', '!=', '<>', '<=', '>=', '=', '<', '>', '[', ']', '(', ')', ':', '.', ','];
const SINGLE_PUNCT = new Set(['+', '-', '^', '/', '*']);
const WHITESPACE = /[ \t\r\n\v\f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;
const DIGIT = /[0-9]/;
const PREFIXED: Readonly<Record<string, TokenType>> = { h: 'hex', b: 'binary', t: 'timestamp' };

/** Splits `text` into tokens ending with `eof`; returns undefined after reporting a lexical error. */
export function tokenize(
  text: string,
  version: StixPatternVersion,
  sink: DiagnosticSink,
): Token[] | undefined {
  const tokens: Token[] = [];
  const words = keywords(version);
  let i = 0;
  const push = (type: TokenType, start: number, value: string): void => {
    tokens.push({ type, text: text.slice(start, i), value, offset: start, length: i - start });
  };
  const fail = (start: number, length: number, message: string): undefined => {
    sink.report('KSTORM_PATTERN_SYNTAX', 'error', start, length, message);
    return undefined;
  };
  while (i < text.length) {
    const c = text.charAt(i);
    const start = i;
    if (WHITESPACE.test(c)) {
      i++;
    } else if (text.startsWith('//', i)) {
      while (i < text.length && text.charAt(i) !== '\n' && text.charAt(i) !== '\r') i++;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return fail(start, 2, 'comment "/*" is never closed with "*/"');
      i = end + 2;
    } else if (c === "'") {
      const decoded = readString(text, i, sink);
      if (!decoded) return undefined;
      i = decoded.end;
      push('string', start, decoded.value);
    } else if (IDENT_START.test(c)) {
      const prefixed = PREFIXED[c];
      if (prefixed && text.charAt(i + 1) === "'") {
        const end = text.indexOf("'", i + 2);
        if (end < 0) return fail(start, text.length - start, `literal ${c}'… is never closed with "'"`);
        i = end + 1;
        push(prefixed, start, text.slice(start + 2, end));
        continue;
      }
      while (i < text.length && IDENT_PART.test(text.charAt(i))) i++;
      const word = text.slice(start, i);
      if (word === 'true' || word === 'false') push('bool', start, word);
      else push(words.has(word) ? 'keyword' : 'identifier', start, word);
    } else if (DIGIT.test(c) || ((c === '+' || c === '-' || c === '.') && startsNumber(text, i))) {
      if (c === '+' || c === '-') i++;
      const digitsStart = i;
      while (DIGIT.test(text.charAt(i))) i++;
      if (text.charAt(i) === '.' && DIGIT.test(text.charAt(i + 1))) {
        i++;
        while (DIGIT.test(text.charAt(i))) i++;
        push('float', start, text.slice(start, i));
      } else {
        if (text.charAt(digitsStart) === '0' && i - digitsStart > 1) {
          return fail(start, i - start, `integer ${quote(text.slice(start, i))} has a leading zero`);
        }
        push('int', start, text.slice(start, i));
      }
    } else {
      const op = PUNCTUATION.find((p) => text.startsWith(p, i)) ?? (SINGLE_PUNCT.has(c) ? c : undefined);
      if (op === undefined) {
        const shown = String.fromCodePoint(text.codePointAt(i) ?? 0);
        return fail(start, shown.length, `unexpected character ${quote(shown)}`);
      }
      i += op.length;
      push('punct', start, op);
    }
  }
  tokens.push({ type: 'eof', text: '', value: '', offset: text.length, length: 0 });
  return tokens;
}

/** True when a sign or dot at `i` begins a number (sign then digit or .digit, or dot then digit). */
function startsNumber(text: string, i: number): boolean {
  const c = text.charAt(i);
  const next = text.charAt(i + 1);
  if (c === '.') return DIGIT.test(next);
  return DIGIT.test(next) || (next === '.' && DIGIT.test(text.charAt(i + 2)));
}

/** Reads a quoted string starting at the quote `start`; only \' and \\ escapes exist. */
function readString(
  text: string,
  start: number,
  sink: DiagnosticSink,
): { value: string; end: number } | undefined {
  const parts: string[] = [];
  let i = start + 1;
  let run = i;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === "'") {
      parts.push(text.slice(run, i));
      return { value: parts.join(''), end: i + 1 };
    }
    if (c === '\\') {
      const next = text.charAt(i + 1);
      if (next !== "'" && next !== '\\') {
        const shown = next === '' ? '\\' : `\\${next}`;
        sink.report(
          'KSTORM_PATTERN_SYNTAX',
          'error',
          i,
          shown.length,
          `invalid escape ${quote(shown)} in string literal; only \\' and \\\\ are allowed (write \\\\ for a backslash)`,
        );
        return undefined;
      }
      parts.push(text.slice(run, i), next);
      i += 2;
      run = i;
    } else {
      i++;
    }
  }
  sink.report(
    'KSTORM_PATTERN_SYNTAX',
    'error',
    start,
    text.length - start,
    `string literal is never closed with "'"`,
  );
  return undefined;
}
