/**
 * The context every service method takes first: who is acting, the database handle (the
 * caller's transaction when there is one), the clock, and the request id for logs and events.
 */
import type { Clock } from '../../kernel/index.js';
import type { Db } from '../db/index.js';

export type Role = 'owner' | 'admin' | 'staff' | 'support' | 'clerk';

export type Actor =
  | { kind: 'staff'; id: string; role: Role; permissions: ReadonlySet<string>; sessionId?: string }
  | { kind: 'customer'; id: string; sessionId?: string }
  | { kind: 'system'; id: string }
  | { kind: 'anonymous' };

export interface Ctx {
  db: Db;
  actor: Actor;
  clock: Clock;
  requestId?: string;
}

export const systemActor = (id = 'system'): Actor => ({ kind: 'system', id });

/** A short string naming the actor, for audit rows and event envelopes. */
export function actorRef(actor: Actor): string {
  return actor.kind === 'anonymous' ? 'anonymous' : `${actor.kind}:${actor.id}`;
}

/** The same context, bound to a transaction. */
export const withDb = (ctx: Ctx, db: Db): Ctx => (ctx.db === db ? ctx : { ...ctx, db });
