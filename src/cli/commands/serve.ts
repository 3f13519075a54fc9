/**
 * `kstorm serve`: the storm center. Ingest endpoints, the engine, the store, the JSON API, the live
 * feed, /metrics and the dashboard on one port (127.0.0.1:8480 unless --listen says otherwise; bearer
 * tokens are required when bound to any other address). The embedded SQLite store lives under --data;
 * --store postgres://… uses PostgreSQL. Logs are JSON lines (pino, through Fastify) on stdout; the
 * human-readable "where to look" goes to stderr.
 */
import { join } from 'node:path';
import { type FeedEvent, playCapture, StormService } from '../../app/index.js';
import {
  BearerAuth,
  createIngestServer,
  findDashboard,
  registerApi,
  registerDashboard,
  registerMetrics,
} from '../../server/index.js';
import { openPostgresStore, openSqliteStore } from '../../store/index.js';
import { KstormError } from '../../util/index.js';
import type { CommandContext } from '../context.js';
import { address, readTokenList, untilAborted } from './ingest-listen.js';
import { loadThreatModel } from './model-report.js';
import { bundledFile, bundledModel } from './replay.js';
import { numberSetting } from './serve-config.js';

export interface ServeOptions {
  readonly listen: string;
  readonly data: string;
  readonly store?: string;
  readonly model?: string;
  readonly tokenFile?: string;
  readonly cluster?: string;
  /** Play a capture into the center after start (`true`: the bundled demo day). */
  readonly demo?: string | boolean;
  readonly demoSpeed: string | number;
  readonly logLevel?: string;
  readonly retentionDays?: string | number;
  readonly idleTimeout?: string | number;
  readonly incidentFraction?: string | number;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
const HOUR_MS = 3_600_000;

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
  const level = opts.logLevel ?? 'info';
  if (!LOG_LEVELS.has(level))
    throw new KstormError(
      'KSTORM_CLI_USAGE',
      `--log-level ${level}: use one of ${[...LOG_LEVELS].join(', ')}.`,
    );
  const retentionDays = numberSetting(opts.retentionDays ?? 30, '--retention-days', 0.001, 36_500);
  const idleTimeoutSeconds = numberSetting(opts.idleTimeout ?? 1800, '--idle-timeout', 1, 30 * 86_400);
  const incidentFraction = numberSetting(opts.incidentFraction ?? 0.5, '--incident-fraction', 0.01, 1);
  const model = await loadThreatModel(ctx, [opts.model ?? bundledModel()], 'served');
  if (!model) return 1;
  const store = opts.store?.startsWith('postgres')
    ? openPostgresStore(opts.store)
    : openSqliteStore(opts.store ?? join(opts.data, 'kstorm.db'));
  const service = new StormService(model, store, {
    idleTimeoutSeconds,
    incidentFraction,
    ...(opts.cluster === undefined ? {} : { cluster: opts.cluster }),
  });
  const restored = await service.start();
  const server = createIngestServer({
    tokens,
    allowAnonymous: tokens.length === 0,
    sink: service.sink,
    logger: { level },
    requestLogging: level === 'debug' || level === 'trace',
    ...(opts.cluster === undefined ? {} : { cluster: opts.cluster }),
  });
  const log = server.log;
  service.feed.on('event', (event: FeedEvent) => {
    if (event.type === 'incident-opened')
      log.warn({ incident: event.incident, event: event.type }, 'incident opened');
    else if (event.type === 'dead-letters')
      log.info({ added: event.added }, 'records refused (dead-lettered)');
  });
  const auth = new BearerAuth(tokens).hook;
  registerApi(server, service, auth);
  registerMetrics(server, service, auth);
  const dashboard = findDashboard();
  await registerDashboard(server, dashboard);
  const url = await server.listen({ host, port });
  log.info(
    {
      store: store.kind,
      restored,
      model: model.metadata.name,
      retentionDays,
      idleTimeoutSeconds,
      incidentFraction,
    },
    'storm center started',
  );
  ctx.io.stderr.write(
    `kstorm serve: listening on ${url} (store: ${store.kind}, ${restored} stored observations replayed; model ${model.metadata.name})\n` +
      `  dashboard: ${dashboard === undefined ? 'not built (npm run build)' : `${url}/`}\n` +
      `  ingest: POST ${url}/ingest/k8s-audit, /ingest/falco, /ingest/kubescape, /ingest/tetragon\n` +
      `  API:    ${url}/api/v1/overview, /api/v1/branches, /api/v1/incidents, /api/v1/sessions, /api/v1/observations\n`,
  );
  const prune = async () => {
    const removed = await service.prune(retentionDays);
    if (removed > 0) log.info({ removed, retentionDays }, 'old raw observations pruned');
  };
  await prune();
  const pruning = setInterval(
    () => void prune().catch((error: unknown) => log.error({ error }, 'prune failed')),
    HOUR_MS,
  );
  pruning.unref();
  if (opts.demo !== undefined && opts.demo !== false) {
    const file = typeof opts.demo === 'string' ? opts.demo : bundledFile('demo/honeycluster-day.jsonl.gz');
    const speed = numberSetting(opts.demoSpeed, '--demo-speed', 1e-6, 1e12);
    ctx.io.stderr.write(
      `demo: playing ${file} at ${speed}× recorded speed; open ${url}/ and watch the attack trees heat up\n`,
    );
    void playCapture(service, file, speed, signal).then(
      (n) => ctx.io.stderr.write(`demo: ${n} records played; still serving (Ctrl-C to stop)\n`),
      (error: unknown) => ctx.io.stderr.write(`demo: stopped: ${String(error)}\n`),
    );
  }
  await untilAborted(signal);
  clearInterval(pruning);
  await server.close();
  await store.close();
  log.info('storm center stopped');
  return 0;
}
