/**
 * The storm center's read API (JSON): threat model, sessions, incidents, sightings, paths, storm level,
 * and observations with filters and keyset pagination. Times are RFC 3339 with nanoseconds.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StormService } from '../app/index.js';
import { type EvidenceScope, isWindowName, windowScope } from '../quantify/index.js';
import { bundle, Timestamp } from '../stix/index.js';
import { MAX_PAGE } from '../store/index.js';
import { treeGraph } from '../threatmodel/index.js';
import { registerFeed } from './feed.js';

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

/** `?limit=`: a whole number from 1 to `max`, else `fallback` (it is user input). */
function limitOf(request: FastifyRequest, fallback: number, max: number): number {
  const n = Math.trunc(Number((request.query as Record<string, unknown>)['limit'] ?? fallback));
  return Number.isFinite(n) ? Math.min(max, Math.max(1, n)) : fallback;
}

/** The scope of a figures query, or what is wrong with it. */
function scopeOf(q: Record<string, unknown>, now: bigint): EvidenceScope | string {
  const cluster = typeof q['cluster'] === 'string' && q['cluster'] !== '' ? { cluster: q['cluster'] } : {};
  const window = q['window'];
  if (window !== undefined && window !== 'all') {
    if (!isWindowName(window)) return `window must be one of hour, day, week, all.`;
    return { ...windowScope(window, now), ...cluster };
  }
  const since = time(q['since']);
  const until = time(q['until']);
  if (q['since'] !== undefined && since === undefined) return 'since must be an RFC 3339 timestamp.';
  if (q['until'] !== undefined && until === undefined) return 'until must be an RFC 3339 timestamp.';
  return { ...(since === undefined ? {} : { since }), ...(until === undefined ? {} : { until }), ...cluster };
}

export function registerApi(app: FastifyInstance, service: StormService, auth: Hook): void {
  const send = (reply: FastifyReply, body: unknown) => reply.type('application/json').send(json(body));
  const get = (path: string, handler: (request: FastifyRequest) => Promise<unknown> | unknown) =>
    app.get(path, { onRequest: auth }, async (request, reply) => send(reply, await handler(request)));

  const getOne = (path: string, find: (id: string) => Promise<unknown> | unknown) =>
    app.get(path, { onRequest: auth }, async (request, reply) => {
      const found = await find(String((request.params as Record<string, unknown>)['id']));
      if (found === undefined)
        return reply.code(404).send({ code: 'KSTORM_API_NOT_FOUND', message: 'No such item.' });
      return send(reply, found);
    });
  const getScoped = (path: string, answer: (scope: EvidenceScope) => unknown) =>
    app.get(path, { onRequest: auth }, async (request, reply) => {
      const scope = scopeOf(request.query as Record<string, unknown>, service.now());
      if (typeof scope === 'string')
        return reply.code(400).send({ code: 'KSTORM_API_QUERY', message: scope });
      return send(reply, answer(scope));
    });

  app.get('/readyz', async () => ({ status: 'ready' }));
  registerFeed(app, service, auth, json);
  get('/api/v1/model', () => ({
    name: service.model.metadata.name,
    title: service.model.metadata.title,
    graph: treeGraph(service.model),
  }));
  get('/api/v1/storm', () => service.storm());
  get('/api/v1/overview', () => service.overview());
  get('/api/v1/layout', () => service.layouts());
  get('/api/v1/coverage', () => service.coverage());
  get('/api/v1/dead-letters', async (request) => {
    const rows = await service.store.deadLetters(limitOf(request, 100, MAX_PAGE));
    return {
      total: await service.store.deadLetterCount(),
      deadLetters: rows.map((r) => ({ id: r.id, time: r.time, ...(JSON.parse(r.letter) as object) })),
    };
  });
  // Branches with live statistics over a scope: ?window=hour|day|week (ending at the center's clock)
  // or ?since=&until= (RFC 3339), and ?cluster=.
  getScoped('/api/v1/branches', (scope) => ({ now: service.now(), scope, branches: service.figures(scope) }));
  getScoped('/api/v1/paths', (scope) =>
    service
      .figures(scope)
      .filter((b) => b.entered > 0)
      .map(({ edges: _e, ...rest }) => rest),
  );
  get('/api/v1/sessions', (request) => service.sessions(limitOf(request, 500, 5000)));
  getOne('/api/v1/sessions/:id', (id) => service.session(id));
  get('/api/v1/incidents', (request) => service.store.incidents(limitOf(request, 1000, 10_000)));
  getOne('/api/v1/incidents/:id', async (id) => {
    const incident = await service.store.incident(id);
    return incident && { incident, session: service.session(incident.session) ?? null };
  });
  getOne('/api/v1/incidents/:id/stix', async (id) => {
    const objects = await service.incidentObjects(id);
    return objects && bundle(objects);
  });
  get('/api/v1/sightings', async (request) =>
    (request.query as Record<string, unknown>)['format'] === 'stix'
      ? bundle(service.stixSightings())
      : service.store.sightings(),
  );
  getOne('/api/v1/observations/:id', async (id) => {
    const row = await service.store.observation(id);
    return row && { ...row, objects: JSON.parse(row.objects) as unknown };
  });
  get('/api/v1/observations', async (request) => {
    const q = request.query as Record<string, unknown>;
    const page = await service.store.observations({
      ...(typeof q['source'] === 'string' ? { source: q['source'] } : {}),
      ...(time(q['since']) === undefined ? {} : { since: time(q['since']) as bigint }),
      ...(time(q['until']) === undefined ? {} : { until: time(q['until']) as bigint }),
      ...(typeof q['after'] === 'string' ? { after: q['after'] } : {}),
      limit: limitOf(request, 100, MAX_PAGE),
    });
    return {
      observations: page.rows.map((r) => ({ ...r, objects: JSON.parse(r.objects) as unknown })),
      ...(page.next === undefined ? {} : { next: page.next }),
      total: service.observationCount(),
    };
  });
}
