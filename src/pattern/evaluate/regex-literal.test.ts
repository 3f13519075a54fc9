// The MATCHES prefilter: the literal must be in every text RE2JS matches, and as long as the scan can vouch for.
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { requiredLiteral, requiredLiterals } from './regex-literal.js';

const finds = (regex: string, text: string) => RE2JS.compile(regex).matcher(text).find();

describe('requiredLiteral', () => {
  it.each([
    ['kubectl logs .*', 'kubectl logs '],
    ['/usr/bin/nsenter -t 1', '/usr/bin/nsenter -t 1'],
    ['__x64_sys_setns', '__x64_sys_setns'],
    ['mount -t proc proc /proc', 'mount -t proc proc /proc'],
    ['^curl', 'curl'],
    ['^/bin/(ba|z)?sh$', '/bin/'],
    ['abc?d', 'ab'],
    ['colou?r', 'colo'],
    ['ab+c', 'ab'],
    ['ab*?c', 'a'],
    ['ab+?cd', 'ab'],
    ['ab??cd', 'cd'],
    ['x\\.y', 'x.y'],
    ['\\(\\)\\[\\]\\{\\}\\|\\*', '()[]{}|*'],
    ['[abc]def', 'def'],
    ['\\d+sleep', 'sleep'],
    ['\\bwget\\b', 'wget'],
    ['\\Aab\\z', 'ab'],
    ['\\x41bc', 'bc'], // the hex digits are the escape, not text
    ['\\x{1F600}ab', 'ab'],
    ['\\0123x', '3x'], // octal takes at most three digits
    ['\\pLab', 'ab'],
    ['\\p{Greek}ab', 'ab'],
    ['\\Qa.b\\Ec', 'a.bc'],
    ['\\Qab\\E?cd', 'cd'],
    ['xy\\Q\\E*z', 'x'], // an empty \Q\E pushes nothing, so * binds to y
    ['[]a]bc', 'bc'],
    ['[^]a]bc', 'bc'],
    ['[\\]]x', 'x'],
    ['[[:alpha:]]abc', 'abc'],
    ['[!-[:alpha:]]', ']'], // the range ends at `[`, so the class closes early and `]` is literal
    ['[a-]]z', ']z'],
    ['a(b(c)d)e', 'a'],
    ['ab(?:c|d)+ef', 'ab'],
    ['(?P<n>x)yz', 'yz'],
    ['(?<n>x)yz', 'yz'],
    ['😀?x', 'x'],
    ['ab😀+c', 'ab😀'],
    ['a😀*bc', 'bc'],
    ['xyz😀?', 'xyz'],
    ['a{2}b', 'a'],
    ['ab{0}c', 'a'],
    ['ab{0,}c', 'a'],
    ['abc{0,3}d', 'ab'],
    ['abc{2,3}?d', 'abc'],
    ['a{bc', 'bc'],
    ['ab{,3}cd', 'cd'], // literal for RE2, but treated as optional
    ['abc{01}d', 'ab'],
    ['xx{y}zz', 'y}zz'],
    ['a}b]c-d', 'a}b]c-d'],
  ])('%s → %s', (regex, expected) => {
    expect(requiredLiteral(regex)).toBe(expected);
  });

  it.each([
    '.*(ssh|password).*',
    'a|b',
    'abc|',
    '(?i)curl',
    'curl(?i)',
    'a(?i:b)c',
    '(?s).*x',
    '(?U)ab',
    'ab(?)*',
    '.*',
    '',
    '[abc]+',
    'a*',
    'a**', // invalid in RE2
    'ab(',
    'ab)',
    'abc[',
    'abc\\',
    'abc\\8',
    'abc\\p{Nope}',
    'abc{1001}',
    'abc[[:nope:]]',
    'ab(?P<1-x>c)',
    'ab\\C',
  ])('%s → undefined', (regex) => {
    expect(requiredLiteral(regex)).toBeUndefined();
  });

  it('rests on how RE2JS reads the syntax corners above', () => {
    expect(finds('[!-[:alpha:]]', ':')).toBe(false);
    expect(finds('[!-[:alpha:]]', ':]')).toBe(true);
    expect(finds('xy\\Q\\E*z', 'xz')).toBe(true);
    expect(finds('abc{01}d', 'abc{01}d')).toBe(true);
    expect(finds('ab{,3}cd', 'ab{,3}cd')).toBe(true);
    expect(finds('\\0123x', '\n3x')).toBe(true);
    expect(finds('😀?x', 'x')).toBe(true);
  });
});

/** A regex fragment with a text it matches (whole). */
interface Sample {
  readonly re: string;
  readonly text: string;
}

/** Marks where a group name goes; numbered after rendering so names never repeat. */
const NAME = '\u0001';
const ALPHABET = ['a', 'b', 'x', '1', '-', ']', '}', '{', '.', '*', '+', '?', '(', ')', '[', '|', '^', '$'];
const CHARS = [...ALPHABET, '\\', ' ', '/', ':', ',', '😀', 'é', '\n'];
const MUST_ESCAPE = new Set(['\\', '.', '+', '*', '?', '(', ')', '|', '[', '{', '^', '$']);
const join = (parts: readonly Sample[]): Sample => ({
  re: parts.map((p) => p.re).join(''),
  text: parts.map((p) => p.text).join(''),
});
const code = (c: string) => c.codePointAt(0) ?? 0;

