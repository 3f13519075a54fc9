/**
 * The storm center's read API (JSON): threat model, sessions, incidents, sightings, paths, storm level,
 * and observations with filters and keyset pagination. Times are RFC 3339 with nanoseconds.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StormService } from '../app/index.js';
import { Timestamp } from '../stix/index.js';
import { MAX_PAGE } from '../store/index.js';
import { treeGraph } from '../threatmodel/index.js';

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

/** bigint nanoseconds become RFC 3339 text; nothing else in the API is a bigint. */
function json(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    typeof v === 'bigint' ? Timestamp.fromEpochNanos(v).toString() : v,
  );
}

function time(text: unknown): bigint | undefined {
  if (typeof text !== 'string') return undefined;
  return Timestamp.tryParse(text)?.epochNanos;
}

export function registerApi(app: FastifyInstance, service: StormService, auth: Hook): void {
  const send = (reply: FastifyReply, body: unknown) => reply.type('application/json').send(json(body));
  const get = (path: string, handler: (request: FastifyRequest) => Promise<unknown> | unknown) =>
    app.get(path, { onRequest: auth }, async (request, reply) => send(reply, await handler(request)));

  app.get('/readyz', async () => ({ status: 'ready' }));
  const feeds = new Set<ServerResponse>();
  // Open event streams would keep the server from closing: end them first.
  app.addHook('preClose', async () => {
    for (const feed of feeds) feed.end();
  });
  // The live feed (server-sent events): every correlation event and a tick per stored batch, as JSON.
  app.get('/api/v1/events', { onRequest: auth }, (request, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    reply.raw.write(`event: storm\ndata: ${json(service.storm())}\n\n`);
    const listener = (event: { type: string }) => {
      reply.raw.write(`event: ${event.type}\ndata: ${json(event)}\n\n`);
    };
    service.feed.on('event', listener);
    feeds.add(reply.raw);
    request.raw.on('close', () => {
      service.feed.off('event', listener);
      feeds.delete(reply.raw);
    });
  });
  get('/api/v1/model', () => ({
    name: service.model.metadata.name,
    title: service.model.metadata.title,
    graph: treeGraph(service.model),
  }));
  get('/api/v1/storm', () => service.storm());
  get('/api/v1/paths', () => service.summary().paths);
  get('/api/v1/sessions', () => service.store.sessions());
  get('/api/v1/incidents', () => service.store.incidents());
  get('/api/v1/sightings', () => service.store.sightings());
  get('/api/v1/observations', async (request) => {
    const q = request.query as Record<string, unknown>;
    const limit = Number(q['limit'] ?? 100);
    const page = await service.store.observations({
      ...(typeof q['source'] === 'string' ? { source: q['source'] } : {}),
      ...(time(q['since']) === undefined ? {} : { since: time(q['since']) as bigint }),
      ...(time(q['until']) === undefined ? {} : { until: time(q['until']) as bigint }),
      ...(typeof q['after'] === 'string' ? { after: q['after'] } : {}),
      limit: Number.isFinite(limit) ? Math.min(MAX_PAGE, Math.max(1, limit)) : 100,
    });
    return {
      observations: page.rows.map((r) => ({ ...r, objects: JSON.parse(r.objects) as unknown })),
      ...(page.next === undefined ? {} : { next: page.next }),
      total: await service.store.observationCount(),
    };
  });
}
