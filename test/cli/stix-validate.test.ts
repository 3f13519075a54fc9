/** `kstorm stix validate`: exit codes, the three output formats, stdin, --strict, and unreadable inputs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BACKDATED, bundle, INDICATOR, run, tempDir } from './helpers.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let validFile: string;
let invalidFile: string;

beforeAll(async () => {
  dir = await tempDir();
  validFile = await dir.file('valid.json', bundle(INDICATOR));
  invalidFile = await dir.file(
    'invalid.json',
    bundle(INDICATOR, { ...BACKDATED, id: 'indicator--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061' }),
  );
});
afterAll(() => dir.remove());

interface Report {
  file: string;
  valid: boolean;
  counts: { objects: number; errors: number; warnings: number };
  issues: { code: string; severity: string; objectId?: string }[];
}

describe('kstorm stix validate', () => {
  it('accepts a valid bundle with exit 0 and a summary', async () => {
    const r = await run(['stix', 'validate', validFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`1 object, 0 errors, 0 warnings in ${validFile}: valid\n`);
    expect(r.stderr).toBe('');
  });

  it('rejects an empty input: nothing to validate is not valid STIX', async () => {
    const empty = await dir.file('empty.json', '  \n');
    const r = await run(['stix', 'validate', empty]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('KSTORM_INPUT_SHAPE');
    expect(r.stdout).toContain('the input holds no STIX object');
  });

  it('lists the issues of an invalid bundle with exit 1', async () => {
    const r = await run(['stix', 'validate', invalidFile]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^indicator--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061 {2}\[[^\]]+\]\n {2}error {4}KSTORM_STIX_MODIFIED_BEFORE_CREATED {2}\$\.modified\n {11}modified .+ is earlier than created .+\n/m,
    );
    expect(r.stdout).toContain('KSTORM_STIX_MODIFIED_BEFORE_CREATED');
    expect(r.stdout).toContain('indicator--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061');
    expect(r.stdout).toMatch(/2 objects, [1-9]\d* errors?, \d+ warnings? in .*invalid\.json: invalid\n$/);
  });

  it('checks indicator patterns: errors and warnings at $.pattern', async () => {
    const broken = { ...INDICATOR, pattern: "[file:hashes.'SHA-256' = 'abc']" };
    const odd = {
      ...INDICATOR,
      id: 'indicator--1f2e3d4c-5b6a-4798-8a6b-5c4d3e2f1a0b',
      pattern: "[process:extensions.function_name MATCHES 'setns']",
    };
    const sigma = {
      ...INDICATOR,
      id: 'indicator--2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7a8b',
      pattern: 'title: x',
      pattern_type: 'sigma',
    };
    const file = await dir.file('patterns.json', bundle(broken, odd, sigma));
    const r = await run(['stix', 'validate', file, '--output', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      issues: { code: string; severity: string; objectId?: string; path: string; message: string }[];
    };
    expect(report.issues.map((i) => [i.code, i.severity, i.objectId, i.path])).toEqual([
      ['KSTORM_PATTERN_HASH', 'error', INDICATOR.id, '$.pattern'],
      ['KSTORM_PATTERN_UNKNOWN_PROPERTY', 'warning', odd.id, '$.pattern'],
    ]);
    expect(report.issues[0]?.message).toBe('pattern column 26: SHA-256 hash "abc" must be 64 hex digits');
  });

  it('prints a JSON report', async () => {
    const r = await run(['stix', 'validate', '--output', 'json', invalidFile]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.file).toBe(invalidFile);
    expect(report.valid).toBe(false);
    expect(report.counts.objects).toBe(2);
    expect(report.issues.map((i) => i.code)).toContain('KSTORM_STIX_MODIFIED_BEFORE_CREATED');
  });

  it('prints a YAML report', async () => {
    const r = await run(['stix', 'validate', '-o', 'yaml', validFile]);
    expect(r.code).toBe(0);
    const report = parse(r.stdout) as Report;
    expect(report).toMatchObject({
      file: validFile,
      valid: true,
      counts: { objects: 1, errors: 0 },
      issues: [],
    });
  });

  it('reads standard input for -', async () => {
    const jsonl = `${JSON.stringify(INDICATOR)}\n${JSON.stringify(BACKDATED).replace('8e2e2d2b', '9e2e2d2b')}\n`;
    const r = await run(['stix', 'validate', '-', '--format', 'jsonl', '--output', 'json'], { stdin: jsonl });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.file).toBe('<stdin>');
    expect(report.counts.objects).toBe(2);
    expect(report.issues.map((i) => i.code)).toContain('KSTORM_STIX_MODIFIED_BEFORE_CREATED');
  });

  it('reports unparsable input as an issue with exit 1', async () => {
    const r = await run(['stix', 'validate', '-', '-o', 'json'], { stdin: '{"type": "bundle", ' });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Report).issues[0]?.code).toBe('KSTORM_INPUT_JSON');
  });

  it('fails with --strict where warnings alone pass', async () => {
    // A UUIDv1 id departs from a STIX SHOULD (v4 or v5): a warning, an error under --strict.
    const v1 = { ...INDICATOR, id: 'indicator--8e2e2d2b-17d4-1cbf-938f-98ee46b3cd3f' };
    const lax = JSON.parse(
      (await run(['stix', 'validate', '-', '-o', 'json'], { stdin: bundle(v1) })).stdout,
    ) as Report;
    expect(lax.counts.errors).toBe(0);
    expect(lax.counts.warnings).toBeGreaterThan(0);
    const strict = await run(['stix', 'validate', '-', '--strict'], { stdin: bundle(v1) });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('invalid');
  });

  it('keeps counting beyond --max-issues', async () => {
    const many = Array.from({ length: 5 }, (_, i) => ({
      ...BACKDATED,
      id: `indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3${i}`,
    }));
    const r = await run(['stix', 'validate', '-', '--max-issues', '2', '-o', 'json'], {
      stdin: bundle(...many),
    });
    const report = JSON.parse(r.stdout) as Report;
    expect(report.issues).toHaveLength(2);
    expect(report.counts.errors).toBeGreaterThanOrEqual(5);
  });

  it('escapes control characters from the input in table output', async () => {
    const evil = { ...BACKDATED, id: 'indicator--\u001b[31mred\u001b[0m', 'x_\u001b[31m': 1 };
    const r = await run(['stix', 'validate', '-'], { stdin: bundle(evil) });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('\\x1b[31m');
  });

  it('exits 2 with one error line and no stack for a missing file', async () => {
    const r = await run(['stix', 'validate', '/nonexistent/kstorm/in.json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^kstorm: Cannot read \/nonexistent\/kstorm\/in\.json: no such file \(KSTORM_INPUT_UNREADABLE\)\nhint: .+\n$/,
    );
  });

  it('adds a stack trace under --debug', async () => {
    const r = await run(['--debug', 'stix', 'validate', '/nonexistent/kstorm/in.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(KSTORM_INPUT_UNREADABLE)');
    expect(r.stderr).toContain('    at ');
  });

  it('exits 2 for a directory', async () => {
    const r = await run(['stix', 'validate', '/']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(KSTORM_INPUT_UNREADABLE)');
  });

  it('shows and clears a progress line only when stderr is a terminal', async () => {
    const tty = await run(['stix', 'validate', validFile], { tty: true });
    expect(tty.stderr).toContain('1 objects');
    expect(tty.stderr.endsWith('\r\u001b[K')).toBe(true);
    expect((await run(['stix', 'validate', validFile])).stderr).toBe('');
  });
});