const literal: fc.Arbitrary<Sample> = fc
  .tuple(fc.constantFrom(...CHARS), fc.constantFrom('plain', 'escaped', 'hex', 'braces', 'octal'))
  .map(([c, how]) => {
    const n = code(c);
    if (how === 'hex' && n < 0x100) return { re: `\\x${n.toString(16).padStart(2, '0')}`, text: c };
    if (how === 'braces') return { re: `\\x{${n.toString(16)}}`, text: c };
    if (how === 'octal' && n < 0x100) return { re: `\\${n.toString(8).padStart(3, '0')}`, text: c };
    const punctuation = n < 0x7f && !/[\w\s]/.test(c);
    if (MUST_ESCAPE.has(c) || (how === 'escaped' && punctuation)) return { re: `\\${c}`, text: c };
    return { re: c, text: c };
  });

const dot: fc.Arbitrary<Sample> = fc
  .constantFrom(...CHARS.filter((c) => c !== '\n'))
  .map((c) => ({ re: '.', text: c }));

const classChar = (c: string) => (['\\', ']', '[', '^', '-'].includes(c) ? `\\${c}` : c);
const CLASS_ITEMS: readonly Sample[] = [
  ...CHARS.map((c) => ({ re: classChar(c), text: c })),
  { re: 'a-c', text: 'b' },
  { re: '!-[', text: '[' },
  { re: '+-\\]', text: ']' },
  { re: '\\d', text: '1' },
  { re: '\\w', text: 'x' },
  { re: '\\s', text: ' ' },
  { re: '[:alpha:]', text: 'b' },
  { re: '\\pL', text: 'é' },
  { re: '\\p{Greek}', text: 'α' },
  { re: '\\x{1F600}', text: '😀' },
];
const charClass: fc.Arbitrary<Sample> = fc.oneof(
  fc
    .tuple(fc.array(fc.constantFrom(...CLASS_ITEMS), { minLength: 1, maxLength: 4 }), fc.nat(), fc.boolean())
    .map(([items, pick, bracketFirst]) => ({
      re: `[${bracketFirst ? ']' : ''}${items.map((i) => i.re).join('')}]`,
      text: items[pick % items.length]?.text ?? '',
    })),
  fc
    .tuple(fc.boolean(), fc.subarray(['b', 'x', '-']), fc.constantFrom('y', 'z', '😀', ' '))
    .map(([bracketFirst, excluded, c]) => ({
      re: `[^${bracketFirst ? ']' : ''}a${excluded.join('')}]`,
      text: c,
    })),
);

const QUANTIFIERS: readonly (readonly [string, number, number])[] = [
  ['*', 0, 2],
  ['+', 1, 3],
  ['?', 0, 1],
  ['{0}', 0, 0],
  ['{1}', 1, 1],
  ['{2}', 2, 2],
  ['{0,}', 0, 2],
  ['{1,}', 1, 3],
  ['{0,2}', 0, 2],
  ['{1,3}', 1, 3],
];
const quantified = (atom: fc.Arbitrary<Sample>): fc.Arbitrary<Sample> =>
  fc
    .tuple(atom, fc.constantFrom(...QUANTIFIERS), fc.nat(), fc.boolean(), fc.boolean())
    .map(([a, [op, min, max], n, lazy, spacer]) => ({
      // An empty \Q\E pushes nothing, so the quantifier still binds to the atom before it.
      re: `${a.re}${spacer ? '\\Q\\E' : ''}${op}${lazy ? '?' : ''}`,
      text: a.text.repeat(min + (n % (max - min + 1))),
    }));

const quoted: fc.Arbitrary<Sample> = fc
  .array(fc.constantFrom(...CHARS), { maxLength: 4 })
  .map((cs) => ({ re: `\\Q${cs.join('')}\\E`, text: cs.join('') }));

const { seq } = fc.letrec<{ seq: Sample; item: Sample; atom: Sample; group: Sample }>((tie) => ({
  seq: fc.array(tie('item'), { maxLength: 5 }).map(join),
  item: fc.oneof({ depthSize: 'small' }, tie('atom'), quantified(tie('atom')), quoted),
  atom: fc.oneof({ depthSize: 'small' }, literal, dot, charClass, tie('group')),
  group: fc
    .tuple(
      fc.constantFrom('(', '(?:', `(?P<${NAME}>`, `(?<${NAME}>`),
      fc.array(tie('seq'), { minLength: 1, maxLength: 3 }),
      fc.nat(),
    )
    .map(([open, alternatives, pick]) => ({
      re: `${open}${alternatives.map((a) => a.re).join('|')})`,
      text: alternatives[pick % alternatives.length]?.text ?? '',
    })),
}));

