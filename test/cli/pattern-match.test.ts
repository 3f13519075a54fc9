/** `kstorm pattern match`: every match listed in time order, grep-like exit codes, JSON, stdin, bad input. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoScenario } from '../../src/app/index.js';
import { run, tempDir } from './helpers.js';

const { bundle: demo, steps } = buildDemoScenario();
const SSH_THEN_TOKEN =
  "([network-traffic:dst_port = 2222] FOLLOWEDBY [process:command_line LIKE 'cat %/token']) WITHIN 60 SECONDS";

describe('kstorm pattern match', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let demoFile: string;

  beforeAll(async () => {
    dir = await tempDir();
    demoFile = await dir.file('demo.json', JSON.stringify(demo));
  });
  afterAll(async () => dir.remove());

  it('lists each match with its time span and observed-data, exit 0', async () => {
    const r = await run(['pattern', 'match', SSH_THEN_TOKEN, demoFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'match 1: 2026-11-23T09:00:00.000000000Z .. 2026-11-23T09:00:17.250000000Z\n' +
        `  ${steps[0]?.observation}\n  ${steps[2]?.observation}\n` +
        'pattern matched 1 time over 4 observations\n',
    );
  });

  it('exits 1 when the pattern does not match, like grep', async () => {
    const r = await run(['pattern', 'match', SSH_THEN_TOKEN.replace('60', '10'), demoFile]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('pattern did not match over 4 observations\n');
  });

  it('exits 2 with the column for an invalid pattern, before reading any input', async () => {
    const r = await run(['pattern', 'match', '[process:pid >', '/nonexistent/file.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kstorm: the pattern is invalid: column 15: .* \(KSTORM_PATTERN_SYNTAX\)\n/);
  });

  it('exits 2 for a missing file', async () => {
    const r = await run(['pattern', 'match', '[process:pid > 0]', '/nonexistent/file.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(KSTORM_INPUT_UNREADABLE)');
  });

  it('reads standard input and JSON lines, and reports every match as JSON', async () => {
    const lines = demo.objects.map((o) => JSON.stringify(o)).join('\n');
    const r = await run(['pattern', 'match', '[process:pid > 0]', '-', '-o', 'json'], { stdin: lines });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      matched: boolean;
      counts: Record<string, number>;
      matches: { observations: string[] }[];
    };
    expect(report.matched).toBe(true);
    expect(report.counts).toEqual({ observations: 4, skipped: 0, unreadable: 0, matches: 3 });
    expect(report.matches.map((m) => m.observations)).toEqual([
      [steps[0]?.observation],
      [steps[1]?.observation],
      [steps[2]?.observation],
    ]);
  });

  it('matches across several files, in time order whatever the file order', async () => {
    const objects = demo.objects;
    const observed = objects.filter((o) => o.type === 'observed-data');
    const rest = objects.filter((o) => o.type !== 'observed-data');
    // The token read first, the SSH connection in a second file: time order, not file order, decides.
    const late = await dir.file('late.json', JSON.stringify([...rest, ...observed.slice(1)]));
    const early = await dir.file('early.jsonl', JSON.stringify(observed[0]));
    const r = await run(['pattern', 'match', SSH_THEN_TOKEN, late, early, '-o', 'yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('matched: true');
  });

  it('lists at most --max-matches and counts the rest', async () => {
    const r = await run(['pattern', 'match', '[process:pid > 0]', demoFile, '--max-matches', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^match /gm)).toHaveLength(1);
    expect(r.stdout).toContain('pattern matched 3 times over 4 observations (2 not listed');
  });

  it('goes on past unreadable records and warns about them on stderr', async () => {
    const lines = [
      ...demo.objects.map((o) => JSON.stringify(o)),
      '{"type": "observed-data", truncated',
      '<img src=x onerror=alert(1)>',
    ].join('\n');
    const r = await run(['pattern', 'match', '[network-traffic:dst_port = 2222]', '-'], { stdin: lines });
    expect(r.code).toBe(0);
    expect(r.stderr.match(/^warning: unreadable record: <stdin>/gm)).toHaveLength(2);
  });

  it('prints checker warnings on stderr and never matches an unsatisfiable bracket', async () => {
    const r = await run([
      'pattern',
      'match',
      "[network-traffic:dst_port = 2222 AND process:command_line LIKE 'cat %']",
      demoFile,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('warning KSTORM_PATTERN_UNSATISFIABLE');
  });

  it('skips upstream observed-data whose timestamps are not STIX (+00:00Z) and says so', async () => {
    const fixture = new URL('../fixtures/upstream-stix/hive-sentinel-matched-bundles.json', import.meta.url);
    const file = await dir.file('upstream.json', readFileSync(fixture, 'utf8'));
    const r = await run(['pattern', 'match', "[process:command_line MATCHES '/usr/bin/nsenter -t 1']", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'pattern did not match over 0 observations; 8 observed-data without a valid time interval skipped\n',
    );
  });

  it('reads STIX 2.0 observed-data with embedded objects under --stix-version 2.0', async () => {
    const observed = {
      type: 'observed-data',
      id: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
      created: '2016-04-06T19:58:16.000Z',
      modified: '2016-04-06T19:58:16.000Z',
      first_observed: '2015-12-21T19:00:00Z',
      last_observed: '2015-12-21T19:00:00Z',
      number_observed: 50,
      objects: { '0': { type: 'file', hashes: { 'SHA-256': 'ab'.repeat(32) } } },
    };
    const file = await dir.file('v20.json', JSON.stringify([observed]));
    const pattern = `[file:hashes.'SHA-256' = '${'AB'.repeat(32)}'] REPEATS 50 TIMES START '2015-12-21T00:00:00Z' STOP '2015-12-22T00:00:00Z'`;
    const r = await run(['pattern', 'match', pattern, file, '--stix-version', '2.0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(observed.id);
  });
});
