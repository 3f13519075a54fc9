/**
 * How an ingest body arrives: which media types and content codings are accepted, and the
 * decompressing stream that stops a gzip bomb at the body limit instead of inflating it whole.
 */
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IngestHttpError, sendProblem, tooLargeMessage, UNSUPPORTED_MEDIA_TYPE } from './replies.js';

/** Media types an ingest body may declare; a missing Content-Type is read as JSON too. */
const ACCEPTED_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'application/json',
  'application/x-ndjson',
  'application/jsonl',
  'application/jsonlines',
  'application/x-jsonlines',
  'text/plain',
]);

export type ContentCoding = 'identity' | 'gzip' | 'deflate';

/** The media type of a Content-Type header, lower-cased, without parameters (`; charset=utf-8`). */
function mediaType(header: string): string {
  const end = header.indexOf(';');
  return (end < 0 ? header : header.slice(0, end)).trim().toLowerCase();
}

/** True when an ingest route reads a body of this Content-Type (absent counts as JSON). */
export function acceptsMediaType(header: string | undefined): boolean {
  return header === undefined || ACCEPTED_MEDIA_TYPES.has(mediaType(header));
}

/** The coding of a Content-Encoding header, or undefined when the server cannot decode it. */
export function contentCoding(header: string | undefined): ContentCoding | undefined {
  if (header === undefined) return 'identity';
  switch (header.trim().toLowerCase()) {
    case '':
    case 'identity':
      return 'identity';
    case 'gzip':
    case 'x-gzip':
      return 'gzip';
    case 'deflate':
      return 'deflate';
    default:
      // Stacked codings (`gzip, gzip`) and br/zstd are refused rather than half-decoded.
      return undefined;
  }
}

/** An `onRequest` hook: answers 415 before the body is read when its type or coding is not ours. */
export async function checkBodyFormat(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  if (!acceptsMediaType(request.headers['content-type'])) {
    return sendProblem(request, reply, 415, 'KSTORM_INGEST_BODY', UNSUPPORTED_MEDIA_TYPE);
  }
  if (contentCoding(request.headers['content-encoding']) === undefined) {
    return sendProblem(
      request,
      reply,
      415,
      'KSTORM_INGEST_BODY',
      'Send the body uncompressed, or with Content-Encoding: gzip or deflate.',
    );
  }
  return undefined;
}

/** Builds the `preParsing` hook: identity bodies pass through, gzip and deflate are inflated. */
export function decompressBody(limit: number) {
  return async (request: FastifyRequest, _reply: FastifyReply, payload: Readable): Promise<Readable> => {
    const coding = contentCoding(request.headers['content-encoding']);
    return coding === undefined || coding === 'identity' ? payload : inflating(payload, coding, limit);
  };
}

/**
 * Inflates `payload` through a counter that fails with 413 as soon as the output exceeds `limit` and
 * then stops reading, so a bomb costs at most `limit` bytes of output, never its full expansion.
 * Corrupt or cut-off data fails with 400.
 */
export function inflating(payload: Readable, coding: 'gzip' | 'deflate', limit: number): Readable {
  const inflater = coding === 'gzip' ? createGunzip() : createInflate();
  const output = new OutputLimit(limit, () => {
    // Stop reading too: the counting listener below would otherwise keep the payload flowing. The
    // reply closes the connection, so the unread rest is never wanted.
    payload.unpipe(inflater);
    payload.pause();
    inflater.destroy();
  });
  let encoded = 0;
  payload.on('data', (chunk: Buffer) => {
    encoded += chunk.length;
    output.receivedEncodedLength = encoded;
  });
  inflater.on('error', () => {
    payload.unpipe(inflater);
    const message = `The body is not valid ${coding} data (corrupt or cut off).`;
    output.destroy(new IngestHttpError(400, 'KSTORM_INGEST_BODY', message));
  });
  // pipe() does not forward errors: without this a connection reset mid-body would leave the parser
  // waiting on a stream that never ends.
  payload.on('error', () => {
    inflater.destroy();
    output.destroy(new IngestHttpError(400, 'KSTORM_INGEST_BODY', 'The body was cut off.'));
  });
  payload.pipe(inflater).pipe(output);
  return output;
}

/** Passes bytes through until more than `limit` have gone by, then fails with 413 and calls `stop`. */
class OutputLimit extends Transform {
  /** Bytes that came over the wire: Fastify checks this (not the output) against Content-Length. */
  receivedEncodedLength = 0;
  readonly #limit: number;
  readonly #stop: () => void;
  #seen = 0;

  constructor(limit: number, stop: () => void) {
    super();
    this.#limit = limit;
    this.#stop = stop;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#seen += chunk.length;
    if (this.#seen > this.#limit) {
      this.#stop();
      callback(new IngestHttpError(413, 'KSTORM_INGEST_BODY', tooLargeMessage(this.#limit)));
      return;
    }
    callback(null, chunk);
  }
}
