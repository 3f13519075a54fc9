/**
 * Prometheus metrics at /metrics (prom-client, a registry per server so several can run in one
 * process): what was stored, what the correlation holds, the storm level, and Node's own figures.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { FeedEvent, StormService } from '../app/index.js';

const LEVELS = { green: 0, yellow: 1, orange: 2, red: 3 } as const;

/** `auth` guards the endpoint like the API (scrapers send the same bearer token). */
export function registerMetrics(
  app: FastifyInstance,
  service: StormService,
  auth: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>,
): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kstorm_process_' });
  const stored = new Counter({
    name: 'kstorm_observations_stored_total',
    help: 'Observations committed to the store (re-deliveries not counted).',
    registers: [registry],
  });
  const incidents = new Counter({
    name: 'kstorm_incidents_opened_total',
    help: 'Incidents opened by the correlation engine.',
    registers: [registry],
  });
  new Gauge({
    name: 'kstorm_actor_sessions',
    help: 'Actor sessions the correlation engine holds.',
    registers: [registry],
    collect() {
      this.set(service.sessionCount());
    },
  });
  new Gauge({
    name: 'kstorm_storm_level',
    help: 'Storm level: 0 green, 1 yellow, 2 orange, 3 red.',
    registers: [registry],
    collect() {
      this.set(LEVELS[service.storm().level]);
    },
  });
  service.feed.on('event', (event: FeedEvent) => {
    if (event.type === 'observations') stored.inc(event.added);
    else if (event.type === 'incident-opened') incidents.inc();
  });
  app.get('/metrics', { onRequest: auth }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
}
