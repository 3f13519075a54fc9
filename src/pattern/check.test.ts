// validatePattern adds the semantic checks: errors for what STIX or RE2 refuse, warnings for unknown names and
// for observation expressions that can never match.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './diagnostics.js';
import { validatePattern } from './validate.js';

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SHA512 =
  'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e';

function only(text: string, stixVersion: '2.0' | '2.1' = '2.1'): Diagnostic {
  const result = validatePattern(text, { stixVersion });
  expect(result.ast).toBeDefined();
  expect(result.diagnostics).toHaveLength(1);
  const [d] = result.diagnostics;
  if (!d) throw new Error('no diagnostic');
  return d;
}

function clean(text: string, stixVersion: '2.0' | '2.1' = '2.1'): void {
  expect(validatePattern(text, { stixVersion }).diagnostics).toEqual([]);
}

describe('validatePattern: errors', () => {
  it.each([
    // [pattern, code, column, message]
    [
      '[file:name IN (1, true)]',
      'KSTORM_PATTERN_SET_TYPE',
      19,
      'column 19: set mixes number and bool values; every element of a set must have the same type',
    ],
    [
      "[file:name IN ('a', 'b', t'2020-01-01T00:00:00Z')]",
      'KSTORM_PATTERN_SET_TYPE',
      26,
      'column 26: set mixes string and timestamp values',
    ],
    [
      '[file:size = 1] WITHIN 0 SECONDS',
      'KSTORM_PATTERN_QUALIFIER',
      17,
      'column 17: WITHIN needs a positive number of seconds, not 0',
    ],
    [
      '[file:size = 1] WITHIN -2.5 SECONDS',
      'KSTORM_PATTERN_QUALIFIER',
      17,
      'column 17: WITHIN needs a positive number of seconds, not -2.5',
    ],
    [
      '[file:size = 1] REPEATS 0 TIMES',
      'KSTORM_PATTERN_QUALIFIER',
      17,
      'column 17: REPEATS needs a positive number of times, not 0',
    ],
    [
      '[file:size = 1] REPEATS -1 TIMES',
      'KSTORM_PATTERN_QUALIFIER',
      17,
      'column 17: REPEATS needs a positive number of times, not -1',
    ],
    [
      "[file:size = 1] START t'2021-01-01T00:00:00Z' STOP t'2020-01-01T00:00:00Z'",
      'KSTORM_PATTERN_QUALIFIER',
      17,
      'column 17: START 2021-01-01T00:00:00Z is not before STOP 2020-01-01T00:00:00Z',
    ],
    [
      "[file:size = 1] START t'2020-01-01T00:00:00Z' STOP t'2020-01-01T00:00:00.000Z'",
      'KSTORM_PATTERN_QUALIFIER',
      17,
      'is not before STOP',
    ],
    [
      '[file:size = 1] WITHIN 1 SECONDS WITHIN 2 SECONDS',
      'KSTORM_PATTERN_QUALIFIER',
      34,
      'column 34: WITHIN appears more than once on the same observation expression',
    ],
    [
      '[file:size = 1] REPEATS 1 TIMES REPEATS 2 TIMES',
      'KSTORM_PATTERN_QUALIFIER',
      33,
      'column 33: REPEATS appears more than once',
    ],
    [
      "[file:size = 1] START t'2020-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z' START t'2020-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z'",
      'KSTORM_PATTERN_QUALIFIER',
      76,
      'START/STOP appears more than once',
    ],
    [
      "[file:hashes.MD5 = 'abc']",
      'KSTORM_PATTERN_HASH',
      20,
      'column 20: MD5 hash "abc" must be 32 hex digits',
    ],
    [`[file:hashes.'SHA-1' != '${SHA256}']`, 'KSTORM_PATTERN_HASH', 25, 'column 25: SHA-1 hash'],
    [
      `[file:hashes.'SHA-256' IN ('${SHA256}', '${MD5}')]`,
      'KSTORM_PATTERN_HASH',
      96,
      'must be 64 hex digits',
    ],
    [`[file:hashes.'SHA-512' = '${SHA256}']`, 'KSTORM_PATTERN_HASH', 26, 'must be 128 hex digits'],
    [`[artifact:hashes.'SHA3-256' = '${'g'.repeat(64)}']`, 'KSTORM_PATTERN_HASH', 31, 'SHA3-256 hash'],
    [
      `[x509-certificate:hashes.'SHA3-512' = '${SHA256}']`,
      'KSTORM_PATTERN_HASH',
      39,
      'must be 128 hex digits',
    ],
    [
      "[file:name = t'2020-02-30T00:00:00Z']",
      'KSTORM_PATTERN_LITERAL',
      14,
      'column 14: timestamp literal is invalid: timestamp "2020-02-30T00:00:00Z" has day 30, but February 2020 has 29 days',
    ],
    ["[file:name = t'yesterday']", 'KSTORM_PATTERN_LITERAL', 14, 'timestamp literal is invalid'],
    [
      "[file:size = 1] START t'2020-01-01T00:00:00' STOP t'2021-01-01T00:00:00Z'",
      'KSTORM_PATTERN_LITERAL',
      23,
      "has no time zone designator; it must end in 'Z'",
    ],
    [
      "[file:name MATCHES 'a(?=b)']",
      'KSTORM_PATTERN_REGEX',
      20,
      'column 20: MATCHES regex "a(?=b)" uses lookahead, which RE2 does not support',
    ],
    ["[file:name MATCHES '(?<!a)b']", 'KSTORM_PATTERN_REGEX', 20, 'uses lookbehind'],
    ["[file:name MATCHES '(a)\\\\1']", 'KSTORM_PATTERN_REGEX', 20, 'uses backreferences'],
    ["[file:name MATCHES 'a++']", 'KSTORM_PATTERN_REGEX', 20, 'uses possessive quantifiers'],
    ["[file:name MATCHES '[a-']", 'KSTORM_PATTERN_REGEX', 20, 'is not a valid RE2 regular expression'],
    [
      "[artifact:payload_bin = b'YWJ']",
      'KSTORM_PATTERN_LITERAL',
      25,
      `column 25: binary literal "b'YWJ'" is not padded base64`,
    ],
    ["[artifact:payload_bin = b'Y!Jj']", 'KSTORM_PATTERN_LITERAL', 25, 'is not padded base64'],
    ["[artifact:payload_bin = b'']", 'KSTORM_PATTERN_LITERAL', 25, 'is not padded base64'],
    [
      "[file:magic_number_hex = h'abc']",
      'KSTORM_PATTERN_LITERAL',
      26,
      `column 26: hex literal "h'abc'" has an odd number of digits`,
    ],
    [
      "[file:magic_number_hex = h'zz']",
      'KSTORM_PATTERN_LITERAL',
      26,
      'contains a character that is not 0-9, a-f or A-F',
    ],
  ])('%s → %s at column %i', (text, code, column, message) => {
    const d = only(text);
    expect(d).toMatchObject({ code, column, severity: 'error' });
    expect(d.message).toContain(message);
  });

  it('checks STIX 2.0 START/STOP strings as timestamps', () => {
    const d = only("[file:size = 1] START 'soon' STOP '2021-01-01T00:00:00Z'", '2.0');
    expect(d).toMatchObject({ code: 'KSTORM_PATTERN_LITERAL', column: 23 });
    const o = only("[file:size = 1] START '2022-01-01T00:00:00Z' STOP '2021-01-01T00:00:00Z'", '2.0');
    expect(o).toMatchObject({ code: 'KSTORM_PATTERN_QUALIFIER', column: 17 });
  });

  it('returns syntax errors unchanged, without an AST', () => {
    const result = validatePattern('[file:name');
    expect(result.ast).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual(['KSTORM_PATTERN_SYNTAX']);
  });
});

