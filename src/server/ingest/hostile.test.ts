// Hostile and unlucky input over real HTTP: a failing sink, broken lines, bad UTF-8, NUL bytes,
// prototype keys, deep nesting and random bytes. Nothing crashes the server, nothing accepted is lost,
// and nothing is counted that the sink did not take.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deadLettersOf, startTestServer, type TestServer } from './harness.test-support.js';
import { auditEventList, falcoAlert, kubescapeBatch, tetragonExec } from './samples.test-support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ bodyLimit: 1024 * 1024 });
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  server.sink.failing = false;
  expect((await server.get('/healthz')).status).toBe(200);
  expect((await server.post('/ingest/falco', falcoAlert())).body).toMatchObject({ accepted: 1 });
});

async function storedCounts(): Promise<{
  accepted: number;
  rejected: number;
  refused: Record<string, number>;
}> {
  const stats = (await server.get('/ingest/stats')).body as {
    stored: { accepted: number; rejected: number };
    refused: Record<string, number>;
  };
  return { ...stats.stored, refused: stats.refused };
}

describe('a sink that fails', () => {
  it('answers 503 with Retry-After, counts nothing, and stores the retry once', async () => {
    const before = await storedCounts();
    server.sink.failing = true;
    const failed = await server.post('/ingest/k8s-audit', auditEventList(4));
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('5');
    expect(failed.body['code']).toBe('KSTORM_INGEST_UNAVAILABLE');
    expect(failed.body['message']).toBe('The events could not be stored; retry later.');
    const during = await storedCounts();
    expect(during.accepted).toBe(before.accepted);
    expect(during.refused['sinkFailed']).toBe((before.refused['sinkFailed'] ?? 0) + 1);

    server.sink.failing = false;
    const retried = await server.post('/ingest/k8s-audit', auditEventList(4));
    expect(retried.body).toMatchObject({ accepted: 4 });
    expect((await storedCounts()).accepted).toBe(before.accepted + 4);
  });

  it('replies only after the sink has the batch, and tells busy senders to retry', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = await startTestServer({
      maxInFlight: 1,
      sink: {
        write: async () => {
          await gate;
        },
      },
    });
    try {
      let answered = false;
      const first = slow.post('/ingest/falco', falcoAlert()).then((answer) => {
        answered = true;
        return answer;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(answered).toBe(false);
      const busy = await slow.post('/ingest/falco', falcoAlert());
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBe('5');
      release();
      expect((await first).status).toBe(200);
      expect((await slow.post('/ingest/falco', falcoAlert())).status).toBe(200);
    } finally {
      await slow.close();
    }
  });
});

describe('hostile bodies', () => {
  it('keeps the good lines around a broken one, invalid UTF-8 and NUL bytes', async () => {
    const parts = [
      Buffer.from(`${tetragonExec(61001)}\n`),
      Buffer.from('{"process_exec": {"process": \n'),
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d, 0x0a]),
      Buffer.from('{"rule":"x\u0000y","priority":"Error","output":"nul"}\n'),
      Buffer.from([0x00, 0x00, 0x00, 0x0a]),
      Buffer.from(`${tetragonExec(61002)}\n`),
    ];
    const answer = await server.post('/ingest/tetragon', Buffer.concat(parts));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: 2, rejected: 4 });
    const requestId = String(answer.body['requestId']);
    expect(deadLettersOf(answer).map((dead) => [dead.code, dead.location])).toEqual([
      ['KSTORM_INPUT_JSON', `http:${requestId}:2`],
      ['KSTORM_INPUT_ENCODING', `http:${requestId}:3`],
      ['KSTORM_INPUT_JSON', `http:${requestId}:4`],
      ['KSTORM_INPUT_JSON', `http:${requestId}:5`],
    ]);
    // Dead letters keep the bytes (base64 when they are not UTF-8): nothing is lost.
    const encoding = server.sink.items.find(
      (item) => !item.ok && item.deadLetter.code === 'KSTORM_INPUT_ENCODING',
    );
    expect(encoding?.ok === false && encoding.deadLetter.rawEncoding).toBe('base64');
  });

  it('treats __proto__ and constructor keys as data', async () => {
    const alert = JSON.parse(falcoAlert()) as Record<string, unknown>;
    const poisoned = `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},${falcoAlert().slice(1)}`;
    const answer = await server.post('/ingest/falco', `${poisoned}\n${JSON.stringify(alert)}`);
    expect(answer.status).toBe(200);
    expect(answer.body['accepted']).toBe(2);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const kubescape = `{"__proto__":{"kind":"RuntimeAlerts"},${kubescapeBatch(1).slice(1)}`;
    expect((await server.post('/ingest/kubescape', kubescape)).status).toBe(200);
  });

  it('survives deep nesting in every position', async () => {
    const depth = 50_000;
    const bodies = [
      '['.repeat(depth) + ']'.repeat(depth),
      `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
      falcoAlert().replace(
        '"output_fields":{',
        `"output_fields":{"deep":${'['.repeat(depth)}${']'.repeat(depth)},`,
      ),
      `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[${'['.repeat(depth)}${']'.repeat(depth)}]}`,
    ];
    for (const body of bodies) {
      const answer = await server.post('/ingest', body);
      expect(answer.status).toBe(200);
      expect((answer.body['accepted'] as number) + (answer.body['rejected'] as number)).toBeGreaterThan(0);
    }
  });

  it('logs no body or token text, even when it refuses or fails', async () => {
    const lines: string[] = [];
    const logged = await startTestServer({
      logger: { level: 'debug', stream: { write: (line: string) => lines.push(line) } },
      requestLogging: true,
    });
    try {
      const marker = 'MARKER-7f3a9c';
      await logged.post('/ingest/falco', `{"rule":"${marker}"}\n${marker}`);
      await logged.post('/ingest/falco', marker, { token: `${marker}-abcdefghijklmnop` });
      await logged.post('/ingest/falco', marker, { headers: { 'content-encoding': 'gzip' } });
      logged.sink.failing = true;
      await logged.post('/ingest/falco', `${falcoAlert()}\n${marker}`);
      expect(lines.length).toBeGreaterThan(8);
      expect(lines.join('')).not.toContain(marker);
    } finally {
      await logged.close();
    }
  });

  it('answers every random body with 200 or 400 and keeps serving (property)', async () => {
    const samples = [falcoAlert(), tetragonExec(62001), kubescapeBatch(1), auditEventList(1)];
    const mutated = fc
      .tuple(fc.constantFrom(...samples), fc.nat(), fc.string({ maxLength: 8 }))
      .map(([text, at, insert]) => {
        const cut = at % (text.length + 1);
        return text.slice(0, cut) + insert + text.slice(cut);
      });
    const body = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 2000 }),
      fc
        .array(fc.jsonValue({ maxDepth: 6 }), { minLength: 1, maxLength: 5 })
        .map((values) => values.map((value) => JSON.stringify(value)).join('\n')),
      fc.array(mutated, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n')),
    );
    const paths = fc.constantFrom(
      '/ingest',
      '/ingest/falco',
      '/ingest/k8s-audit',
      '/ingest/kubescape',
      '/ingest/tetragon',
    );
    await fc.assert(
      fc.asyncProperty(paths, body, async (path, payload) => {
        const answer = await server.post(path, payload);
        expect([200, 400]).toContain(answer.status);
        if (answer.status === 200) {
          expect(deadLettersOf(answer).length).toBeLessThanOrEqual(20);
        }
      }),
      { numRuns: 150 },
    );
  });
});
