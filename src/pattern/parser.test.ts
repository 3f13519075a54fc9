// The parser builds the typed AST with the grammar's precedence and reports syntax errors by column.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Comparison, ComparisonExpression, ObservationExpression, Pattern } from './ast.js';
import { parsePattern } from './parser.js';
import { printPattern } from './printer.js';

function ast(text: string, stixVersion: '2.0' | '2.1' = '2.1'): Pattern {
  const result = parsePattern(text, { stixVersion });
  expect(result.diagnostics).toEqual([]);
  if (!result.ast) throw new Error(`no AST for ${text}`);
  return result.ast;
}

/** A compact picture of the tree, to assert grouping. */
function shape(e: ObservationExpression | ComparisonExpression): string {
  switch (e.kind) {
    case 'observation':
      return shape(e.comparison);
    case 'observationBinary':
    case 'comparisonBinary':
      return `(${shape(e.left)} ${e.operator} ${shape(e.right)})`;
    case 'qualified':
      return `${shape(e.expression)}{${e.qualifiers.map((q) => q.kind).join(',')}}`;
    case 'exists':
      return `${e.negated ? '!' : ''}?${e.path.objectType}`;
    case 'comparison':
      return e.path.objectType;
  }
}

function comparison(text: string): Comparison {
  const e = ast(text).expression;
  if (e.kind !== 'observation' || e.comparison.kind !== 'comparison') throw new Error('not one comparison');
  return e.comparison;
}

function syntaxError(text: string, options: Parameters<typeof parsePattern>[1] = {}) {
  const result = parsePattern(text, options);
  expect(result.ast).toBeUndefined();
  expect(result.diagnostics).toHaveLength(1);
  const [d] = result.diagnostics;
  if (!d) throw new Error('no diagnostic');
  return d;
}

describe('parsePattern: structure', () => {
  it('groups FOLLOWEDBY loosest, then OR, then AND', () => {
    const e = ast('[a:b = 1] AND [c:d = 2] OR [e:f = 3] FOLLOWEDBY [g:h = 4]').expression;
    expect(shape(e)).toBe('(((a AND c) OR e) FOLLOWEDBY g)');
    expect(shape(ast('[a:b = 1] FOLLOWEDBY [c:d = 2] OR [e:f = 3] AND [g:h = 4]').expression)).toBe(
      '(a FOLLOWEDBY (c OR (e AND g)))',
    );
  });

  it('is left-associative and honours parentheses', () => {
    expect(shape(ast('[a:b=1] AND [c:d=1] AND [e:f=1]').expression)).toBe('((a AND c) AND e)');
    expect(shape(ast('[a:b=1] AND ([c:d=1] OR [e:f=1])').expression)).toBe('(a AND (c OR e))');
  });

  it('groups OR and AND inside brackets', () => {
    expect(shape(ast('[a:b=1 OR c:d=1 AND e:f=1]').expression)).toBe('(a OR (c AND e))');
    expect(shape(ast('[(a:b=1 OR c:d=1) AND e:f=1]').expression)).toBe('((a OR c) AND e)');
  });

  it('attaches qualifiers to the observation expression before them', () => {
    const text =
      "[a:b=1] AND [c:d=1] WITHIN 5 SECONDS REPEATS 2 TIMES START t'2020-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z'";
    expect(shape(ast(text).expression)).toBe('(a AND c{within,repeats,startStop})');
    expect(shape(ast('([a:b=1] AND [c:d=1]) WITHIN 1.5 SECONDS').expression)).toBe('(a AND c){within}');
    expect(shape(ast('([a:b=1] WITHIN 1 SECONDS) WITHIN 2 SECONDS').expression)).toBe('a{within}{within}');
  });

  it('reads qualifier values', () => {
    const e = ast(
      "[a:b=1] WITHIN 2.5 SECONDS REPEATS 3 TIMES START t'2020-01-01T00:00:00Z' STOP t'2020-01-02T00:00:00Z'",
    );
    if (e.expression.kind !== 'qualified') throw new Error('not qualified');
    const [within, repeats, startStop] = e.expression.qualifiers;
    expect(within).toMatchObject({ kind: 'within', seconds: { kind: 'float', value: 2.5 } });
    expect(repeats).toMatchObject({ kind: 'repeats', times: { kind: 'int', value: 3n } });
    expect(startStop).toMatchObject({
      kind: 'startStop',
      start: { kind: 'timestamp', value: '2020-01-01T00:00:00Z' },
      stop: { kind: 'timestamp', value: '2020-01-02T00:00:00Z' },
    });
  });

  it.each([
    ['=', '='],
    ['==', '='],
    ['!=', '!='],
    ['<>', '!='],
    ['<', '<'],
    ['<=', '<='],
    ['>', '>'],
    ['>=', '>='],
  ])('reads the operator %s as %s', (written, operator) => {
    expect(comparison(`[a:b ${written} 1]`).operator).toBe(operator);
  });

  it.each(['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'])('reads %s with a string and with NOT', (op) => {
    expect(comparison(`[a:b ${op} 'x']`)).toMatchObject({
      operator: op,
      negated: false,
      value: { value: 'x' },
    });
    expect(comparison(`[a:b NOT ${op} 'x']`)).toMatchObject({ operator: op, negated: true });
  });

  it('reads IN with sets, including the empty set', () => {
    expect(comparison('[a:b IN ()]').value).toMatchObject({ kind: 'set', elements: [] });
    const c = comparison("[a:b NOT IN (1, 'x', true)]");
    expect(c.negated).toBe(true);
    expect(c.value).toMatchObject({
      kind: 'set',
      elements: [{ value: 1n }, { value: 'x' }, { value: true }],
    });
  });

  it('reads EXISTS and NOT EXISTS', () => {
    expect(shape(ast('[EXISTS a:b AND NOT EXISTS c:d]').expression)).toBe('(?a AND !?c)');
  });

  it('reads every literal kind', () => {
    const values = comparison(
      "[a:b IN (1, -2, 1.5, -0.5, 'it\\'s', true, false, b'YWJj', h'00ff', t'2020-01-01T00:00:00.123Z')]",
    ).value;
    expect(values).toMatchObject({
      elements: [
        { kind: 'int', value: 1n },
        { kind: 'int', value: -2n },
        { kind: 'float', value: 1.5 },
        { kind: 'float', value: -0.5 },
        { kind: 'string', value: "it's" },
        { kind: 'bool', value: true },
        { kind: 'bool', value: false },
        { kind: 'binary', value: 'YWJj' },
        { kind: 'hex', value: '00ff' },
        { kind: 'timestamp', value: '2020-01-01T00:00:00.123Z' },
      ],
    });
  });

  it('reads object paths with quoted keys, references, and index steps', () => {
    expect(comparison("[file:hashes.'SHA-256' = 'x']").path).toMatchObject({
      objectType: 'file',
      steps: [
        { kind: 'key', name: 'hashes' },
        { kind: 'key', name: 'SHA-256' },
      ],
    });
    expect(comparison("[network-traffic:src_ref.value = '1.2.3.4']").path.steps.map((s) => s.kind)).toEqual([
      'key',
      'key',
    ]);
    expect(comparison("[x-k8s-pod:'a b'[*].c[3][-1] = 1]").path).toMatchObject({
      objectType: 'x-k8s-pod',
      steps: [{ name: 'a b' }, { index: '*' }, { name: 'c' }, { index: 3n }, { index: -1n }],
    });
  });

  it('records spans', () => {
    const c = comparison("[file:name = 'x']");
    expect(c.span).toEqual({ offset: 1, length: 15 });
    expect(c.path.span).toEqual({ offset: 1, length: 9 });
  });

  it('reads STIX 2.0 START/STOP with plain strings', () => {
    const text = "[a:b=1] START '2020-01-01T00:00:00Z' STOP '2021-01-01T00:00:00Z'";
    const e = ast(text, '2.0').expression;
    expect(e).toMatchObject({ qualifiers: [{ start: { kind: 'string', value: '2020-01-01T00:00:00Z' } }] });
    expect(printPattern(ast(text, '2.0'))).toBe(text.replace('b=1', 'b = 1'));
  });
});

