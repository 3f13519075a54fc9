// The inflating stream on its own: a bomb is stopped after reading a sliver of it, not inflated whole.
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsMediaType, contentCoding, inflating } from './body.js';
import { IngestHttpError } from './replies.js';

/** Feeds `bytes` in 16 KiB chunks and counts how many were read. */
function source(bytes: Buffer): { stream: Readable; read: () => number } {
  let offset = 0;
  const stream = new Readable({
    read() {
      if (offset >= bytes.length) {
        this.push(null);
        return;
      }
      const chunk = bytes.subarray(offset, offset + 16 * 1024);
      offset += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, read: () => offset };
}

async function drain(stream: Readable): Promise<{ bytes: number; error?: unknown }> {
  let bytes = 0;
  try {
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
    return { bytes };
  } catch (error) {
    return { bytes, error };
  }
}

describe('inflating', () => {
  it('passes a body under the limit through whole', async () => {
    const text = 'x'.repeat(100_000);
    const result = await drain(inflating(source(gzipSync(text)).stream, 'gzip', 100_000));
    expect(result).toEqual({ bytes: 100_000 });
  });

  it('stops a bomb at the limit, having read only the start of it', async () => {
    const bomb = gzipSync(Buffer.alloc(256 * 1024 * 1024));
    const input = source(bomb);
    const result = await drain(inflating(input.stream, 'gzip', 1024 * 1024));
    expect(result.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(result.error).toBeInstanceOf(IngestHttpError);
    expect((result.error as IngestHttpError).statusCode).toBe(413);
    // 1 MiB of output needs about 1 KiB of this 256 KiB input; the streams' buffers read a little ahead.
    expect(input.read()).toBeLessThan(bomb.length / 4);
  });

  it('fails with 400 on corrupt input', async () => {
    const result = await drain(inflating(source(Buffer.from('plainly not deflate')).stream, 'deflate', 1000));
    expect((result.error as IngestHttpError).statusCode).toBe(400);
  });
});

describe('accepted formats', () => {
  it('reads the JSON family and no Content-Type; gzip, deflate and identity codings', () => {
    expect(acceptsMediaType(undefined)).toBe(true);
    expect(acceptsMediaType('application/json; charset=utf-8')).toBe(true);
    expect(acceptsMediaType(' TEXT/PLAIN ')).toBe(true);
    expect(acceptsMediaType('application/jsonx')).toBe(false);
    expect(acceptsMediaType('')).toBe(false);
    expect(contentCoding(undefined)).toBe('identity');
    expect(contentCoding('GZIP')).toBe('gzip');
    expect(contentCoding('x-gzip')).toBe('gzip');
    expect(contentCoding('deflate')).toBe('deflate');
    expect(contentCoding('gzip, identity')).toBeUndefined();
    expect(contentCoding('br')).toBeUndefined();
  });
});