const nameGroups = (re: string) =>
  re
    .split(NAME)
    .map((part, i) => (i === 0 ? part : `g${i}${part}`))
    .join('');

const noise = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 6 });

describe('requiredLiteral soundness', () => {
  it('is contained in texts built to match generated regexes', () => {
    let atoms = 0;
    fc.assert(
      fc.property(
        fc.array(seq, { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.boolean(),
        fc.boolean(),
        noise,
        noise,
        (alternatives, pick, begin, end, prefix, suffix) => {
          // Several alternatives make a top-level `|`, grouped only when anchors would otherwise bind to one.
          const body = alternatives.map((a) => a.re).join('|');
          const grouped = alternatives.length > 1 && (begin || end) ? `(?:${body})` : body;
          const regex = nameGroups(`${begin ? '^' : ''}${grouped}${end ? '$' : ''}`);
          const inner = alternatives[pick % alternatives.length]?.text ?? '';
          const text = `${begin ? '' : prefix}${inner}${end ? '' : suffix}`;
          expect(finds(regex, text)).toBe(true);
          const atom = requiredLiteral(regex);
          if (atom !== undefined) {
            atoms++;
            expect(text).toContain(atom);
          }
          // Every run is required, not just the longest.
          for (const run of requiredLiterals(regex)) expect(text).toContain(run);
        },
      ),
      { numRuns: 4000 },
    );
    expect(atoms).toBeGreaterThan(400); // the property is not vacuous
  });

  it('is contained whenever RE2JS matches a random regex-like string', () => {
    const units = fc.constantFrom(
      ...['a', 'b', 'x', 'E', 'Q', 'd', 'p', 'L', 'P', 'i', '0', '1', '2', ',', '-', ':', '<', '>', '😀'],
      ...['(', ')', '[', ']', '{', '}', '?', '*', '+', '|', '\\', '.', '^', '$', '(?:', '(?i)', '[:alpha:]'],
      ...['\\Q', '\\E', '{0}', '{1,}', '{0,2}', '{2}', '\\x41', '\\d', '\\.'],
    );
    let matched = 0;
    fc.assert(
      fc.property(
        fc.string({ unit: units, maxLength: 10 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.string({ unit: units, maxLength: 2 })), { maxLength: 4 }),
        (regex, pieces) => {
          // Texts made of slices of the regex itself, so that literal-bearing regexes do match now and then.
          const text = pieces
            .map(
              ([from, length, filler]) =>
                `${regex.slice(from % (regex.length + 1)).slice(0, length % 8)}${filler}`,
            )
            .join('');
          const atom = requiredLiteral(regex);
          let compiled: RE2JS;
          try {
            compiled = RE2JS.compile(regex);
          } catch {
            expect(atom).toBeUndefined();
            return;
          }
          if (atom !== undefined && compiled.matcher(text).find()) {
            matched++;
            expect(text).toContain(atom);
            for (const run of requiredLiterals(regex)) expect(text).toContain(run);
          }
        },
      ),
      { numRuns: 5000 },
    );
    expect(matched).toBeGreaterThan(50);
  });
});

describe('requiredLiterals', () => {
  it('lists every required run in pattern order', () => {
    expect(requiredLiterals('wget http://[0-9.]+/x\\.sh')).toEqual(['wget http://', '/x.sh']);
    expect(requiredLiterals('ab+c')).toEqual(['ab', 'c']);
    expect(requiredLiterals('colou?r')).toEqual(['colo', 'r']);
    expect(requiredLiterals('a|b')).toEqual([]);
    expect(requiredLiterals('(?i)curl')).toEqual([]);
    expect(requiredLiterals('(unclosed')).toEqual([]);
  });
});

describe('requiredLiteral on hostile input', () => {
  const quick = (regex: string) => {
    const start = performance.now();
    const atom = requiredLiteral(regex);
    expect(performance.now() - start).toBeLessThan(2000);
    return atom;
  };

  it('returns quickly on 50,000-character patterns', () => {
    expect(quick(`${'('.repeat(25_000)}${')'.repeat(25_000)}`)).toBeUndefined();
    expect(quick(`abc${'('.repeat(25_000)}${')'.repeat(25_000)}`)).toBeUndefined(); // too deep for RE2
    expect(quick('a'.repeat(50_000))).toBe('a'.repeat(50_000));
    expect(quick(`[${'[:'.repeat(25_000)}`)).toBeUndefined();
    expect(quick(`a${'\\x{'.repeat(16_000)}`)).toBeUndefined();
    expect(quick('{1'.repeat(25_000))).toBe('1');
    expect(quick(`x${'\\Q'.repeat(25_000)}`)).toBe(`x${'\\Q'.repeat(24_999)}`);
    expect(quick('ab?'.repeat(16_000))).toBe('a');
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom('\uD83D', '\uDE00', '\\'),
            fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
          ),
          maxLength: 40,
        }),
        (regex) => {
          expect(['string', 'undefined']).toContain(typeof requiredLiteral(regex));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
