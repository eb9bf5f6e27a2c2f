/**
 * The transactional outbox: an event is a row written by the same transaction as the change it
 * announces, so an event exists if and only if its change committed.
 */
import { EventEmitter } from 'node:events';
import { newId } from '../../kernel/index.js';
import { actorRef, type Ctx } from '../context/index.js';
import { afterCommit } from '../db/index.js';
import { checkPayload, type EventDefinition, type EventEnvelope, type PayloadOf } from './event.js';

/** Fired once a transaction that wrote to the outbox commits, so in-process readers and the relay look at once. */
export const outboxSignal = new EventEmitter();
outboxSignal.setMaxListeners(100);

/** Records an event in the caller's transaction. Call it inside the transaction that makes the change. */
export async function emit<D extends EventDefinition>(ctx: Ctx, def: D, aggregateId: string, payload: PayloadOf<D>): Promise<void> {
  checkPayload(def, payload);
  await insertOutbox(ctx, def.type, def.version, aggregateId, payload, ctx.clock.now());
}

/** Queues a job by name through the same outbox, optionally not before `runAt`. */
export async function enqueueJob(ctx: Ctx, name: string, payload: unknown = {}, opts: { runAt?: Date; key?: string } = {}): Promise<void> {
  await insertOutbox(ctx, `job:${name}`, 1, opts.key ?? name, payload, opts.runAt ?? ctx.clock.now());
}

async function insertOutbox(ctx: Ctx, type: string, version: number, aggregateId: string, payload: unknown, availableAt: Date): Promise<void> {
  await ctx.db.insertInto('outbox').values({
    id: newId('evt'),
    type,
    version,
    aggregate_id: aggregateId,
    payload: JSON.stringify(payload),
    actor: actorRef(ctx.actor),
    request_id: ctx.requestId ?? null,
    occurred_at: ctx.clock.now().toISOString(),
    available_at: availableAt.toISOString(),
    relayed: 0,
  }).execute();
  afterCommit(ctx.db, () => outboxSignal.emit('written'));
}

/** An outbox row as the envelope consumers see. */
export function toEnvelope(row: any): EventEnvelope {
  return {
    id: row.id, seq: Number(row.seq), type: row.type, version: row.version, aggregateId: row.aggregate_id,
    payload: JSON.parse(row.payload), occurredAt: row.occurred_at, actor: row.actor, requestId: row.request_id ?? undefined,
  };
}
