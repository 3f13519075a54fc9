/**
 * A literal that every match of a MATCHES regex must contain, read off the pattern text without running it,
 * so that the evaluator can reject most values with a plain `includes` before starting the RE2 engine.
 * The scan follows the RE2 syntax that `RE2JS.compile` accepts with no flags and gives up whenever a
 * construct could make the literal optional.
 */
import { RE2JS } from 're2js';

/** `\d`-style escapes, which stand for a class rather than a character, so never start a range. */
const PERL_CLASSES = new Set(['d', 'D', 's', 'S', 'w', 'W']);

/** What a following quantifier would bind to at the top level. */
type Last = 'none' | 'literal' | 'other' | 'repeated';

/** How a `{…}` after an atom reads: where it ends and whether it may repeat zero times. */
interface Brace {
  readonly end: number;
  readonly optional: boolean;
}

function width(s: string, i: number): number {
  const c = s.codePointAt(i);
  return c !== undefined && c > 0xffff ? 2 : 1;
}

/** RE2 reads `\` before any ASCII non-alphanumeric as that character; we trust only visible punctuation. */
function isPunctuation(c: number): boolean {
  return (
    (c >= 0x21 && c <= 0x2f) ||
    (c >= 0x3a && c <= 0x40) ||
    (c >= 0x5b && c <= 0x60) ||
    (c >= 0x7b && c <= 0x7e)
  );
}

function isOctal(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '7';
}

/**
 * Index just past the escape starting at `i`, consuming its arguments (`\x41`, `\x{…}`, `\p{…}`, `\pL`,
 * octal digits) so that they are never mistaken for literal text.
 */
function escapeEnd(s: string, i: number): number {
  const c = s[i + 1];
  if (c === undefined) return s.length;
  let j = i + 2;
  if (c === 'p' || c === 'P' || c === 'x') {
    if (s[j] === '{') {
      const close = s.indexOf('}', j);
      return close < 0 ? s.length : close + 1;
    }
    for (let k = c === 'x' ? 2 : 1; k > 0 && j < s.length; k--) j += width(s, j);
    return j;
  }
  if (isOctal(c)) {
    for (let k = 0; k < 2 && isOctal(s[j]); k++) j++;
    return j;
  }
  return i + 1 + width(s, i + 1);
}

/**
 * Index just past the character class opening at `start`, read item by item as RE2 does: a `]` first is
 * literal, `[:name:]` is one item, and the end of a range is a single character even when it is `[`.
 * `lastNamed` is the last `:]` in the pattern; knowing it keeps repeated `[:` without `:]` linear.
 */
function classEnd(s: string, start: number, lastNamed: number): number {
  let i = start + 1;
  if (s[i] === '^') i++;
  let first = true;
  while (i < s.length) {
    if (s[i] === ']' && !first) return i + 1;
    first = false;
    if (s[i] === '[' && s[i + 1] === ':' && i <= lastNamed) {
      i = s.indexOf(':]', i) + 2;
      continue;
    }
    if (s[i] === '\\') {
      const c = s[i + 1] ?? '';
      const isClass = c === 'p' || c === 'P' || PERL_CLASSES.has(c);
      i = escapeEnd(s, i);
      if (isClass) continue;
    } else {
      i += width(s, i);
    }
    if (s[i] === '-' && s[i + 1] !== ']') {
      i++;
      if (i < s.length) i = s[i] === '\\' ? escapeEnd(s, i) : i + width(s, i);
    }
  }
  return s.length;
}

/**
 * Reads a `{` at `i` as a repeat when it is digits and commas closed by `}`. RE2 takes only
 * `{n}`, `{n,}`, `{n,m}` without leading zeros as a repeat and anything else as literal text, but a
 * look-alike such as `{,3}` is reported as optional anyway, in case another RE2 reads it as `{0,3}`.
 */
function brace(s: string, i: number): Brace | undefined {
  let j = i + 1;
  for (let c = s[j]; c !== undefined && ((c >= '0' && c <= '9') || c === ','); c = s[j]) j++;
  if (s[j] !== '}') return undefined;
  const parts = s.slice(i + 1, j).split(',');
  const number = (p: string) => p.length > 0 && (p === '0' || p[0] !== '0');
  const min = parts[0] ?? '';
  const max = parts[1];
  const strict = parts.length <= 2 && number(min) && (max === undefined || max === '' || number(max));
  return { end: j + 1, optional: !strict || min === '0' };
}

