/**
 * The live feed (server-sent events): the storm level on connect, then every correlation event and a
 * tick per stored batch, as JSON. One listener serialises each event once for every open stream. Open
 * streams are bounded, and a client that stops reading (its socket buffer is full) is disconnected
 * rather than buffered without end; the dashboard reconnects and refetches.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StormService } from '../app/index.js';
import { CONTENT_SECURITY_POLICY } from './dashboard.js';

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

export const MAX_FEEDS = 64;

export function registerFeed(
  app: FastifyInstance,
  service: StormService,
  auth: Hook,
  json: (v: unknown) => string,
) {
  const feeds = new Set<ServerResponse>();
  const broadcast = (event: { type: string }) => {
    const frame = `event: ${event.type}\ndata: ${json(event)}\n\n`;
    for (const feed of feeds) if (!feed.write(frame)) drop(feed);
  };
  const drop = (feed: ServerResponse) => {
    feeds.delete(feed);
    feed.end();
    if (feeds.size === 0) service.feed.off('event', broadcast);
  };
  // Open event streams would keep the server from closing: end them first.
  app.addHook('preClose', async () => {
    for (const feed of [...feeds]) drop(feed);
  });
  app.get('/api/v1/events', { onRequest: auth }, (request, reply) => {
    if (feeds.size >= MAX_FEEDS)
      return reply
        .code(503)
        .header('retry-after', '10')
        .send({
          code: 'KSTORM_API_BUSY',
          message: `This center already serves ${MAX_FEEDS} live feeds; try again later.`,
        });
    reply.hijack();
    // A hijacked reply skips Fastify's hooks: the security headers are written here.
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    });
    reply.raw.write(`event: storm\ndata: ${json(service.storm())}\n\n`);
    if (feeds.size === 0) service.feed.on('event', broadcast);
    feeds.add(reply.raw);
    request.raw.on('close', () => {
      if (feeds.has(reply.raw)) drop(reply.raw);
    });
    return reply;
  });
}
