// Body limits, compression and content types over real HTTP: limits count decompressed bytes (so a
// gzip bomb stops at the limit), bad encodings and types are refused, and the server keeps serving.
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deadLettersOf, startTestServer, type TestServer, TOKEN } from './harness.test-support.js';
import { auditEventList, falcoAlert } from './samples.test-support.js';

const LIMIT = 64 * 1024;
let small: TestServer;
let standard: TestServer;
beforeAll(async () => {
  small = await startTestServer({ bodyLimit: LIMIT, recordLimit: 8192 });
  standard = await startTestServer();
});
afterAll(async () => {
  await Promise.all([small.close(), standard.close()]);
});
afterEach(async () => {
  for (const server of [small, standard]) {
    expect((await server.get('/healthz')).status).toBe(200);
    expect((await server.post('/ingest/falco', falcoAlert())).body).toMatchObject({ accepted: 1 });
  }
});

describe('compressed bodies', () => {
  it('inflates gzip, x-gzip and deflate bodies', async () => {
    for (const [coding, body] of [
      ['gzip', gzipSync(auditEventList(5))],
      ['x-gzip', gzipSync(auditEventList(5))],
      ['deflate', deflateSync(auditEventList(5))],
    ] as const) {
      const answer = await small.post('/ingest/k8s-audit', body, {
        headers: { 'content-type': 'application/json', 'content-encoding': coding },
      });
      expect(answer.status, coding).toBe(200);
      expect(answer.body).toMatchObject({ accepted: 5, rejected: 0 });
    }
  });

  it('stops a gzip bomb at the decompressed limit with 413', async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(LIMIT / 4);
    const before = small.sink.batches.length;
    const answer = await small.post('/ingest/falco', bomb, { headers: { 'content-encoding': 'gzip' } });
    expect(answer.status).toBe(413);
    expect(answer.body['code']).toBe('KSTORM_INGEST_BODY');
    expect(small.sink.batches.length).toBe(before);

    // Against the 16 MiB default: 64 MiB of output from a 64 KB body.
    const large = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    const started = performance.now();
    const refused = await standard.post('/ingest/falco', large, { headers: { 'content-encoding': 'gzip' } });
    expect(refused.status).toBe(413);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('answers 400 to corrupt or cut-off gzip, and 415 to codings it cannot decode', async () => {
    const whole = gzipSync(falcoAlert());
    const corrupt = Buffer.from(whole);
    corrupt.fill(0x41, 10, 30);
    for (const body of [corrupt, whole.subarray(0, whole.length - 12), Buffer.from('not gzip at all')]) {
      const answer = await small.post('/ingest/falco', body, { headers: { 'content-encoding': 'gzip' } });
      expect(answer.status).toBe(400);
      expect(answer.body['code']).toBe('KSTORM_INGEST_BODY');
    }
    for (const coding of ['br', 'gzip, gzip', 'zstd']) {
      const answer = await small.post('/ingest/falco', whole, { headers: { 'content-encoding': coding } });
      expect(answer.status, coding).toBe(415);
    }
  });
});

describe('size limits', () => {
  it('answers 413 to a plain body over the limit, with or without Content-Length', async () => {
    const body = `${falcoAlert()}\n`.repeat(Math.ceil((2 * LIMIT) / falcoAlert().length));
    const sized = await small.post('/ingest/falco', body);
    expect(sized.status).toBe(413);
    expect(sized.body).toMatchObject({ code: 'KSTORM_INGEST_BODY' });

    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent < 2 * LIMIT; sent += 8192)
          controller.enqueue(encoder.encode(' '.repeat(8192)));
        controller.close();
      },
    });
    const response = await fetch(`${small.base}/ingest/falco`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    await response.body?.cancel();
  });

  it('turns a line over the record limit into a dead letter and keeps the other lines', async () => {
    const long = falcoAlert(`/tmp/${'a'.repeat(3000)}`);
    const answer = await small.post('/ingest/falco', `${falcoAlert()}\n${long}\n${falcoAlert()}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: 2, rejected: 1 });
    expect(deadLettersOf(answer)[0]).toMatchObject({ code: 'KSTORM_INPUT_TOO_LARGE' });
    expect(deadLettersOf(answer)[0]?.message).not.toContain('aaaa');
  });

  it('reads a 10 MB single line under the 16 MiB default, and refuses it over a smaller limit', async () => {
    // One falco alert whose output text alone is 10 MB: a single line of 10 MB.
    const huge = JSON.stringify({ ...JSON.parse(falcoAlert()), output: 'b'.repeat(10 * 1024 * 1024) });
    const accepted = await standard.post('/ingest/falco', huge);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ accepted: 1, rejected: 0 });
    const refused = await small.post('/ingest/falco', huge);
    expect(refused.status).toBe(413);
  });
});

describe('content types', () => {
  it('reads a body without Content-Type as JSON, and the JSON family with parameters', async () => {
    const bare = await small.post('/ingest/falco', Buffer.from(falcoAlert()));
    expect(bare.status).toBe(200);
    expect(bare.body).toMatchObject({ accepted: 1 });
    for (const type of [
      'application/json; charset=utf-8',
      'Application/X-NDJSON',
      'text/plain;charset=UTF-8',
    ]) {
      const answer = await small.post('/ingest/falco', falcoAlert(), { headers: { 'content-type': type } });
      expect(answer.status, type).toBe(200);
    }
  });

  it('answers 415 to other media types before reading the body', async () => {
    for (const type of [
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
    ]) {
      const answer = await small.post('/ingest/falco', falcoAlert(), { headers: { 'content-type': type } });
      expect(answer.status, type).toBe(415);
      expect(answer.body['code']).toBe('KSTORM_INGEST_BODY');
    }
  });

  it('answers 400 to an empty body, and 200 with nothing stored to blank lines', async () => {
    const empty = await small.post('/ingest/falco', '', { headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(400);
    const before = small.sink.batches.length;
    const blank = await small.post('/ingest/falco', '\n  \r\n\t\n');
    expect(blank).toMatchObject({ status: 200, body: { accepted: 0, rejected: 0 } });
    expect(small.sink.batches.length).toBe(before);
  });
});
