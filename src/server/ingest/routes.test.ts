// Each ingest route over real HTTP with small realistic bodies: what the sender is told, what the sink
// received, and that the server's counters follow the sink.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadLettersOf, startTestServer, type TestServer } from './harness.test-support.js';
import {
  auditEvent,
  auditEventList,
  falcoAlert,
  kubescapeBatch,
  kubescapeStdoutAlert,
  tetragonExec,
} from './samples.test-support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ cluster: 'honeycluster' });
});
afterAll(async () => {
  await server.close();
});

function sourcesOfLastBatch(): string[] {
  const batch = server.sink.batches.at(-1) ?? [];
  return batch.map((item) => (item.ok ? item.observation.event.source : `dead:${item.deadLetter.code}`));
}

describe('ingest routes', () => {
  it('reads an audit EventList from the kube-apiserver webhook, one observation per event', async () => {
    const answer = await server.post('/ingest/k8s-audit', auditEventList(3), {
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: 3, rejected: 0, deadLetters: [] });
    expect(typeof answer.body['requestId']).toBe('string');
    expect(sourcesOfLastBatch()).toEqual(['k8s-audit', 'k8s-audit', 'k8s-audit']);
    const first = server.sink.batches.at(-1)?.[0];
    expect(first?.ok && first.observation.event.request?.verb).toBe('get');
    expect(first?.ok && first.observation.objects[0]?.type).toBe('observed-data');
  });

  it('reads a Falco http_output alert, and Falco JSON lines', async () => {
    const single = await server.post('/ingest/falco', falcoAlert(), {
      headers: { 'content-type': 'application/json' },
    });
    expect(single.status).toBe(200);
    expect(single.body).toMatchObject({ accepted: 1, rejected: 0 });
    const first = server.sink.batches.at(-1)?.[0];
    expect(first?.ok && first.observation.event.detection?.ruleName).toBe('Read sensitive file untrusted');

    const lines = `${falcoAlert('/etc/shadow')}\n${falcoAlert('/etc/sudoers')}\n`;
    const batch = await server.post('/ingest/falco', lines, {
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(batch.body).toMatchObject({ accepted: 2, rejected: 0 });
    expect(sourcesOfLastBatch()).toEqual(['falco', 'falco']);
  });

  it('reads a Kubescape HTTP exporter batch, and a single stdout alert', async () => {
    const batch = await server.post('/ingest/kubescape', kubescapeBatch(2));
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ accepted: 2, rejected: 0 });
    expect(sourcesOfLastBatch()).toEqual(['kubescape', 'kubescape']);

    const single = await server.post('/ingest/kubescape', kubescapeStdoutAlert());
    expect(single.body).toMatchObject({ accepted: 1, rejected: 0 });
    const alert = server.sink.batches.at(-1)?.[0];
    expect(alert?.ok && alert.observation.event.detection?.ruleId).toBe('R0001');
  });

  it('reads Tetragon JSON lines, one location per line', async () => {
    const body = `${tetragonExec(51301)}\n\n${tetragonExec(51302, '/bin/id', '')}\r\n`;
    const answer = await server.post('/ingest/tetragon', body, {
      headers: { 'content-type': 'application/jsonl' },
    });
    expect(answer.body).toMatchObject({ accepted: 2, rejected: 0 });
    const items = server.sink.batches.at(-1) ?? [];
    expect(items.map((item) => item.ok && item.observation.event.process?.pid)).toEqual([51301, 51302]);
  });

  it('the generic path recognises each line, or reads them as the sensor named in ?source=', async () => {
    const mixed = [
      tetragonExec(51401),
      falcoAlert(),
      kubescapeStdoutAlert(),
      JSON.stringify(auditEvent('a-1', 'delete', 'pods', 'ssh-proxy')),
    ];
    const auto = await server.post('/ingest', mixed.join('\n'), {
      headers: { 'content-type': 'text/plain' },
    });
    expect(auto.body).toMatchObject({ accepted: 4, rejected: 0 });
    expect(sourcesOfLastBatch()).toEqual(['tetragon', 'falco', 'kubescape', 'k8s-audit']);

    const named = await server.post('/ingest?source=falco', falcoAlert());
    expect(named.body).toMatchObject({ accepted: 1 });
    // Read as the wrong sensor, a record is dead-lettered (and kept), not guessed at.
    const wrong = await server.post('/ingest?source=tetragon', falcoAlert());
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({ accepted: 0, rejected: 1 });
    expect(server.sink.batches.at(-1)?.[0]?.ok).toBe(false);
  });

  it('refuses an unknown ?source= without echoing it', async () => {
    const answer = await server.post('/ingest?source=<script>', falcoAlert());
    expect(answer.status).toBe(400);
    expect(answer.body['code']).toBe('KSTORM_EVENT_UNKNOWN_SOURCE');
    expect(JSON.stringify(answer.body)).not.toContain('<script>');
    const repeated = await server.post('/ingest?source=falco&source=falco', falcoAlert());
    expect(repeated.status).toBe(400);
  });

  it('reads a pretty-printed document as one record, and a record that is not JSON as a dead letter', async () => {
    const pretty = JSON.stringify(JSON.parse(auditEventList(2)), null, 2);
    const document = await server.post('/ingest/k8s-audit', pretty);
    expect(document.body).toMatchObject({ accepted: 2, rejected: 0 });

    const answer = await server.post('/ingest/falco', `${falcoAlert()}\n{"rule": "cut off\n${falcoAlert()}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: 2, rejected: 1 });
    const [dead] = deadLettersOf(answer);
    expect(dead?.code).toBe('KSTORM_INPUT_JSON');
    expect(dead?.location).toBe(`http:${String(answer.body['requestId'])}:2`);
  });

  it('answers /healthz without a token, and 404 for other paths', async () => {
    const health = await server.get('/healthz', { token: null });
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
    const missing = await server.post('/ingest/syslog', falcoAlert());
    expect(missing.status).toBe(404);
    expect(missing.body['code']).toBe('KSTORM_INGEST_ROUTE');
    const wrongMethod = await server.get('/ingest/falco');
    expect(wrongMethod.status).toBe(404);
  });

  it('reports counters of what the sink took on GET /ingest/stats (authenticated)', async () => {
    const refused = await server.get('/ingest/stats', { token: null });
    expect(refused.status).toBe(401);
    const answer = await server.get('/ingest/stats');
    expect(answer.status).toBe(200);
    const stats = answer.body as {
      stored: { accepted: number; rejected: number; bySource: Record<string, { accepted: number }> };
      refused: Record<string, number>;
      processed: { accepted: number };
    };
    const stored = server.sink.items;
    expect(stats.stored.accepted).toBe(stored.filter((item) => item.ok).length);
    expect(stats.stored.rejected).toBe(stored.filter((item) => !item.ok).length);
    expect(stats.stored.bySource['k8s-audit']?.accepted).toBe(6);
    expect(stats.refused['auth']).toBeGreaterThanOrEqual(1);
    expect(stats.processed.accepted).toBe(stats.stored.accepted);
  });
});
