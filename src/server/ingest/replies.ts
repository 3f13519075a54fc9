/**
 * Error replies of the ingest server: one JSON shape `{code, message}` with a catalogue code, and the
 * mapping from Fastify's own errors (body too large, bad Content-Length, …) onto it. Messages are
 * ours, never the request's text, so nothing an attacker sends is echoed back or into the logs.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../util/index.js';

/** The body of every error reply. */
export interface ProblemBody {
  readonly code: ErrorCode;
  readonly message: string;
}

/** An HTTP status and catalogue code carried by an error thrown inside the request pipeline. */
export class IngestHttpError extends Error {
  readonly statusCode: number;
  readonly kstormCode: ErrorCode;

  constructor(statusCode: number, code: ErrorCode, message: string) {
    super(message);
    this.statusCode = statusCode;
    this.kstormCode = code;
  }
}

/**
 * Sends `{code, message}` with `status`. When the request body was not read (a refusal before parsing)
 * the connection is closed after the reply, so the server is not made to drain a body it refused.
 */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
): FastifyReply {
  if (request.body === undefined && hasBody(request)) reply.header('connection', 'close');
  const body: ProblemBody = { code, message };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Builds the server's error handler; `bodyLimit` is named in the 413 message. */
export function ingestErrorHandler(bodyLimit: number) {
  return (
    error: FastifyError | IngestHttpError,
    request: FastifyRequest,
    reply: FastifyReply,
  ): FastifyReply => {
    if (error instanceof IngestHttpError) {
      request.log.info({ code: error.kstormCode, status: error.statusCode }, 'ingest request refused');
      return sendProblem(request, reply, error.statusCode, error.kstormCode, error.message);
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        request.log.info({ code: error.code }, 'ingest request refused: body too large');
        return sendProblem(request, reply, 413, 'KSTORM_INGEST_BODY', tooLargeMessage(bodyLimit));
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(
          request,
          reply,
          400,
          'KSTORM_INGEST_BODY',
          'The body length differs from Content-Length.',
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(request, reply, 415, 'KSTORM_INGEST_BODY', UNSUPPORTED_MEDIA_TYPE);
      default:
        break;
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      request.log.info({ code: error.code, status }, 'ingest request refused');
      return sendProblem(request, reply, status, 'KSTORM_INGEST_BODY', 'The request could not be read.');
    }
    // A fault of ours (an Ingestor bug, say): logged in full, answered without detail. The sender
    // retries, and nothing was acknowledged.
    request.log.error({ err: error }, 'ingest request failed');
    return sendProblem(request, reply, 500, 'KSTORM_INTERNAL', 'The server failed to process the request.');
  };
}

/** The code of a 503 (sink failed, server busy): the sender should retry. */
export const UNAVAILABLE_CODE: ErrorCode = 'KSTORM_INGEST_UNAVAILABLE';

/** The 413 message: the limit, and that it counts decompressed bytes. */
export function tooLargeMessage(bodyLimit: number): string {
  return `The body exceeds the limit of ${bodyLimit} bytes (counted after decompression).`;
}

export const UNSUPPORTED_MEDIA_TYPE =
  'Send application/json, application/x-ndjson, application/jsonl or text/plain (or no Content-Type).';

/** 404 for every path the server does not serve; the path itself is not echoed. */
export function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(
    request,
    reply,
    404,
    'KSTORM_INGEST_ROUTE',
    'No such endpoint on the kstorm ingest server.',
  );
}
