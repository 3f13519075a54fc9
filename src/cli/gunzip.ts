/**
 * Gzip-compressed input read as what it holds: rotated audit logs and archived exports are usually
 * `.gz`. Recognised by the gzip magic bytes, whatever the file is called; anything else passes through.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export async function* maybeGunzip(
  chunks: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<Uint8Array | string> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = first.value;
  const rest = {
    async *[Symbol.asyncIterator]() {
      yield head;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    },
  };
  const gzipped = typeof head !== 'string' && head.byteLength >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  if (!gzipped) {
    yield* rest;
    return;
  }
  yield* Readable.from(rest).pipe(createGunzip()) as AsyncIterable<Uint8Array>;
}
