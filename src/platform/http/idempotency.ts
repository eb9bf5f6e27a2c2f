/**
 * Idempotency-Key on every mutation: the first answer is stored and a retry with the same key and
 * body gets it again; the same key with a different body is refused. Server errors are not stored,
 * so a retry after a crash does the work.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../kernel/index.js';
import { actorRef } from '../context/index.js';
import { isUniqueViolation, type Db } from '../db/index.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest { idempotency?: { scope: string; key: string } }
}

/** The request's Idempotency-Key, checked; undefined when none was sent. */
export function idempotencyKeyOf(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new AppError('idempotency.invalid_key', 'Idempotency-Key must be 1–255 visible ASCII characters', 400, [{ field: 'header.idempotency-key', message: 'is invalid' }]);
  }
  return key;
}

export function registerIdempotency(app: FastifyInstance, db: Db): void {
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!MUTATING.has(req.method)) return;
    const key = idempotencyKeyOf(req);
    if (key === undefined || req.routeOptions.config.ownIdempotency) return;
    const scope = `${actorRef(req.ctx.actor)} ${req.method} ${req.url}`;
    const hash = createHash('sha256').update(typeof req.body === 'string' || Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body ?? null)).digest('hex');
    try {
      await db.insertInto('idempotency_keys').values({ scope, key, request_hash: hash, status: 'processing', created_at: new Date().toISOString() }).execute();
      req.idempotency = { scope, key };
      return;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const row = await db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
    if (!row) throw new AppError('idempotency.in_progress', 'a request with this Idempotency-Key is in progress; retry shortly', 409);
    if (row.request_hash !== hash) {
      throw new AppError('idempotency.key_reused', 'this Idempotency-Key was used with a different request body', 422, [{ field: 'header.idempotency-key', message: 'was used for a different request' }]);
    }
    if (row.status === 'processing') {
      // A claim older than a minute belongs to a process that died mid-request: let this retry do the work.
      const stale = Date.now() - new Date(row.created_at).getTime() > 60_000;
      if (stale) {
        const res = await db.updateTable('idempotency_keys').set({ created_at: new Date().toISOString() })
          .where('scope', '=', scope).where('key', '=', key).where('created_at', '=', row.created_at).executeTakeFirst();
        if (Number(res.numUpdatedRows) === 1) { req.idempotency = { scope, key }; return; }
      }
      throw new AppError('idempotency.in_progress', 'a request with this Idempotency-Key is in progress; retry shortly', 409);
    }
    await reply.code(row.response_status).header('content-type', 'application/json; charset=utf-8').header('idempotent-replayed', 'true').send(row.response_body);
    return reply;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const idem = req.idempotency;
    if (!idem) return payload;
    req.idempotency = undefined;
    if (reply.statusCode >= 500) {
      await db.deleteFrom('idempotency_keys').where('scope', '=', idem.scope).where('key', '=', idem.key).execute();
    } else {
      await db.updateTable('idempotency_keys').set({ status: 'done', response_status: reply.statusCode, response_body: typeof payload === 'string' ? payload : JSON.stringify(payload ?? null) })
        .where('scope', '=', idem.scope).where('key', '=', idem.key).execute();
    }
    return payload;
  });
}
