/** In-memory streams and STIX samples for the CLI tests. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { CliIo } from '../../src/cli/main.js';
import { main } from '../../src/cli/main.js';

/** What one CLI run printed and returned. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `kstorm <args>` in-process with captured output; `stdin` feeds `-`, `tty` marks stderr a terminal. */
export async function run(
  args: string[],
  options: { stdin?: string; tty?: boolean } = {},
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false },
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
  };
  const code = await main(['node', 'kstorm', ...args], io);
  return { code, stdout, stderr };
}

/** A temporary directory with helpers to write files into it. */
export async function tempDir(): Promise<{
  file(name: string, text: string): Promise<string>;
  remove(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'kstorm-cli-'));
  return {
    async file(name, text) {
      const path = join(dir, name);
      await writeFile(path, text);
      return path;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A valid STIX 2.1 indicator. */
export const INDICATOR = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created: '2016-04-06T20:03:48.000Z',
  modified: '2016-04-06T20:03:48.000Z',
  pattern: "[ipv4-addr:value = '198.51.100.1']",
  pattern_type: 'stix',
  valid_from: '2016-01-01T00:00:00Z',
} as const;

/** The indicator modified before it was created: KSTORM_STIX_MODIFIED_BEFORE_CREATED. */
export const BACKDATED = { ...INDICATOR, modified: '2015-04-06T20:03:48.000Z' } as const;

/** A bundle of `objects` with a fixed id. */
export function bundle(...objects: unknown[]): string {
  return JSON.stringify({ type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects });
}
