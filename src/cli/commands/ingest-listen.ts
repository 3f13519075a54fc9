/**
 * `kstorm ingest --listen [host:]port`: runs the HTTP ingest server (audit webhook, Falco, Kubescape,
 * Tetragon and generic paths) and prints what arrives as `ingest` does for a file, until interrupted.
 * Tokens come from `--token-file` (one per line) or `KSTORM_INGEST_TOKENS` (comma-separated).
 */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type IngestItem, Ingestor } from '../../normalise/index.js';
import { createIngestServer } from '../../server/index.js';
import { KstormError } from '../../util/index.js';
import type { CommandContext } from '../context.js';
import { BatchedWriter, observationWriter } from './ingest-output.js';

export interface ListenOptions {
  readonly listen: string;
  readonly output: 'jsonl' | 'events';
  readonly tokenFile?: string;
  readonly deadLetter?: string;
  readonly cluster?: string;
  readonly raw: boolean;
  readonly maxBodyBytes: number;
}

/** Serves until `signal` aborts; exit 0. */
export async function runIngestListen(
  ctx: CommandContext,
  opts: ListenOptions,
  signal: AbortSignal,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const { host, port } = address(opts.listen);
  const tokens = await readTokens(opts.tokenFile, env);
  const out = new BatchedWriter(ctx.io.stdout);
  const writer = observationWriter(opts.output, out);
  const deadFile = opts.deadLetter ? createWriteStream(opts.deadLetter, { flags: 'a' }) : undefined;
  const dead = deadFile ? new BatchedWriter(deadFile) : undefined;
  const sink = {
    async write(items: readonly IngestItem[]) {
      for (const item of items) {
        if (item.ok) await writer.observation(item.observation);
        else if (dead) await dead.line(JSON.stringify(item.deadLetter));
      }
      await out.flush();
      await dead?.flush();
    },
  };
  const ingestor = new Ingestor({
    rawArtifacts: opts.raw,
    ...(opts.cluster ? { cluster: opts.cluster } : {}),
  });
  const server = createIngestServer({ tokens, sink, ingestor, bodyLimit: opts.maxBodyBytes });
  const url = await server.listen({ host, port });
  ctx.io.stderr.write(
    `kstorm ingest: listening on ${url} (POST /ingest/k8s-audit, /ingest/falco, /ingest/kubescape, /ingest/tetragon, /ingest)\n`,
  );
  await untilAborted(signal);
  await server.close();
  await new Promise<void>((resolve) => (deadFile ? deadFile.end(resolve) : resolve()));
  const stats = ingestor.stats();
  ctx.io.stderr.write(
    `ingest: ${stats.records} records, ${stats.accepted} observations, ${stats.rejected} dead letters\n`,
  );
  return 0;
}

/** Resolves when the signal aborts (at once if it already has). */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

export function address(text: string): { host: string; port: number } {
  const match = /^(?:(\[[0-9a-fA-F:.]+\]|[^:]+):)?(\d{1,5})$/.exec(text);
  const port = Number(match?.[2]);
  if (!match || port > 65_535) {
    throw new KstormError('KSTORM_CLI_USAGE', '--listen takes [host:]port, e.g. 0.0.0.0:8443 or 8443.');
  }
  return { host: match[1]?.replace(/^\[|\]$/g, '') ?? '127.0.0.1', port };
}

async function readTokens(file: string | undefined, env: Readonly<Record<string, string | undefined>>) {
  const tokens = await readTokenList(file, env);
  if (tokens.length === 0) {
    throw new KstormError(
      'KSTORM_CONFIG',
      'The ingest server needs bearer tokens: --token-file <file> (one per line) or KSTORM_INGEST_TOKENS.',
    );
  }
  return tokens;
}

/** Tokens from `--token-file` (one per line) or `KSTORM_INGEST_TOKENS` (comma-separated); may be none. */
export async function readTokenList(
  file: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string[]> {
  const text = file ? await readFile(file, 'utf8').catch(() => undefined) : env['KSTORM_INGEST_TOKENS'];
  if (file && text === undefined) {
    throw new KstormError('KSTORM_INPUT_UNREADABLE', `Cannot read the token file ${file}.`);
  }
  const tokens = (text ?? '')
    .split(/[\n,]/)
    .map((t) => t.trim())
    .filter(Boolean);
  return tokens;
}
