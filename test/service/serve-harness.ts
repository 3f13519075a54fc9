/**
 * Runs `kstorm serve` as a real process (through tsx, so the tests need no build) and talks to it over
 * real HTTP; PostgreSQL tests use the machine's server, each run in a schema of its own, dropped after.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
export const CAPTURE = `${ROOT}test/fixtures/captures/CONSTRUCTED_honeycluster-two-attackers.jsonl`;
const children: ChildProcess[] = [];
const schemas: string[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

const POSTGRES = process.env['KSTORM_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh data directory, and the flags that pick the store: the embedded SQLite or a PostgreSQL schema. */
export async function freshStore(kind: 'sqlite' | 'postgres'): Promise<{ data: string; flags: string[] }> {
  const data = await mkdtemp(join(tmpdir(), 'kstorm-serve-'));
  dirs.push(data);
  if (kind === 'sqlite') return { data, flags: [] };
  const schema = `kstorm_serve_${process.pid}_${Date.now().toString(36)}_${schemas.length}`;
  schemas.push(schema);
  const url = new URL(POSTGRES);
  url.searchParams.set('schema', schema);
  return { data, flags: ['--store', url.toString()] };
}

export async function serve(
  data: string,
  extra: readonly string[] = [],
): Promise<{ url: string; child: ChildProcess; logs: () => { level: number; msg: string }[] }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/dev.ts', 'serve', '--listen', '127.0.0.1:0', '--data', data, ...extra],
    {
      cwd: ROOT,
      env: { ...process.env, KSTORM_INGEST_TOKENS: '' },
    },
  );
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // Structured logs (JSON lines) come on stdout; read them so the pipe never fills.
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const logs = () =>
    stdout
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as { level: number; msg: string; [key: string]: unknown });
  for (let i = 0; i < 300 && !/listening on (http:\S+)/.test(stderr); i++)
    await new Promise((r) => setTimeout(r, 100));
  const url = /listening on (http:\S+)/.exec(stderr)?.[1];
  if (!url) throw new Error(`serve did not start: ${stderr}`);
  return { url, child, logs };
}

export const post = (url: string, line: string) =>
  fetch(`${url}/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: line });
/** The API's JSON: lists of records, or one record, with the fields these tests read. */
export interface Json extends Array<Json> {
  branch: string;
  leaves: string[];
  severity: string;
  goalReached: boolean;
  entered: number;
  goal: number;
  level: string;
  total: number;
  observations: unknown[];
  next?: string;
  count: number;
}
/** The API's JSON as the type the caller expects. */
export const apiAs = async <T>(url: string, path: string): Promise<{ status: number; body: T }> => {
  const response = await fetch(`${url}${path}`);
  return { status: response.status, body: (await response.json()) as T };
};
export const api = async (url: string, path: string): Promise<Json> =>
  (await (await fetch(`${url}${path}`)).json()) as Json;

export async function lines(): Promise<string[]> {
  return (await readFile(CAPTURE, 'utf8')).split('\n').filter((l) => l.length > 0);
}
