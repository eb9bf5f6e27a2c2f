/**
 * Serialised storefront answers, keyed by the read model's version and the request URL. A hit
 * skips querying and serialising altogether; any catalogue change bumps the version, so a cached
 * answer is never staler than the model. Bounded by bytes, not entries.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';

export class ResponseCache {
  private lru: LRUCache<string, Buffer>;

  constructor(maxBytes = 4 * 1024 * 1024) {
    this.lru = new LRUCache<string, Buffer>({ maxSize: maxBytes, sizeCalculation: (b) => b.length + 100 });
  }

  /** Answers from the cache, or runs `make`, serialises with the route's response schema and keeps it. */
  async send(req: FastifyRequest, reply: FastifyReply, version: number, make: () => Promise<unknown>): Promise<FastifyReply> {
    const key = `${version} ${req.url}`;
    let body = this.lru.get(key);
    if (!body) {
      body = Buffer.from(reply.serialize(await make()) as string);
      this.lru.set(key, body);
    }
    return reply.header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