describe('validatePattern: accepted patterns', () => {
  it('accepts well-formed values', () => {
    clean(`[file:hashes.MD5 = '${MD5}' OR file:hashes.'SHA-1' = '${SHA1.toUpperCase()}']`);
    clean(`[file:hashes.'SHA-256' IN ('${SHA256}') AND file:hashes.'SHA-512' != '${SHA512}']`);
    clean(`[file:hashes.'SHA-256' LIKE 'e3b0%']`);
    clean(
      "[file:hashes.'SHA-256' = 'short' OR file:hashes.TLSH = 'x']".replace(
        "'SHA-256' = 'short' OR ",
        'MD5 > 1 OR ',
      ),
    );
    clean('[file:name IN (1, 2.5, -3)] AND [file:name IN ()]');
    clean(
      "[file:name MATCHES '^(?P<x>[a-z]+)\\\\.exe$' AND file:magic_number_hex = h''] AND [artifact:payload_bin = b'YWI=']",
    );
    clean(
      "[file:size = 1] WITHIN 0.5 SECONDS REPEATS 2 TIMES START t'2020-01-01T00:00:00Z' STOP t'2020-01-01T00:00:00.000000001Z'",
    );
    clean('([file:size = 1] WITHIN 1 SECONDS) WITHIN 2 SECONDS');
    clean(
      "[network-traffic:src_ref.value = '1.2.3.4' OR process:x_custom = 1 OR EXISTS file:extensions.'ntfs-ext'.sid]",
    );
    clean("[x-k8s-pod:anything.goes = 'yes']");
  });

  it('walks long chains without recursion trouble', () => {
    const text = Array.from({ length: 3000 }, () => '[file:size = 1]').join(' OR ');
    expect(validatePattern(text).diagnostics).toEqual([]);
  });
});

