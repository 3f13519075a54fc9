/**
 * `kstorm serve`: the storm center. Ingest endpoints, the engine, the store and the JSON API on one
 * port (127.0.0.1:8480 unless --listen says otherwise; bearer tokens are required when bound to any
 * other address). The embedded SQLite store lives under --data; --store postgres://… uses PostgreSQL.
 */
import { join } from 'node:path';
import { playCapture, StormService } from '../../app/index.js';
import { BearerAuth, createIngestServer, registerApi, registerMetrics } from '../../server/index.js';
import { openPostgresStore, openSqliteStore } from '../../store/index.js';
import { KstormError } from '../../util/index.js';
import type { CommandContext } from '../context.js';
import { address, readTokenList, untilAborted } from './ingest-listen.js';
import { loadThreatModel } from './model-report.js';
import { bundledFile, bundledModel } from './replay.js';

export interface ServeOptions {
  readonly listen: string;
  readonly data: string;
  readonly store?: string;
  readonly model?: string;
  readonly tokenFile?: string;
  readonly cluster?: string;
  /** Play a capture into the center after start (`true`: the bundled demo day). */
  readonly demo?: string | boolean;
  readonly demoSpeed: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export async function runServe(
  ctx: CommandContext,
  opts: ServeOptions,
  signal: AbortSignal,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const { host, port } = address(opts.listen);
  const tokens = await readTokenList(opts.tokenFile, env);
  if (tokens.length === 0 && !LOOPBACK.has(host)) {
    throw new KstormError(
      'KSTORM_CONFIG',
      `Listening on ${host} needs bearer tokens: --token-file <file> or KSTORM_INGEST_TOKENS (only 127.0.0.1 may go without).`,
    );
  }
  const model = await loadThreatModel(ctx, [opts.model ?? bundledModel()], 'served');
  if (!model) return 1;
  const store = opts.store?.startsWith('postgres')
    ? openPostgresStore(opts.store)
    : openSqliteStore(opts.store ?? join(opts.data, 'kstorm.db'));
  const service = new StormService(model, store, opts.cluster === undefined ? {} : { cluster: opts.cluster });
  const restored = await service.start();
  const server = createIngestServer({
    tokens,
    allowAnonymous: tokens.length === 0,
    sink: service.sink,
    ...(opts.cluster === undefined ? {} : { cluster: opts.cluster }),
  });
  const auth = new BearerAuth(tokens).hook;
  registerApi(server, service, auth);
  registerMetrics(server, service, auth);
  const url = await server.listen({ host, port });
  ctx.io.stderr.write(
    `kstorm serve: listening on ${url} (store: ${store.kind}, ${restored} stored observations replayed; model ${model.metadata.name})\n` +
      `  ingest: POST ${url}/ingest/k8s-audit, /ingest/falco, /ingest/kubescape, /ingest/tetragon\n` +
      `  API:    ${url}/api/v1/incidents, /api/v1/sessions, /api/v1/paths, /api/v1/storm, /api/v1/observations\n`,
  );
  if (opts.demo !== undefined && opts.demo !== false) {
    const file = typeof opts.demo === 'string' ? opts.demo : bundledFile('demo/honeycluster-day.jsonl.gz');
    const speed = Number(opts.demoSpeed);
    if (!(speed > 0))
      throw new KstormError('KSTORM_CLI_USAGE', `--demo-speed ${opts.demoSpeed}: give a positive number.`);
    ctx.io.stderr.write(
      `demo: playing ${file} at ${speed}× recorded speed; watch ${url}/api/v1/incidents and ${url}/api/v1/paths fill up\n`,
    );
    void playCapture(service, file, speed, signal).then(
      (n) => ctx.io.stderr.write(`demo: ${n} records played; still serving (Ctrl-C to stop)\n`),
      (error: unknown) => ctx.io.stderr.write(`demo: stopped: ${String(error)}\n`),
    );
  }
  await untilAborted(signal);
  await server.close();
  await store.close();
  return 0;
}