describe('parsePattern: errors', () => {
  it('names the column and the expected comparison operators', () => {
    const d = syntaxError("[file:name foo 'x']");
    expect(d).toMatchObject({
      code: 'KSTORM_PATTERN_SYNTAX',
      severity: 'error',
      column: 12,
      offset: 11,
      length: 3,
    });
    expect(d.message).toBe(
      'column 12: expected a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET, EXISTS) but found "foo"',
    );
    expect(d.expected).toContain('MATCHES');
  });

  it.each([
    ['', 1, 'column 1: expected an observation expression ([, () but found the end of the pattern'],
    ['[a:b = 1', 9, 'column 9: expected one of AND, OR, ] but found the end of the pattern'],
    [
      '[a:b = 1] [c:d = 1]',
      11,
      'column 11: expected one of AND, OR, FOLLOWEDBY, WITHIN, REPEATS, START, end of pattern but found "["',
    ],
    ['[a:b = 1] WITHIN x SECONDS', 18, 'column 18: expected a number of seconds but found "x"'],
    ['[a:b = 1] WITHIN 5 MINUTES', 20, 'column 20: expected SECONDS but found "MINUTES"'],
    ['[a:b = 1] REPEATS 1.5 TIMES', 19, 'column 19: expected an integer number of times but found "1.5"'],
    [
      "[a:b = 1] START '2020-01-01T00:00:00Z' STOP '2021-01-01T00:00:00Z'",
      17,
      "column 17: expected a timestamp literal t'…' but found",
    ],
    [
      '[a:b < true]',
      8,
      'column 8: expected an orderable literal (number, string, binary, hex or timestamp) but found "true"',
    ],
    ['[a:b LIKE 1]', 11, 'column 11: expected a string literal but found "1"'],
    ['[a:b IN 1]', 9, 'column 9: expected ( but found "1"'],
    ['[a:b IN (1,)]', 12, 'column 12: expected a literal value but found ")"'],
    ['[a:b IN (1 2)]', 12, 'column 12: expected one of ,, ) but found "2"'],
    [
      '[file:hashes.SHA-256 = 1]',
      14,
      `column 14: property name "SHA-256" contains a hyphen; quote it as 'SHA-256'`,
    ],
    ['[a = 1]', 4, 'column 4: expected : but found "="'],
    ['[1 = 1]', 2, 'column 2: expected an object path (an object type) but found "1"'],
    ['[a:b[x] = 1]', 6, 'column 6: expected one of an integer, * but found "x"'],
    ['[a:b EXISTS]', 6, 'column 6: EXISTS goes before the object path: write EXISTS type:property'],
    ['[a:b = 1] LAST 5', 11, 'column 11: expected one of AND, OR, FOLLOWEDBY'],
    ['[a:b = c]', 8, 'column 8: expected a literal value but found "c"'],
  ])('%j → column %i', (text, column, message) => {
    const d = syntaxError(text);
    expect(d.code).toBe('KSTORM_PATTERN_SYNTAX');
    expect(d.column).toBe(column);
    expect(d.message).toContain(message);
  });

  it('rejects EXISTS and t-literal START/STOP in STIX 2.0', () => {
    const d = syntaxError('[EXISTS a:b]', { stixVersion: '2.0' });
    expect(d).toMatchObject({ code: 'KSTORM_PATTERN_SYNTAX', column: 2 });
    expect(d.message).toBe('column 2: EXISTS is not part of STIX 2.0 patterning (it was added in STIX 2.1)');
    const s = syntaxError("[a:b=1] START t'2020-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z'", {
      stixVersion: '2.0',
    });
    expect(s.column).toBe(15);
    expect(s.message).toContain("expected a string literal '…' (STIX 2.0)");
  });

  it('stops at 64 levels of nesting without overflowing the stack', () => {
    for (const text of [
      '('.repeat(10_000),
      `${'('.repeat(10_000)}[a:b=1]${')'.repeat(10_000)}`,
      `[${'('.repeat(10_000)}`,
    ]) {
      const d = syntaxError(text);
      expect(d.code).toBe('KSTORM_PATTERN_TOO_DEEP');
      expect(d.message).toMatch(/^column \d+: nesting is deeper than 64 levels of parentheses and brackets$/);
    }
    expect(syntaxError('('.repeat(65)).column).toBe(65);
    expect(parsePattern(`${'('.repeat(63)}[a:b=1]${')'.repeat(63)}`).ast).toBeDefined();
  });

  it('handles long flat chains without recursion trouble', () => {
    const text = Array.from({ length: 4000 }, () => '[a:b = 1]').join(' AND ');
    const result = parsePattern(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.ast && printPattern(result.ast)).toBe(text);
  });

  it('refuses a 1 MB input quickly', () => {
    const text = `[a:b = '${'x'.repeat(1_000_000)}']`;
    const started = performance.now();
    const d = syntaxError(text);
    expect(performance.now() - started).toBeLessThan(100);
    expect(d).toMatchObject({ code: 'KSTORM_PATTERN_TOO_LONG', column: 1, offset: 0 });
    expect(d.message).toBe('column 1: pattern is 1000010 characters long; the limit is 65536');
  });

  it('lets the caller tighten the limits', () => {
    expect(syntaxError('[a:b = 1]', { maxLength: 5 }).code).toBe('KSTORM_PATTERN_TOO_LONG');
    expect(syntaxError('([a:b = 1])', { maxDepth: 1 }).code).toBe('KSTORM_PATTERN_TOO_DEEP');
  });

  it('never throws on garbage', () => {
    const samples = [
      "[a:b = 'x",
      ']]]',
      ')))',
      "[a:b IN ('x'",
      'WITHIN',
      "b'",
      '[a:b = h',
      '[a:b[',
      '\u0000',
    ];
    for (const text of samples) expect(parsePattern(text).diagnostics.length).toBeGreaterThan(0);
  });
});

describe('parsePattern: robustness', () => {
  const pieces = fc.constantFrom(
    '[',
    ']',
    '(',
    ')',
    ':',
    '.',
    ',',
    '*',
    "'",
    '\\',
    ' ',
    'a',
    'b',
    '-',
    '1',
    '=',
    '!=',
    '<',
    'IN',
    'AND',
    'OR',
    'NOT',
    'EXISTS',
    'WITHIN',
    'SECONDS',
    'REPEATS',
    'TIMES',
    'START',
    'STOP',
    'FOLLOWEDBY',
    "h'",
    "t'",
    'true',
    '/*',
    '//',
    '\n',
  );

  it('never throws and always explains a missing AST', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces).map((p) => p.join('')),
        ),
        (text) => {
          const result = parsePattern(text);
          if (!result.ast) expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
          for (const d of result.diagnostics) expect(d.message).toMatch(/^(line \d+ )?column \d+: /);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