describe('validatePattern: warnings', () => {
  it('warns about object types STIX does not define, but not x- types', () => {
    const d = only("[kubernetes-pod:spec.name = 'x']");
    expect(d).toMatchObject({ code: 'KSTORM_PATTERN_UNKNOWN_OBJECT_TYPE', severity: 'warning', column: 2 });
    expect(d.message).toBe('column 2: STIX 2.1 defines no cyber-observable object type "kubernetes-pod"');
  });

  it('warns about top-level properties the SCO type does not define', () => {
    const d = only("[process:function_name = 'x']");
    expect(d).toMatchObject({ code: 'KSTORM_PATTERN_UNKNOWN_PROPERTY', severity: 'warning', column: 10 });
    expect(d.message).toBe('column 10: STIX 2.1 defines no property "function_name" on process');
  });

  it('warns about properties put straight under extensions, which holds extensions by name', () => {
    const d = only("[process:extensions.function_name MATCHES 'setns']");
    expect(d).toMatchObject({ code: 'KSTORM_PATTERN_UNKNOWN_PROPERTY', severity: 'warning', column: 21 });
    expect(d.message).toContain('"function_name" is no extension name');
    for (const ok of [
      "[process:extensions.'windows-process-ext'.aslr_enabled = true]",
      "[file:extensions.'ntfs-ext'.sid = 'x']",
      "[process:extensions.'x-kstorm-legacy'.a = 1]",
      '[x-k8s-pod:extensions.anything = 1]',
      "[process:extensions.'extension-definition--ef765651-680c-498d-9894-99799f2fa126'.exec_id = 'x']",
    ]) {
      expect(validatePattern(ok).diagnostics, ok).toEqual([]);
    }
  });
});

