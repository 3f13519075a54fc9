/** `kstorm ingest`: files, stdin, one document or JSON lines, STIX output, dead letters, and --follow. */
import { spawn } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createValidator } from '../../src/stix/index.js';
import { run, tempDir } from './helpers.js';

const AUDIT = (id: string, verb = 'get') =>
  JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: id,
    stage: 'ResponseComplete',
    requestURI: '/api/v1/namespaces/ssh/secrets/token',
    verb,
    user: { username: 'system:serviceaccount:ssh:default' },
    sourceIPs: ['10.244.1.23'],
    objectRef: { resource: 'secrets', namespace: 'ssh', name: 'token', apiVersion: 'v1' },
    responseStatus: { code: 200 },
    requestReceivedTimestamp: '2026-11-23T09:00:00.000001Z',
    stageTimestamp: '2026-11-23T09:00:00.000002Z',
  });

const parseLines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { type: string; objects: { type: string }[] });

describe('kstorm ingest', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(async () => dir.remove());

  it('prints one STIX bundle per observation and line, exit 0', async () => {
    const file = await dir.file('audit.log', `${AUDIT('a1')}\n${AUDIT('a2', 'list')}\n`);
    const r = await run(['ingest', file]);
    expect(r.code).toBe(0);
    const lines = parseLines(r.stdout);
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.type === 'bundle' && l.objects[0]?.type === 'observed-data')).toBe(true);
    expect(r.stderr).toBe('ingest: 2 records, 2 observations, 0 dead letters\n');
  });

  it('reads standard input and one pretty-printed EventList document', async () => {
    const list = {
      kind: 'EventList',
      apiVersion: 'audit.k8s.io/v1',
      items: [JSON.parse(AUDIT('b1')), JSON.parse(AUDIT('b2'))],
    };
    const r = await run(['ingest', '--source', 'k8s-audit', '-'], { stdin: JSON.stringify(list, null, 2) });
    expect(r.code).toBe(0);
    expect(parseLines(r.stdout)).toHaveLength(2);
  });

  it('reads gzip-compressed input (rotated logs) as what it holds', async () => {
    const { gzipSync } = await import('node:zlib');
    const { writeFile } = await import('node:fs/promises');
    const file = `${await dir.file('audit.log.1', '')}.gz`;
    await writeFile(file, gzipSync(`${AUDIT('g1')}\n${AUDIT('g2')}\n`));
    const r = await run(['ingest', file]);
    expect(r.code).toBe(0);
    expect(parseLines(r.stdout)).toHaveLength(2);
  });

  it('writes one strictly valid bundle with --output stix, each object once', async () => {
    const file = await dir.file('twice.log', `${AUDIT('c1')}\n${AUDIT('c2')}\n`);
    const r = await run(['ingest', '-o', 'stix', file]);
    expect(r.code).toBe(0);
    const bundle = JSON.parse(r.stdout) as { type: string; objects: { id: string; type: string }[] };
    expect(createValidator({ strict: true }).validateAll([bundle])).toEqual([]);
    const ids = bundle.objects.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Two requests by the same service account from the same address: one user, one address.
    expect(bundle.objects.filter((o) => o.type === 'user-account')).toHaveLength(1);
    expect(bundle.objects.filter((o) => o.type === 'observed-data')).toHaveLength(2);
  });

  it('dead-letters bad records to a file, keeps the good ones, exit 1', async () => {
    const file = await dir.file('mixed.log', `${AUDIT('d1')}\n{"truncated":\nnot json\n${AUDIT('d2')}\n`);
    const deadLetters = `${file}.dead`;
    const r = await run(['ingest', '--dead-letter', deadLetters, file]);
    expect(r.code).toBe(1);
    expect(parseLines(r.stdout)).toHaveLength(2);
    expect(r.stderr).toBe('ingest: 4 records, 2 observations, 2 dead letters (KSTORM_INPUT_JSON 2)\n');
    const letters = (await readFile(deadLetters, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(letters).toMatchObject([
      { code: 'KSTORM_INPUT_JSON', location: `${file}:2`, raw: '{"truncated":' },
      { code: 'KSTORM_INPUT_JSON', location: `${file}:3`, raw: 'not json' },
    ]);
  });

  it('lists dead letters on stderr without a file, escaping control characters', async () => {
    const r = await run(['ingest', '-'], { stdin: '{"evil":"\\u001b[31m"}\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('dead letter: <stdin>:1: No sensor format');
    expect(r.stderr).not.toContain('\u001b');
  });

  it('prints the normalised events with --output events', async () => {
    const r = await run(['ingest', '-o', 'events', '-'], { stdin: AUDIT('e1') });
    const [event] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(event).toMatchObject({
      source: 'k8s-audit',
      kind: 'audit-event',
      request: { verb: 'get', auditId: 'e1' },
    });
  });

  it('follows a growing file until interrupted', async () => {
    const file = await dir.file('growing.log', `${AUDIT('f1')}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/dev.ts', 'ingest', '--follow', file], {
      cwd: new URL('../..', import.meta.url).pathname,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const lines = () => stdout.split('\n').filter(Boolean).length;
    const until = async (condition: () => boolean) => {
      for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 100));
    };
    await until(() => lines() >= 1);
    await appendFile(file, `${AUDIT('f2')}\n${AUDIT('f3')}`);
    await appendFile(file, '\n');
    await until(() => lines() >= 3);
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(lines()).toBe(3);
    expect(code).toBe(0);
    expect(stderr).toContain('ingest: 3 records, 3 observations, 0 dead letters');
  }, 30_000);

  it('serves the HTTP endpoints with --listen and prints what sensors post', async () => {
    const token = 'test-token-0123456789abcdef';
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/dev.ts', 'ingest', '--listen', '127.0.0.1:0'],
      {
        cwd: new URL('../..', import.meta.url).pathname,
        env: { ...process.env, KSTORM_INGEST_TOKENS: token },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    for (let i = 0; i < 200 && !/listening on (http:\S+)/.test(stderr); i++)
      await new Promise((r) => setTimeout(r, 100));
    const url = /listening on (http:\S+)/.exec(stderr)?.[1];
    expect(url).toBeDefined();
    const list = {
      kind: 'EventList',
      apiVersion: 'audit.k8s.io/v1',
      items: [JSON.parse(AUDIT('h1')), JSON.parse(AUDIT('h2'))],
    };
    const denied = await fetch(`${url}/ingest/k8s-audit`, { method: 'POST', body: JSON.stringify(list) });
    expect(denied.status).toBe(401);
    const posted = await fetch(`${url}/ingest/k8s-audit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(list),
    });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toMatchObject({ accepted: 2, rejected: 0 });
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(parseLines(stdout)).toHaveLength(2);
    expect(stderr).toContain('ingest: 1 records, 2 observations, 0 dead letters');
  }, 30_000);

  it('refuses --listen without tokens, and a file together with --listen', async () => {
    const none = await run(['ingest', '--listen', '0']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('KSTORM_CONFIG');
    const both = await run(['ingest', '--listen', '0', 'file.log']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('KSTORM_CLI_USAGE');
  });
});
