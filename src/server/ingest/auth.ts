/**
 * Bearer-token authentication for the ingest routes. Tokens are compared as SHA-256 digests with
 * `timingSafeEqual`, against every configured token without stopping at a match, so neither the
 * position of the first differing character nor which token matched shows in the response time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './replies.js';

/** `Bearer <b64token>`, scheme case-insensitive (RFC 7235), one token, optional surrounding spaces. */
const BEARER = /^\s*bearer +([A-Za-z0-9\-._~+/]+=*)\s*$/i;

/** What an authentication check concludes about one request's Authorization header. */
export type AuthOutcome = 'ok' | 'missing' | 'invalid';

/** Checks Authorization headers against a fixed set of tokens (none: every request is admitted). */
export class BearerAuth {
  readonly #digests: readonly Buffer[];

  constructor(tokens: readonly string[]) {
    this.#digests = tokens.map(digest);
  }

  /** True when the server was built with `allowAnonymous`. */
  get anonymous(): boolean {
    return this.#digests.length === 0;
  }

  check(header: string | undefined): AuthOutcome {
    if (this.anonymous) return 'ok';
    if (header === undefined || header.length === 0) return 'missing';
    const match = BEARER.exec(header);
    if (match?.[1] === undefined) return 'invalid';
    const presented = digest(match[1]);
    let found = false;
    for (const expected of this.#digests) {
      // The comparison comes first so that every token is compared, whatever the outcome so far.
      found = timingSafeEqual(presented, expected) || found;
    }
    return found ? 'ok' : 'invalid';
  }

  /** An `onRequest` hook: lets authenticated requests through, answers the rest with 401. */
  readonly hook = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const outcome = this.check(request.headers.authorization);
    if (outcome === 'ok') return undefined;
    request.log.info({ outcome }, 'ingest request refused: authentication');
    // RFC 6750 §3: name the scheme; say invalid_token only when a token was actually presented.
    const challenge =
      outcome === 'missing' ? 'Bearer realm="kstorm"' : 'Bearer realm="kstorm", error="invalid_token"';
    reply.header('www-authenticate', challenge);
    const message =
      outcome === 'missing'
        ? 'This endpoint needs an Authorization: Bearer <token> header.'
        : 'The bearer token is not valid for this server.';
    return sendProblem(request, reply, 401, 'KSTORM_INGEST_AUTH', message);
  };
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
