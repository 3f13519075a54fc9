// Bearer authentication over real HTTP, and the options checks that refuse an open server by accident.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKstormError } from '../../util/index.js';
import { BearerAuth } from './auth.js';
import { CollectingSink, startTestServer, type TestServer, TOKEN } from './harness.test-support.js';
import { falcoAlert } from './samples.test-support.js';
import { createIngestServer } from './server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ tokens: [TOKEN, 'second-token-abcdefghijklmnop'] });
});
afterAll(async () => {
  await server.close();
});

describe('bearer authentication', () => {
  it('admits either configured token, with the scheme in any case', async () => {
    expect((await server.post('/ingest/falco', falcoAlert())).status).toBe(200);
    expect(
      (await server.post('/ingest/falco', falcoAlert(), { token: 'second-token-abcdefghijklmnop' })).status,
    ).toBe(200);
    const lower = await server.post('/ingest/falco', falcoAlert(), {
      token: null,
      headers: { authorization: `bearer ${TOKEN}` },
    });
    expect(lower.status).toBe(200);
  });

  it('answers 401 with a Bearer challenge to a missing token, and stores nothing', async () => {
    const before = server.sink.batches.length;
    const answer = await server.post('/ingest/falco', falcoAlert(), { token: null });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="kstorm"');
    expect(answer.body).toEqual({
      code: 'KSTORM_INGEST_AUTH',
      message: 'This endpoint needs an Authorization: Bearer <token> header.',
    });
    expect(server.sink.batches.length).toBe(before);
  });

  it('answers 401 invalid_token to wrong tokens, other schemes and malformed headers, without echoing them', async () => {
    const attempts = [
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN} ${TOKEN}`,
      `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`,
      `Bearer`,
      `Bearer <script>alert(1)</script>`,
      `Bearer ${'z'.repeat(8000)}`,
    ];
    for (const authorization of attempts) {
      const answer = await server.post('/ingest/falco', falcoAlert(), {
        token: null,
        headers: { authorization },
      });
      expect(answer.status, authorization.slice(0, 40)).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="kstorm", error="invalid_token"');
      expect(JSON.stringify(answer.body)).not.toContain('script');
    }
    expect((await server.get('/healthz')).status).toBe(200);
  });

  it('refuses before reading the body: a 401 even for a body over any limit', async () => {
    const answer = await server.post('/ingest/falco', Buffer.alloc(200_000, 0x7b), {
      token: 'wrong-token-but-long-enough',
    });
    expect(answer.status).toBe(401);
  });
});

describe('authentication options', () => {
  const sink = new CollectingSink();

  function refusal(build: () => unknown): string {
    try {
      build();
    } catch (error) {
      if (isKstormError(error)) return `${error.code}: ${error.message}`;
      throw error;
    }
    return 'built';
  }

  it('refuses to build without tokens unless allowAnonymous is explicit', () => {
    expect(refusal(() => createIngestServer({ tokens: [], sink }))).toMatch(
      /^KSTORM_INGEST_AUTH: .*allowAnonymous/,
    );
    expect(refusal(() => createIngestServer({ tokens: [TOKEN], allowAnonymous: true, sink }))).toMatch(
      /^KSTORM_INGEST_AUTH: .*choose one/,
    );
    expect(refusal(() => createIngestServer({ tokens: ['short'], sink }))).toMatch(/too short/);
    expect(refusal(() => createIngestServer({ tokens: ['has space in it, sixteen+'], sink }))).toMatch(
      /not a token/,
    );
    expect(refusal(() => createIngestServer({ tokens: [TOKEN], sink, bodyLimit: 0 }))).toMatch(
      /^KSTORM_CONFIG/,
    );
  });

  it('serves unauthenticated senders only with allowAnonymous: true', async () => {
    const open = await startTestServer({ tokens: [], allowAnonymous: true });
    try {
      expect((await open.post('/ingest/falco', falcoAlert(), { token: null })).status).toBe(200);
      expect((await open.get('/ingest/stats', { token: null })).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('compares tokens by digest, so length and prefix do not matter', () => {
    const auth = new BearerAuth([TOKEN]);
    expect(auth.check(`Bearer ${TOKEN}`)).toBe('ok');
    expect(auth.check(undefined)).toBe('missing');
    expect(auth.check('')).toBe('missing');
    expect(auth.check(`Bearer ${TOKEN.slice(0, 5)}`)).toBe('invalid');
    expect(auth.check(`Token ${TOKEN}`)).toBe('invalid');
    expect(new BearerAuth([]).check(undefined)).toBe('ok');
  });
});
