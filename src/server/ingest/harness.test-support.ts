/**
 * A real ingest server on a loopback port for tests, with a sink that collects what it is given (an
 * array is a real sink) and can be told to fail, and a `post` that speaks plain HTTP through fetch.
 */
import type { FastifyInstance } from 'fastify';
import type { IngestItem } from '../../normalise/index.js';
import type { IngestServerOptions, IngestSink } from './options.js';
import { createIngestServer } from './server.js';

export const TOKEN = 'kstorm-test-token-0123456789';

/** Keeps every batch it is given; while `failing`, refuses them as a store that is down would. */
export class CollectingSink implements IngestSink {
  readonly batches: IngestItem[][] = [];
  failing = false;

  async write(items: readonly IngestItem[]): Promise<void> {
    if (this.failing) throw new Error('the store is unavailable');
    this.batches.push([...items]);
  }

  get items(): IngestItem[] {
    return this.batches.flat();
  }
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  /** The reply parsed as JSON (every reply of the server is JSON). */
  readonly body: Record<string, unknown>;
}

export interface PostOptions {
  /** The bearer token to send; `null` sends no Authorization header. Default: the server's token. */
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
}

export interface TestServer {
  readonly app: FastifyInstance;
  readonly sink: CollectingSink;
  readonly base: string;
  post(path: string, body: string | Uint8Array, options?: PostOptions): Promise<Answer>;
  get(path: string, options?: PostOptions): Promise<Answer>;
  close(): Promise<void>;
}

/** Starts a server with the test token, a collecting sink and `overrides`, listening on 127.0.0.1. */
export async function startTestServer(overrides: Partial<IngestServerOptions> = {}): Promise<TestServer> {
  const sink = new CollectingSink();
  const app = createIngestServer({ tokens: [TOKEN], sink, ...overrides });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
  const base = `http://127.0.0.1:${address.port}`;

  async function request(
    method: string,
    path: string,
    body: string | Uint8Array | undefined,
    options: PostOptions,
  ) {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? TOKEN : options.token;
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: JSON.parse(text) as Record<string, unknown>,
    };
  }

  return {
    app,
    sink,
    base,
    post: (path, body, options = {}) => request('POST', path, body, options),
    get: (path, options = {}) => request('GET', path, undefined, options),
    close: () => app.close(),
  };
}

/** The dead letters of a reply, typed for assertions. */
export function deadLettersOf(answer: Answer): { code: string; message: string; location?: string }[] {
  return answer.body['deadLetters'] as { code: string; message: string; location?: string }[];
}
