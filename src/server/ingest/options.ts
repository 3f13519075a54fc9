/**
 * The ingest server's options, their defaults, and the checks that refuse an unsafe or meaningless
 * configuration (no tokens without an explicit `allowAnonymous`, a zero body limit) before any socket
 * is opened: a misconfigured server should fail at start-up, not at the first request.
 */
import type { FastifyServerOptions } from 'fastify';
import { type IngestItem, Ingestor } from '../../normalise/index.js';
import { KstormError } from '../../util/index.js';

/**
 * Where accepted batches go (a store, a queue). The server awaits `write` before it answers, so a
 * sender is told "accepted" only once the sink has the items; when `write` rejects, the sender is told
 * to retry (503) and nothing is counted.
 */
export interface IngestSink {
  write(items: readonly IngestItem[]): Promise<void>;
}

/** What `createIngestServer` takes. Only `tokens` (or `allowAnonymous`) and `sink` are required. */
export interface IngestServerOptions {
  /** Bearer tokens any of which admits a request. Tokens are secrets: at least 16 token characters. */
  readonly tokens: readonly string[];
  /** Serve without authentication: only honoured with an empty `tokens` list, and must be explicit. */
  readonly allowAnonymous?: boolean;
  readonly sink: IngestSink;
  /** The processing core; created from `cluster` when absent. One per server: it keeps lineage state. */
  readonly ingestor?: Ingestor;
  /** Cluster name given to the Ingestor this server creates (ignored when `ingestor` is given). */
  readonly cluster?: string;
  /** Largest body, in bytes, after decompression (and before it, for the bytes on the wire). */
  readonly bodyLimit?: number;
  /** Largest single record (JSON line, or a whole-body document), in bytes; defaults to `bodyLimit`. */
  readonly recordLimit?: number;
  /** Ingest requests processed at once; more are told to retry (503), which bounds memory. */
  readonly maxInFlight?: number;
  /** Milliseconds a client has to send its whole request (slow senders hold memory and sockets). */
  readonly requestTimeout?: number;
  /** Fastify's logger option; off unless given. */
  readonly logger?: IngestLoggerOption;
  /** Log every request (Fastify's "incoming request" / "request completed"); off by default. */
  readonly requestLogging?: boolean;
}

/** Fastify's logger option: `true`, pino options, or `false` (the default) for none. */
export type IngestLoggerOption = NonNullable<FastifyServerOptions['logger']>;

/** The options with every default filled in and every value checked. */
export interface ResolvedIngestOptions {
  readonly tokens: readonly string[];
  readonly sink: IngestSink;
  readonly ingestor: Ingestor;
  readonly bodyLimit: number;
  readonly recordLimit: number;
  readonly maxInFlight: number;
  readonly requestTimeout: number;
  readonly logger: IngestLoggerOption;
  readonly requestLogging: boolean;
}

export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;
export const DEFAULT_MAX_IN_FLIGHT = 32;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
const MIN_TOKEN_LENGTH = 16;
/** RFC 6750 `b64token`: the only characters a bearer token can carry in an Authorization header. */
const TOKEN_SYNTAX = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Fills in defaults and checks the options; throws a KstormError naming the first bad one. */
export function resolveIngestOptions(options: IngestServerOptions): ResolvedIngestOptions {
  const tokens = checkTokens(options.tokens, options.allowAnonymous === true);
  if (typeof options.sink?.write !== 'function') {
    throw new KstormError('KSTORM_CONFIG', 'The ingest server needs a sink with a write(items) method.');
  }
  const bodyLimit = positiveInteger('bodyLimit', options.bodyLimit, DEFAULT_BODY_LIMIT);
  const recordLimit = positiveInteger('recordLimit', options.recordLimit, bodyLimit);
  const ingestor =
    options.ingestor ??
    new Ingestor(
      options.cluster === undefined ? { source: 'auto' } : { source: 'auto', cluster: options.cluster },
    );
  return {
    tokens,
    sink: options.sink,
    ingestor,
    bodyLimit,
    recordLimit: Math.min(recordLimit, bodyLimit),
    maxInFlight: positiveInteger('maxInFlight', options.maxInFlight, DEFAULT_MAX_IN_FLIGHT),
    requestTimeout: positiveInteger('requestTimeout', options.requestTimeout, DEFAULT_REQUEST_TIMEOUT_MS),
    logger: options.logger ?? false,
    requestLogging: options.requestLogging ?? false,
  };
}

function checkTokens(tokens: readonly string[] | undefined, allowAnonymous: boolean): readonly string[] {
  if (!Array.isArray(tokens)) {
    throw new KstormError('KSTORM_INGEST_AUTH', 'The ingest server needs a list of bearer tokens.');
  }
  if (tokens.length === 0 && !allowAnonymous) {
    throw new KstormError(
      'KSTORM_INGEST_AUTH',
      'The ingest server has no bearer tokens: give at least one, or pass allowAnonymous: true to accept unauthenticated senders.',
    );
  }
  if (tokens.length > 0 && allowAnonymous) {
    throw new KstormError(
      'KSTORM_INGEST_AUTH',
      'The ingest server was given both bearer tokens and allowAnonymous: true; choose one.',
    );
  }
  tokens.forEach((token, index) => {
    if (typeof token !== 'string' || !TOKEN_SYNTAX.test(token)) {
      throw new KstormError(
        'KSTORM_INGEST_AUTH',
        `Bearer token ${index + 1} is not a token: use only letters, digits and - . _ ~ + / (then = padding).`,
      );
    }
    if (token.length < MIN_TOKEN_LENGTH) {
      throw new KstormError(
        'KSTORM_INGEST_AUTH',
        `Bearer token ${index + 1} is too short to be a secret: use at least ${MIN_TOKEN_LENGTH} characters.`,
      );
    }
  });
  return [...tokens];
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new KstormError('KSTORM_CONFIG', `The ingest server option ${name} must be a positive integer.`);
  }
  return value;
}
