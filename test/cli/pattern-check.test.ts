/** `kstorm pattern check`: canonical form, errors with a caret at their column, exit codes, JSON output. */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

describe('kstorm pattern check', () => {
  it('prints the canonical form of a valid pattern, exit 0', async () => {
    const r = await run(['pattern', 'check', "[ipv4-addr:value   =  '198.51.100.1']   WITHIN 5 SECONDS"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "canonical: [ipv4-addr:value = '198.51.100.1'] WITHIN 5 SECONDS\nvalid STIX 2.1 pattern: 0 error(s), 0 warning(s)\n",
    );
  });

  it('shows an error with its column and a caret, exit 1', async () => {
    const r = await run(['pattern', 'check', "[file:hashes.'SHA-256' = 'abc']"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'error KSTORM_PATTERN_HASH: column 26: SHA-256 hash "abc" must be 64 hex digits\n' +
        "  [file:hashes.'SHA-256' = 'abc']\n" +
        '                           ^\n' +
        'invalid STIX 2.1 pattern: 1 error(s), 0 warning(s)\n',
    );
  });

  it('reports syntax errors and supports JSON output', async () => {
    const r = await run(['pattern', 'check', '[a:b = ', '--output', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      valid: boolean;
      diagnostics: { code: string; column: number }[];
    };
    expect(report.valid).toBe(false);
    expect(report.diagnostics[0]).toMatchObject({ code: 'KSTORM_PATTERN_SYNTAX', column: 8 });
  });

  it('warnings fail only with --strict', async () => {
    const pattern = "[file:path = '/var/log']";
    expect((await run(['pattern', 'check', pattern])).code).toBe(0);
    expect((await run(['pattern', 'check', pattern, '--strict'])).code).toBe(1);
  });

  it('accepts STIX 2.0 patterns with --stix-version 2.0', async () => {
    const pattern = "[ipv4-addr:value = '1.2.3.4'] START '2016-01-01T00:00:00Z' STOP '2016-02-01T00:00:00Z'";
    expect((await run(['pattern', 'check', pattern, '--stix-version', '2.0'])).code).toBe(0);
    expect((await run(['pattern', 'check', pattern])).code).toBe(1);
  });
});
