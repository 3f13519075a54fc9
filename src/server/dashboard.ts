/**
 * The dashboard's static files (built by `npm run build` into dist/web) at `/`, and the headers every
 * response carries: a strict Content-Security-Policy (scripts, styles and connections only from this
 * origin; no inline script, no eval, no frames, no plugins; Trusted Types with no policy, so no string can
 * become HTML), no MIME sniffing, no referrer.
 */
import { dirname } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { findBundled } from '../app/index.js';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  // No script may create HTML from strings at all (React renders through DOM calls only).
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

/** dist/web beside the installed package (or the repository), if it was built. */
export function findDashboard(): string | undefined {
  const index = findBundled('dist/web/index.html');
  return index === undefined ? undefined : dirname(index);
}

export async function registerDashboard(app: FastifyInstance, root: string | undefined): Promise<void> {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    return payload;
  });
  if (root === undefined) {
    app.get('/', async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('The kstorm dashboard is not built: run `npm run build`. The API is under /api/v1/.\n'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: ['index.html'],
    // Hashed asset names can be cached for good; index.html must be revalidated to pick up a new build.
    setHeaders: (res, path) => {
      res.header(
        'cache-control',
        path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
      );
    },
  });
}
