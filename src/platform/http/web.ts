/**
 * Serves the built web apps (dist/web, from `npm run build:web`) beside the API: the storefront at
 * `/` with history routes, the admin at `/admin` and the support console at `/support` (both use
 * hash routes, so no client route ever reaches the server). Hashed assets are cached for a year;
 * every index.html is `no-cache` so a deploy is seen at once. When nothing was built the server
 * still starts and the API works; the pages answer 503 naming the build command.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Path prefixes that belong to the API (or to the server itself); the storefront never claims them. */
export const API_PREFIXES = ['/store/', '/admin/', '/support/', '/docs', '/openapi.json', '/health', '/ready', '/uploads/'];

const WEB_APPS = ['store', 'admin', 'support'] as const;
export type WebApp = (typeof WEB_APPS)[number];

/** Files the store's build copies to the web root (manifest, service worker, icons). */
const ROOT_FILES = ['manifest.webmanifest', 'sw.js', 'icon.svg', 'icon-192.png', 'icon-512.png', 'robots.txt', 'favicon.ico'];

export interface WebServing {
  /**
   * Answers the store's index.html for a GET of a page path (`/p/:handle`, `/cart`, `/account/...`)
   * that accepts HTML and is not an API path; false when it does not apply.
   */
  fallback(req: FastifyRequest, reply: FastifyReply): boolean;
}

/** Registers the web apps' routes; `dir` is dist/web. */
export async function registerWebApps(app: FastifyInstance, dir: string): Promise<WebServing> {
  await app.register(fastifyStatic, { root: dir, serve: false });
  const built = (name: WebApp) => existsSync(join(dir, name, 'index.html'));

  const sendIndex = (reply: FastifyReply, name: WebApp) => {
    if (!built(name)) {
      return reply.code(503).type('text/plain; charset=utf-8').header('cache-control', 'no-store')
        .send(`The ${name} web app is not built. Run \`npm run build:web\` (or \`npm start\`, which builds it).`);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', join(dir, name), { cacheControl: false });
  };

  const hide = { schema: { hide: true } };
  app.get('/assets/*', hide, (req, reply) => {
    const file = (req.params as { '*': string })['*'];
    // Names carry a content hash, so a cached copy can never be stale.
    return reply.sendFile(file, join(dir, 'assets'), { maxAge: 31_536_000_000, immutable: true });
  });
  for (const f of ROOT_FILES) {
    app.get(`/${f}`, hide, (_req, reply) => {
      if (!existsSync(join(dir, f))) return reply.callNotFound();
      // The service worker must be re-checked on every visit; icons and the manifest may be cached briefly.
      return reply.header('cache-control', f === 'sw.js' ? 'no-cache' : 'public, max-age=3600').sendFile(f, dir, { cacheControl: false });
    });
  }
  app.get('/', hide, (_req, reply) => sendIndex(reply, 'store'));
  for (const name of ['admin', 'support'] as const) {
    app.get(`/${name}`, hide, (_req, reply) => sendIndex(reply, name));
    app.get(`/${name}/`, hide, (_req, reply) => sendIndex(reply, name));
  }

  return {
    fallback(req, reply) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const path = req.url.split('?')[0];
      if (API_PREFIXES.some((p) => path.startsWith(p))) return false;
      // A page path, not a missing file: the client router renders its own "not found" page.
      if (/\.[a-z0-9]+$/i.test(path)) return false;
      if (!(req.headers.accept ?? '').includes('text/html')) return false;
      void sendIndex(reply, 'store');
      return true;
    },
  };
}
