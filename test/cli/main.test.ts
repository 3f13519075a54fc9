/** The command line's conventions: help, version, usage errors and exit codes. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');

async function packageVersion(): Promise<string> {
  return (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

describe('kstorm', () => {
  it('prints help and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: kstorm');
    expect(r.stdout).toContain('stix');
    expect(r.stderr).toBe('');
  });

  it('prints the package.json version and exits 0', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(await packageVersion());
  });

  it('prints the help of stix validate', async () => {
    const r = await run(['stix', 'validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: kstorm stix validate');
    for (const option of ['--output', '--strict', '--format', '--max-issues'])
      expect(r.stdout).toContain(option);
  });

  it.each([
    [['frobnicate']],
    [['stix', 'frobnicate']],
    [['stix', 'validate']],
    [['stix', 'validate', 'x', '--nope']],
  ])('rejects the usage %j with exit 2 and one error line', async (args) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    const [first, second] = r.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^kstorm: .+ \(KSTORM_CLI_USAGE\)$/);
    expect(second).toMatch(/^hint: /);
    expect(r.stderr.split('\n')).toHaveLength(3);
  });

  it('rejects bad option values with exit 2', async () => {
    expect((await run(['stix', 'validate', '-', '--output', 'xml'])).code).toBe(2);
    expect((await run(['stix', 'validate', '-', '--format', 'csv'])).code).toBe(2);
    expect((await run(['stix', 'validate', '-', '--max-issues', '0'])).code).toBe(2);
  });

  it('exits 2 with help on stderr when no command is given', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: kstorm');
  });

  it('runs the demo command', async () => {
    const r = await run(['demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kstorm demo');
  });

  it('runs as a real process from source', async () => {
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    const { stdout } = await promisify(execFile)(tsx, ['src/cli/dev.ts', '--version'], { cwd: ROOT });
    expect(stdout.trim()).toBe(await packageVersion());
  });

  it('exits 2 from a real process on an unknown command, without a stack trace', async () => {
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    const failure = await promisify(execFile)(tsx, ['src/cli/dev.ts', 'frobnicate'], { cwd: ROOT }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/^kstorm: unknown command 'frobnicate' \(KSTORM_CLI_USAGE\)\nhint: /);
    expect(failure?.stderr).not.toContain('    at ');
  });
});