describe('validatePattern: observation expressions that can never match', () => {
  const LONG = { maxLength: 1_000_000 };

  function unsatisfiable(text: string, options: { maxLength?: number } = {}): Diagnostic[] {
    const { ast, diagnostics } = validatePattern(text, options);
    expect(ast).toBeDefined();
    expect(diagnostics.every((d) => d.code === 'KSTORM_PATTERN_UNSATISFIABLE')).toBe(true);
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    return diagnostics;
  }

  it('warns at an AND across object types, with the caret at the right operand', () => {
    const d = only("[network-traffic:dst_port = 22 AND user-account:user_id = 'x']");
    expect(d).toMatchObject({
      code: 'KSTORM_PATTERN_UNSATISFIABLE',
      severity: 'warning',
      column: 36,
      length: 'user-account:user_id'.length,
    });
    expect(d.message).toBe(
      'column 36: comparisons on network-traffic and user-account are joined by AND inside one [ … ]; ' +
        'all comparisons of one observation expression bind to one object, so this can never match — ' +
        'write [network-traffic:…] AND [user-account:…] instead',
    );
  });

  it('does not warn about OR across object types, or AND and OR that leave a common type', () => {
    clean("[ipv4-addr:value = '1.2.3.4' OR ipv6-addr:value = '::1']");
    clean("[(file:name = 'a' OR process:pid = 2) AND file:size = 3]");
    clean("[file:size = 3 AND (file:name = 'a' OR process:pid = 2)]");
    clean("[file:name = 'a' AND file:size = 1] AND [process:pid = 2]");
  });

  it('warns when no type is common to both sides of an AND', () => {
    const d = only("[(file:name = 'a' OR process:pid = 2) AND directory:path = 'c']");
    expect(d).toMatchObject({ code: 'KSTORM_PATTERN_UNSATISFIABLE', column: 43 });
    expect(d.message).toContain('comparisons on (file or process) and directory are joined by AND');
    expect(d.message).toContain('write [file:… OR process:…] AND [directory:…] instead');
  });

  it('counts negated comparisons and EXISTS as holding only on their own type', () => {
    const d = only("[file:name NOT = 'a' AND NOT EXISTS process:pid]");
    expect(d).toMatchObject({ code: 'KSTORM_PATTERN_UNSATISFIABLE', column: 37 });
    expect(d.message).toContain('comparisons on file and process');
  });

  it('reports nested offending ANDs only at the innermost', () => {
    const chain = unsatisfiable("[file:name = 'a' AND process:pid = 1 AND directory:path = 'b']");
    expect(chain.map((d) => d.column)).toEqual([22]);
    const both = unsatisfiable(
      "[(file:name = 'a' AND process:pid = 1) AND (directory:path = 'b' AND user-account:user_id = 'c')]",
    );
    expect(both.map((d) => d.column)).toEqual([23, 70]);
    expect(both[1]?.message).toContain('comparisons on directory and user-account');
  });

  it('reports again where a separate AND conflicts, above an OR that recovered a type', () => {
    const ds = unsatisfiable(
      "[((file:name = 'a' AND process:pid = 1) OR file:size = 2) AND directory:path = 'b']",
    );
    expect(ds.map((d) => d.column)).toEqual([24, 63]);
    expect(ds[0]?.message).toContain('column 24: comparisons on file and process are joined by AND');
    expect(ds[1]?.message).toContain('column 63: comparisons on file and directory are joined by AND');
  });

  it('checks each observation expression on its own', () => {
    const ds = unsatisfiable(
      "[file:name = 'a' AND process:pid = 1] FOLLOWEDBY [file:size = 1 AND artifact:url = 'b']",
    );
    expect(ds.map((d) => d.column)).toEqual([22, 69]);
  });

  it('bounds the type names a message quotes', () => {
    const long = `x-${'a'.repeat(100)}`;
    const d = only(`[(x-a:p = 1 OR x-b:p = 1 OR x-c:p = 1 OR x-d:p = 1) AND ${long}:p = 1]`);
    expect(d.message).toContain(`comparisons on (x-a, x-b, x-c or 1 more) and x-${'a'.repeat(38)}… are`);
    expect(d.message).toContain(`write [x-a:… OR x-b:… OR x-c:… OR …] AND [x-${'a'.repeat(38)}…:…] instead`);
  });

  it('handles a 20,000-term AND chain of one type without recursion trouble', () => {
    const text = `[${Array.from({ length: 20_000 }, (_, i) => `file:size = ${i}`).join(' AND ')}]`;
    expect(validatePattern(text, LONG).diagnostics).toEqual([]);
  });

  it('warns once about one foreign type in a 20,000-term AND chain', () => {
    const terms = Array.from({ length: 20_000 }, (_, i) => `file:size = ${i}`);
    terms[12_345] = 'process:pid = 1';
    const text = `[${terms.join(' AND ')}]`;
    const ds = unsatisfiable(text, LONG);
    expect(ds).toHaveLength(1);
    expect(ds[0]?.column).toBe(text.indexOf('process') + 1);
    expect(ds[0]?.message).toContain('comparisons on file and process are joined by AND');
  });

  it('stays fast and bounded with 20,000 distinct types ORed together', () => {
    const text = `[(${Array.from({ length: 20_000 }, (_, i) => `x-t${i}:p = 1`).join(' OR ')}) AND file:size = 1]`;
    const ds = unsatisfiable(text, LONG);
    expect(ds).toHaveLength(1);
    expect(ds[0]?.message).toContain('comparisons on (x-t0, x-t1, x-t10 or 19997 more) and file');
    expect(ds[0]?.message.length).toBeLessThan(400);
  });
});
