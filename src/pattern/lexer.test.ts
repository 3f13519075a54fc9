// The lexer follows the token rules of the STIX patterning grammar and reports malformed tokens by column.
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from './diagnostics.js';
import { type StixPatternVersion, tokenize } from './lexer.js';

function lex(text: string, version: StixPatternVersion = '2.1') {
  const sink = new DiagnosticSink(text);
  const tokens = tokenize(text, version, sink);
  return { tokens, diagnostics: sink.diagnostics };
}

function kinds(text: string, version: StixPatternVersion = '2.1'): string[] {
  return (lex(text, version).tokens ?? []).map((t) => `${t.type}:${t.value}`);
}

describe('tokenize', () => {
  it('reads every literal kind', () => {
    expect(kinds("1 +2 -3 0 1.5 -.5 +0.25 h'0aFF' b'YWJj' 'a b' true false t'2020-01-01T00:00:00Z'")).toEqual(
      [
        'int:1',
        'int:+2',
        'int:-3',
        'int:0',
        'float:1.5',
        'float:-.5',
        'float:+0.25',
        'hex:0aFF',
        'binary:YWJj',
        'string:a b',
        'bool:true',
        'bool:false',
        'timestamp:2020-01-01T00:00:00Z',
        'eof:',
      ],
    );
  });

  it('resolves the two string escapes', () => {
    expect(kinds("'it\\'s' 'a\\\\b' ''")).toEqual(["string:it's", 'string:a\\b', 'string:', 'eof:']);
  });

  it('reads keywords case-sensitively, as the grammar does', () => {
    const words = 'AND OR NOT FOLLOWEDBY LIKE MATCHES ISSUPERSET ISSUBSET EXISTS LAST IN START STOP SECONDS';
    const more = 'WITHIN REPEATS TIMES';
    expect(kinds(`${words} ${more}`).slice(0, -1)).toEqual(
      `${words} ${more}`.split(' ').map((w) => `keyword:${w}`),
    );
    expect(kinds('and True FALSE')).toEqual([
      'identifier:and',
      'identifier:True',
      'identifier:FALSE',
      'eof:',
    ]);
  });

  it('treats EXISTS as an identifier in STIX 2.0', () => {
    expect(kinds('EXISTS', '2.0')).toEqual(['identifier:EXISTS', 'eof:']);
  });

  it('reads identifiers with and without hyphens', () => {
    expect(kinds('network-traffic:src_ref x-k8s-pod _a1')).toEqual([
      'identifier:network-traffic',
      'punct::',
      'identifier:src_ref',
      'identifier:x-k8s-pod',
      'identifier:_a1',
      'eof:',
    ]);
  });

  it('reads every operator and punctuation mark', () => {
    expect(kinds('= == != <> < <= > >= [ ] ( ) : . , * + - ^ /')).toEqual(
      '= == != <> < <= > >= [ ] ( ) : . , * + - ^ /'
        .split(' ')
        .map((p) => `punct:${p}`)
        .concat('eof:'),
    );
  });

  it('skips whitespace and both comment forms', () => {
    expect(kinds('a /* x */ b // rest\n\u00a0c\u3000')).toEqual([
      'identifier:a',
      'identifier:b',
      'identifier:c',
      'eof:',
    ]);
  });

  it('records offset and length of every token', () => {
    const { tokens } = lex("[file:name = 'x']");
    expect(tokens?.map((t) => [t.text, t.offset, t.length])).toEqual([
      ['[', 0, 1],
      ['file', 1, 4],
      [':', 5, 1],
      ['name', 6, 4],
      ['=', 11, 1],
      ["'x'", 13, 3],
      [']', 16, 1],
      ['', 17, 0],
    ]);
  });

  it('keeps 1. as an integer and a dot, as the grammar does', () => {
    expect(kinds('1.')).toEqual(['int:1', 'punct:.', 'eof:']);
  });

  const errors: [string, number, string][] = [
    ["'abc", 1, `column 1: string literal is never closed with "'"`],
    ["'a\\nb'", 3, 'column 3: invalid escape "\\\\n" in string literal'],
    ['a # b', 3, 'column 3: unexpected character "#"'],
    ['007', 1, 'column 1: integer "007" has a leading zero'],
    ['a /* b', 3, 'column 3: comment "/*" is never closed with "*/"'],
    ["h'00", 1, "column 1: literal h'… is never closed"],
  ];
  it.each(errors)('reports %j at column %i', (text, column, message) => {
    const { tokens, diagnostics } = lex(text);
    expect(tokens).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.code).toBe('KSTORM_PATTERN_SYNTAX');
    expect(diagnostics[0]?.column).toBe(column);
    expect(diagnostics[0]?.message).toContain(message);
  });

  it('gives line and column on later lines', () => {
    const { diagnostics } = lex('a\r\nb\n  #');
    expect(diagnostics[0]).toMatchObject({ line: 3, column: 3, offset: 7 });
    expect(diagnostics[0]?.message).toMatch(/^line 3 column 3: /);
  });
});
