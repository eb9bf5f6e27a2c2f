/**
 * Named locks across every node: only one holder at a time, with a lease that expires if the holder
 * dies. Redis (`SET NX PX` with a random token; release and renewal only by the token's owner) when
 * it is configured and up; otherwise a row in the database (`platform_locks`), which every node
 * shares too. A lock guards work that should not run twice at once; it never replaces the
 * database's own constraints, which stay the last word.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/index.js';
import type { RedisConnection } from './redis.js';

export interface Lease {
  readonly name: string;
  /** Whether the lease was still ours at the last renewal. */
  readonly held: boolean;
  release(): Promise<void>;
}

export interface Locks {
  /** Takes the lock for `ttlMs` (renewed while held), or answers null when someone else holds it. */
  tryAcquire(name: string, ttlMs?: number): Promise<Lease | null>;
  /** Runs `fn` holding the lock, waiting up to `waitMs` for it; throws LockTimeout when it never came. */
  withLock<T>(name: string, fn: () => Promise<T>, opts?: { ttlMs?: number; waitMs?: number }): Promise<T>;
}

export class LockTimeout extends Error {
  constructor(name: string, waitMs: number) { super(`lock ${name} was not free within ${waitMs} ms`); }
}

interface Backend {
  acquire(name: string, token: string, ttlMs: number): Promise<boolean>;
  renew(name: string, token: string, ttlMs: number): Promise<boolean>;
  release(name: string, token: string): Promise<void>;
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

function redisBackend(redis: RedisConnection): Backend {
  const k = (name: string) => redis.key(`lock:${name}`);
  return {
    acquire: async (name, token, ttlMs) => (await redis.client.set(k(name), token, 'PX', ttlMs, 'NX')) === 'OK',
    renew: async (name, token, ttlMs) => Number(await redis.client.eval(RENEW, 1, k(name), token, ttlMs)) === 1,
    release: async (name, token) => { await redis.client.eval(RELEASE, 1, k(name), token); },
  };
}

function dbBackend(db: Db): Backend {
  const now = () => new Date().toISOString();
  const until = (ttlMs: number) => new Date(Date.now() + ttlMs).toISOString();
  return {
    async acquire(name, token, ttlMs) {
      await db.deleteFrom('platform_locks').where('name', '=', name).where('expires_at', '<', now()).execute();
      const res = await db.insertInto('platform_locks').values({ name, token, expires_at: until(ttlMs) })
        .onConflict((oc) => oc.column('name').doNothing()).executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async renew(name, token, ttlMs) {
      const res = await db.updateTable('platform_locks').set({ expires_at: until(ttlMs) }).where('name', '=', name).where('token', '=', token).executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    async release(name, token) {
      await db.deleteFrom('platform_locks').where('name', '=', name).where('token', '=', token).execute();
    },
  };
}

/**
 * Locks on Redis when given and up, else on the database. A lease keeps the backend it was taken
 * on; renewing it every third of its TTL keeps long work covered.
 */
export function createLocks(db: Db, redis?: RedisConnection): Locks {
  const database = dbBackend(db);
  const shared = redis && redisBackend(redis);
  const pick = (): Backend => {
    if (shared && redis!.up) return shared;
    if (redis) redis.degraded('locks', new Error('not connected'));
    return database;
  };

  async function tryAcquire(name: string, ttlMs = 30_000): Promise<Lease | null> {
    const token = randomBytes(12).toString('hex');
    let backend = pick();
    let ok: boolean;
    try { ok = await backend.acquire(name, token, ttlMs); } catch (e) {
      if (backend === database) throw e;
      redis!.degraded('locks', e);
      backend = database;
      ok = await backend.acquire(name, token, ttlMs);
    }
    if (!ok) return null;
    let held = true;
    const timer = setInterval(() => {
      backend.renew(name, token, ttlMs).then((still) => { held = still; }, () => { /* the lease runs out by itself */ });
    }, Math.max(100, Math.floor(ttlMs / 3)));
    timer.unref();
    return {
      name,
      get held() { return held; },
      async release() {
        clearInterval(timer);
        held = false;
        try { await backend.release(name, token); } catch { /* expires with its TTL */ }
      },
    };
  }

  return {
    tryAcquire,
    async withLock(name, fn, opts = {}) {
      const waitMs = opts.waitMs ?? 30_000;
      const t0 = Date.now();
      let lease: Lease | null;
      for (let delay = 25; !(lease = await tryAcquire(name, opts.ttlMs)); delay = Math.min(delay * 2, 500)) {
        if (Date.now() - t0 >= waitMs) throw new LockTimeout(name, waitMs);
        await new Promise((r) => setTimeout(r, delay));
      }
      try { return await fn(); } finally { await lease.release(); }
    },
  };
}
