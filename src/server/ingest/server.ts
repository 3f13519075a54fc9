/**
 * The HTTP ingest server: one Fastify instance with a POST route per sensor (and a generic one), bearer
 * authentication, size limits counted after decompression, and replies only once the sink has the
 * items. It frames bodies into records and hands them to the Ingestor; it does no sensor or STIX work.
 */
import { randomUUID } from 'node:crypto';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { IngestItem, SourceChoice } from '../../normalise/index.js';
import { SENSOR_NAMES } from '../../sources/index.js';
import { BearerAuth } from './auth.js';
import { checkBodyFormat, decompressBody } from './body.js';
import { IngestCounters, type RefusalReason } from './counters.js';
import { type IngestServerOptions, type ResolvedIngestOptions, resolveIngestOptions } from './options.js';
import { ingestBody } from './records.js';
import { ingestErrorHandler, notFound, sendProblem, UNAVAILABLE_CODE } from './replies.js';

/** The ingest routes: path → the sensor its records are read as (`auto`: recognised per record). */
export const INGEST_ROUTES: readonly { readonly path: string; readonly source: SourceChoice }[] = [
  { path: '/ingest/k8s-audit', source: 'k8s-audit' },
  { path: '/ingest/falco', source: 'falco' },
  { path: '/ingest/kubescape', source: 'kubescape' },
  { path: '/ingest/tetragon', source: 'tetragon' },
];

/** The reply to an ingest request whose body was read and stored. */
export interface IngestReply {
  readonly requestId: string;
  readonly accepted: number;
  readonly rejected: number;
  /** The first `MAX_REPORTED_DEAD_LETTERS` dead letters (all are in the sink). */
  readonly deadLetters: readonly {
    readonly code: string;
    readonly message: string;
    readonly location?: string;
  }[];
}

export const MAX_REPORTED_DEAD_LETTERS = 20;
const SOURCE_CHOICES: ReadonlySet<string> = new Set<string>(['auto', ...SENSOR_NAMES]);
const REFUSAL_BY_STATUS: ReadonlyMap<number, RefusalReason> = new Map([
  [400, 'badBody'],
  [401, 'auth'],
  [413, 'tooLarge'],
  [415, 'unsupported'],
]);
const RETRY_AFTER_SECONDS = '5';

/**
 * Builds the ingest server (not listening: call `listen`). Throws a KstormError when the options are
 * unsafe or invalid, e.g. no bearer tokens without `allowAnonymous: true`.
 */
export function createIngestServer(options: IngestServerOptions): FastifyInstance {
  const settings = resolveIngestOptions(options);
  const app = Fastify({
    logger: settings.logger,
    logController: new LogController({ disableRequestLogging: !settings.requestLogging }),
    bodyLimit: settings.bodyLimit,
    requestTimeout: settings.requestTimeout,
    // Random ids: dead-letter locations (`http:<id>:<line>`) stay unique across restarts.
    genReqId: () => randomUUID(),
    return503OnClosing: true,
  });
  const auth = new BearerAuth(settings.tokens);
  const counters = new IngestCounters();
  const admit = admission(settings.maxInFlight, counters);

  app.removeAllContentTypeParsers();
  // Media types are checked before the body is read (checkBodyFormat); the parser only collects bytes.
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: settings.bodyLimit },
    (_request, body, done) => {
      done(null, body);
    },
  );
  app.setErrorHandler(ingestErrorHandler(settings.bodyLimit));
  app.setNotFoundHandler(notFound);
  app.addHook('onResponse', async (_request, reply) => {
    const reason = REFUSAL_BY_STATUS.get(reply.statusCode);
    if (reason !== undefined) counters.refused(reason);
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/ingest/stats', { onRequest: auth.hook }, async () =>
    counters.snapshot(settings.ingestor.stats()),
  );

  const ingestRoute = {
    onRequest: [auth.hook, checkBodyFormat, admit],
    preParsing: decompressBody(settings.bodyLimit),
  };
  for (const route of INGEST_ROUTES) {
    app.post(route.path, ingestRoute, (request, reply) =>
      ingest(settings, counters, route.source, request, reply),
    );
  }
  const generic = { ...ingestRoute, onRequest: [...ingestRoute.onRequest, refuseUnknownSource] };
  app.post('/ingest', generic, (request, reply) =>
    ingest(settings, counters, sourceParameter(request.query) ?? 'auto', request, reply),
  );
  return app;
}

async function ingest(
  settings: ResolvedIngestOptions,
  counters: IngestCounters,
  source: SourceChoice,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const body = request.body;
  if (!Buffer.isBuffer(body) || body.length === 0) {
    return sendProblem(
      request,
      reply,
      400,
      'KSTORM_INGEST_BODY',
      'The body is empty: send JSON or JSON lines.',
    );
  }
  const items = ingestBody(settings.ingestor, body, {
    requestId: request.id,
    source,
    recordLimit: settings.recordLimit,
  });
  if (items.length > 0) {
    try {
      await settings.sink.write(items);
    } catch (error) {
      counters.refused('sinkFailed');
      request.log.error(
        { err: error, items: items.length },
        'ingest sink failed; the sender was asked to retry',
      );
      reply.header('retry-after', RETRY_AFTER_SECONDS);
      return sendProblem(
        request,
        reply,
        503,
        UNAVAILABLE_CODE,
        'The events could not be stored; retry later.',
      );
    }
  }
  counters.stored(items);
  return reply.code(200).send(summarise(request.id, items));
}

function summarise(requestId: string, items: readonly IngestItem[]): IngestReply {
  let accepted = 0;
  const deadLetters: IngestReply['deadLetters'][number][] = [];
  for (const item of items) {
    if (item.ok) {
      accepted += 1;
    } else if (deadLetters.length < MAX_REPORTED_DEAD_LETTERS) {
      const { code, message, location } = item.deadLetter;
      deadLetters.push(location === undefined ? { code, message } : { code, message, location });
    }
  }
  return { requestId, accepted, rejected: items.length - accepted, deadLetters };
}

/** `?source=`: absent means auto; anything but one known value (or a repeated parameter) is refused. */
function sourceParameter(query: unknown): SourceChoice | undefined {
  const value =
    typeof query === 'object' && query !== null ? (query as Record<string, unknown>)['source'] : undefined;
  if (value === undefined) return 'auto';
  return typeof value === 'string' && SOURCE_CHOICES.has(value) ? (value as SourceChoice) : undefined;
}

/** An `onRequest` hook of the generic route: a bad `?source=` is refused before the body is read. */
async function refuseUnknownSource(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  if (sourceParameter(request.query) !== undefined) return undefined;
  const message = `The source parameter must be one of: ${[...SOURCE_CHOICES].join(', ')}.`;
  return sendProblem(request, reply, 400, 'KSTORM_EVENT_UNKNOWN_SOURCE', message);
}

/**
 * An `onRequest` hook bounding the ingest requests in progress (each may hold a body of `bodyLimit`
 * bytes twice over): beyond `maxInFlight`, senders are told to retry later.
 */
function admission(maxInFlight: number, counters: IngestCounters) {
  let inFlight = 0;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (inFlight >= maxInFlight) {
      counters.refused('overloaded');
      reply.header('retry-after', RETRY_AFTER_SECONDS);
      return sendProblem(request, reply, 503, UNAVAILABLE_CODE, 'The server is busy; retry later.');
    }
    inFlight += 1;
    // 'close' fires once per response, whether it completed or the client went away.
    reply.raw.once('close', () => {
      inFlight -= 1;
    });
    return undefined;
  };
}