/** The top-level literal runs, in order, or undefined when the pattern defeats the scan. */
function scan(s: string): string[] | undefined {
  const lastNamed = s.lastIndexOf(':]');
  const runs: string[] = [];
  let run = '';
  let lastWidth = 0;
  let last: Last = 'none';
  let depth = 0;

  const endRun = () => {
    if (run.length > 0) runs.push(run);
    run = '';
  };
  const literal = (ch: string) => {
    if (depth > 0) return;
    run += ch;
    lastWidth = ch.length;
    last = 'literal';
  };
  const atom = () => {
    if (depth > 0) return;
    endRun();
    last = 'other';
  };
  // False means "give up": a quantifier on a quantifier is rejected by RE2 except behind an empty `\Q\E`,
  // and what it would make optional has already left the run.
  const quantifier = (optional: boolean): boolean => {
    if (depth > 0) return true;
    if (last === 'repeated') return false;
    if (last === 'literal' && optional) run = run.slice(0, run.length - lastWidth);
    endRun();
    last = 'repeated';
    return true;
  };
  const character = (at: number) => {
    const c = s.codePointAt(at) ?? 0;
    // A lone surrogate may be decoded differently by the engine than by `includes`.
    if (c >= 0xd800 && c <= 0xdfff) atom();
    else literal(String.fromCodePoint(c));
  };

  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '(') {
      if (s[i + 1] !== '?') i += 1;
      else if (s.startsWith('(?:', i)) i += 3;
      else if (s.startsWith('(?P<', i)) i += 4;
      else if (s.startsWith('(?<', i)) i += 3;
      else return undefined; // flags such as (?i) or (?U) change what a literal matches
      if (depth === 0) endRun();
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth < 0) return undefined;
      if (depth === 0) last = 'other';
      i++;
    } else if (ch === '|') {
      if (depth === 0) return undefined;
      i++;
    } else if (ch === '[') {
      atom();
      i = classEnd(s, i, lastNamed);
    } else if (ch === '.' || ch === '^' || ch === '$') {
      atom();
      i++;
    } else if (ch === '*' || ch === '+' || ch === '?') {
      if (!quantifier(ch !== '+')) return undefined;
      i = s[i + 1] === '?' ? i + 2 : i + 1;
    } else if (ch === '{') {
      const repeat = brace(s, i);
      if (repeat === undefined) {
        atom(); // a literal `{` for RE2; leaving it out is merely less selective
        i++;
      } else {
        if (!quantifier(repeat.optional)) return undefined;
        i = s[repeat.end] === '?' ? repeat.end + 1 : repeat.end;
      }
    } else if (ch === '\\') {
      const next = s.codePointAt(i + 1);
      if (next === undefined) return undefined;
      if (next === 0x51) {
        // \Q…\E pushes each character as a literal, and nothing at all when empty.
        const close = s.indexOf('\\E', i + 2);
        const end = close < 0 ? s.length : close;
        for (let j = i + 2; j < end; j += width(s, j)) character(j);
        i = close < 0 ? s.length : close + 2;
      } else if (isPunctuation(next)) {
        literal(String.fromCharCode(next));
        i += 2;
      } else {
        atom();
        i = escapeEnd(s, i);
      }
    } else {
      character(i);
      i += width(s, i);
    }
  }
  if (depth !== 0) return undefined;
  endRun();
  return runs;
}

/**
 * Strings that every text in which `RE2JS.compile(regex)` finds a match contains, each of them, in pattern
 * order; empty when none can be vouched for. Only literal characters outside groups count: the pattern is
 * given up on at a top-level `|` or any flag group, groups and classes are skipped, and a character
 * followed by a quantifier that allows zero repetitions is dropped. Linear in the pattern length, never
 * recursive, and never throws; patterns that RE2JS rejects give none.
 */
export function requiredLiterals(regex: string): string[] {
  if (typeof regex !== 'string') return [];
  const runs = scan(regex);
  if (runs === undefined || runs.length === 0) return [];
  try {
    RE2JS.compile(regex);
  } catch {
    return [];
  }
  return runs;
}

/** The longest of {@link requiredLiterals} (the first of equals), or undefined when there is none. */
export function requiredLiteral(regex: string): string | undefined {
  let best: string | undefined;
  for (const run of requiredLiterals(regex)) if (run.length > (best?.length ?? 0)) best = run;
  return best;
}
