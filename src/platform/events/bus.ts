/**
 * Delivery of outbox events to named consumers, with retries, backoff and a dead letter state.
 * Jobs and schedules ride on the same mechanism. Delivery is at least once; a handler's writes and
 * the "done" mark commit together, so each consumer applies an event once.
 *
 * Two transports, one interface: embedded (default) fans outbox rows out into `event_deliveries`
 * and consumes them from there (SKIP LOCKED across PostgreSQL nodes); with NATS_URL the relay
 * publishes to JetStream and consumers pull from durable consumers (see jetstream.ts). Either way
 * `event_deliveries` records what each consumer processed, failed or gave up on.
 */
import type { Logger } from 'pino';
import { sql } from 'kysely';
import type { Clock } from '../../kernel/index.js';
import { systemActor, type Ctx } from '../context/index.js';
import { inTransaction, type Db, type Dialect } from '../db/index.js';
import type { EventEnvelope } from './event.js';
import { JetStreamTransport, type DeliveryOutcome, type JetStreamSettings } from './jetstream.js';
import { enqueueJob, outboxSignal, toEnvelope } from './outbox.js';

export interface Subscription {
  /** Stable name: the unit of "processed once". Renaming it replays nothing but loses history. */
  consumer: string;
  /** Exact types, or a prefix ending in `.*`. */
  types: string[];
  handle(ctx: Ctx, event: EventEnvelope<any>): Promise<void>;
  maxAttempts?: number;
}

export interface JobDefinition<P = any> {
  name: string;
  handle(ctx: Ctx, payload: P, event: EventEnvelope<P>): Promise<void>;
  maxAttempts?: number;
}

export interface ScheduleDefinition {
  name: string;
  everySeconds: number;
  /** The job the tick enqueues. */
  job: string;
  payload?: unknown;
}

export interface DeliveryRow {
  consumer: string;
  event_seq: number;
  status: 'pending' | 'done' | 'dead';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
}

const backoffSeconds = (attempt: number) => Math.min(3600, 2 ** attempt);

/** Told about events (never jobs) right after the relay that fanned them out has committed. */
export type RelayListener = (events: EventEnvelope[]) => void;

export interface EventBusOptions {
  /** How often an idle worker looks for due work (ms). */
  pollMs?: number;
  /** Carry events and jobs over NATS JetStream instead of the database. */
  jetstream?: JetStreamSettings;
}

/** Health of the bus's outside dependency, for the readiness probe. */
export interface BusHealth {
  nats: 'ok' | 'down' | 'n/a';
}

export class EventBus {
  private subs: Subscription[] = [];
  private jobs = new Map<string, JobDefinition>();
  private schedules: ScheduleDefinition[] = [];
  private timer?: NodeJS.Timeout;
  private running = false;
  private busy?: Promise<void>;
  private wake = () => this.kick();
  private kickScheduled = false;
  private relayListeners = new Set<RelayListener>();
  private pollMs: number;
  private transport?: JetStreamTransport;

  constructor(private db: Db, private dialect: Dialect, private clock: Clock, private log: Logger, opts: EventBusOptions = {}) {
    this.pollMs = opts.pollMs ?? 200;
    if (opts.jetstream) {
      this.transport = new JetStreamTransport(opts.jetstream, {
        db, dialect, clock, log,
        deliver: (consumer, event) => this.deliverFirst(consumer, event),
        accepts: (consumer, type) => this.consumersFor(type).includes(consumer),
        fanOut: (events) => this.fanOut(events),
      });
    }
  }

  /** Which transport carries events: the database (embedded) or NATS JetStream. */
  get transportName(): 'embedded' | 'jetstream' {
    return this.transport ? 'jetstream' : 'embedded';
  }

  /** The state of the outside dependency (NATS), for /ready; 'n/a' on the embedded transport. */
  health(): BusHealth {
    return { nats: this.transport ? this.transport.health() : 'n/a' };
  }

  subscribe(sub: Subscription): void {
    if (this.subs.some((s) => s.consumer === sub.consumer)) throw new Error(`consumer ${sub.consumer} registered twice`);
    this.transport?.addRoute(sub.consumer, { types: sub.types });
    this.subs.push(sub);
  }

  defineJob(job: JobDefinition): void {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} registered twice`);
    this.transport?.addRoute(`job:${job.name}`, { job: job.name });
    this.jobs.set(job.name, job);
  }

  defineSchedule(s: ScheduleDefinition): void {
    this.schedules.push(s);
  }

  /**
   * In-process fan-out of committed events as they are relayed (live views such as the staff event
   * stream). Listeners must not throw and must not block. On the embedded transport they run after
   * the relay's transaction and see each event on the node that relayed it; on JetStream every node
   * sees every event of the cluster. Durable reactions belong in a Subscription.
   * Returns the function that removes the listener.
   */
  onRelayed(listener: RelayListener): () => void {
    this.relayListeners.add(listener);
    this.transport?.follow(true);
    return () => {
      this.relayListeners.delete(listener);
      if (!this.relayListeners.size) this.transport?.follow(false);
    };
  }

  private fanOut(events: EventEnvelope[]): void {
    for (const listener of this.relayListeners) {
      try { listener(events); } catch (e) { this.log.error({ err: e }, 'relay listener failed'); }
    }
  }

  /** Relayed events after a sequence number, oldest first (a reconnecting live view catches up). */
  async relayedSince(afterSeq: number, limit = 200): Promise<EventEnvelope[]> {
    const rows = await this.db.selectFrom('outbox').selectAll().where('seq', '>', afterSeq).where('relayed', '=', 1)
      .where('type', 'not like', 'job:%').orderBy('seq').limit(limit).execute();
    return rows.map(toEnvelope);
  }

  /** Starts relaying and consuming in the background. */
  async start(): Promise<void> {
    await this.syncSchedules();
    this.running = true;
    this.transport?.startConsuming();
    outboxSignal.on('written', this.wake);
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.kick();
  }

  /**
   * Stops after the work in hand finishes (on JetStream: stops pulling, finishes the messages in
   * hand), then flushes the relay: every event committed before the stop is handed on, so a graceful
   * shutdown leaves nothing unrelayed behind it. Closes the NATS connection last.
   */
  async stop(): Promise<void> {
    const wasRunning = this.running;
    this.running = false;
    outboxSignal.off('written', this.wake);
    if (this.timer) clearInterval(this.timer);
    await this.transport?.stopConsuming();
    await this.busy;
    if (wasRunning) {
      try {
        // On JetStream, one pass per call without waiting: NATS down or another node relaying both end it.
        if (this.transport) while (Number(await this.transport.relay()) > 0) { /* until nothing is left */ }
        else while ((await this.relay()) > 0) { /* until nothing is left */ }
      } catch (e) {
        this.log.warn({ err: e }, 'last relay pass failed; the outbox keeps the events for the next node');
      }
    }
    await this.transport?.close();
  }

  private kick(): void {
    if (!this.running || this.busy || this.kickScheduled) return;
    this.kickScheduled = true;
    // Let the writing transaction commit before looking.
    setTimeout(() => {
      this.kickScheduled = false;
      if (!this.running || this.busy) return;
      this.busy = this.pass().then(() => undefined, (e) => this.log.error({ err: e }, 'event bus pass failed')).finally(() => { this.busy = undefined; });
    }, 2);
  }

  /** One background round: schedules, relay and (database) deliveries until nothing is due. */
  private async pass(): Promise<void> {
    if (!this.transport) { await this.rounds(1000, false); return; }
    for (let round = 0; round < 1000 && this.running; round++) {
      await this.tickSchedules();
      const relayed = await this.transport.relay();
      // Another node holds the relay: look again soon rather than at the next poll, in case it finished first.
      if (relayed === 'busy') setTimeout(() => this.kick(), 25).unref();
      const done = await this.work();
      const moved = typeof relayed === 'number' ? relayed : 0;
      if (!moved && !done) break;
    }
  }

  /**
   * Runs schedules, relay and consumers until nothing is due. Tests call it to settle the system.
   * On JetStream it relays everything due, then waits until every consumer group (on any node) has
   * nothing waiting or unacknowledged; a bus that was not started pulls and handles them itself.
   */
  async drain(maxRounds = 1000): Promise<number> {
    return this.rounds(maxRounds, true);
  }

  private async rounds(maxRounds: number, waitForBackground: boolean): Promise<number> {
    let handled = 0;
    for (let round = 0; round < maxRounds; round++) {
      await this.tickSchedules();
      const relayed = await this.relay();
      const pulled = this.transport ? await this.transport.settle(!this.running) : 0;
      const done = await this.work();
      handled += done + pulled;
      if (relayed === 0 && done === 0 && pulled === 0) {
        // This node's background pass may be holding a delivery (PostgreSQL skips locked rows, so
        // nothing looked due here): settled means after it finishes, so wait for it and look again.
        const background = waitForBackground ? this.busy : undefined;
        if (!background) break;
        await background;
      }
    }
    return handled;
  }

  private consumersFor(type: string): string[] {
    if (type.startsWith('job:')) return this.jobs.has(type.slice(4)) ? [type] : [];
    return this.subs.filter((s) => s.types.some((t) => t === type || (t.endsWith('.*') && type.startsWith(t.slice(0, -1))))).map((s) => s.consumer);
  }

  /**
   * Moves new outbox rows on: into one delivery per interested consumer (embedded), or onto
   * JetStream. On JetStream it relays everything due, waiting while another node holds the relay;
   * with NATS down it returns 0 and the rows wait in the outbox.
   */
  async relay(batch = 500): Promise<number> {
    if (this.transport) {
      if (!(await this.transport.ready())) return 0;
      let total = 0;
      for (let waits = 0; waits < 6000;) {
        const n = await this.transport.relay(batch);
        if (n === 'down') return total;
        if (n === 'busy') {
          waits++;
          await new Promise((r) => setTimeout(r, 10));
          continue;
        }
        total += n;
        if (n < batch) return total;
      }
      return total;
    }
    // Whole rows only when someone listens live; otherwise the relay reads just what it routes on.
    const listening = this.relayListeners.size > 0;
    let relayed: EventEnvelope[] = [];
    const n = await inTransaction(this.db, async (tx) => {
      const rows = await tx.selectFrom('outbox').$if(listening, (q) => q.selectAll()).select(['seq', 'type', 'available_at']).where('relayed', '=', 0)
        .orderBy('seq').limit(batch)
        .$if(this.dialect === 'postgres', (q) => q.forUpdate().skipLocked())
        .execute();
      if (!rows.length) return 0;
      if (listening) relayed = rows.filter((r) => !r.type.startsWith('job:')).map(toEnvelope);
      const deliveries = rows.flatMap((r) => this.consumersFor(r.type).map((consumer) => ({
        consumer, event_seq: r.seq, status: 'pending', attempts: 0, next_attempt_at: r.available_at, last_error: null,
      })));
      for (let i = 0; i < deliveries.length; i += 200) {
        await tx.insertInto('event_deliveries').values(deliveries.slice(i, i + 200))
          .onConflict((oc) => oc.columns(['consumer', 'event_seq']).doNothing()).execute();
      }
      await tx.updateTable('outbox').set({ relayed: 1 }).where('seq', 'in', rows.map((r) => r.seq)).execute();
      return rows.length;
    });
    if (relayed.length) this.fanOut(relayed);
    return n;
  }

  /** Processes due deliveries one at a time; returns how many were attempted. */
  async work(limit = 200): Promise<number> {
    let n = 0;
    for (; n < limit; n++) {
      const did = await this.processOne();
      if (!did) break;
    }
    return n;
  }

  private async processOne(): Promise<boolean> {
    const now = this.clock.now().toISOString();
    let failure: { row: DeliveryRow; error: unknown; dead: boolean; event: EventEnvelope } | undefined;
    const did = await inTransaction(this.db, async (tx) => {
      const row = (await tx.selectFrom('event_deliveries').selectAll().where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now).orderBy('event_seq').limit(1)
        .$if(this.dialect === 'postgres', (q) => q.forUpdate().skipLocked())
        .executeTakeFirst()) as DeliveryRow | undefined;
      if (!row) return false;
      const ev = await tx.selectFrom('outbox').selectAll().where('seq', '=', row.event_seq).executeTakeFirstOrThrow();
      const event = toEnvelope(ev);
      const { handler, maxAttempts } = this.handlerFor(row.consumer);
      if (!handler) {
        await markDone(tx, row, now, 'no handler registered');
        return true;
      }
      const ctx: Ctx = { db: tx, actor: systemActor(row.consumer), clock: this.clock, requestId: event.requestId };
      try {
        // A savepoint lets the handler's writes roll back while the claim stays ours.
        await sql`savepoint handler`.execute(tx);
        await handler(ctx, event);
        await sql`release savepoint handler`.execute(tx);
        await markDone(tx, row, now, null);
      } catch (error) {
        await sql`rollback to savepoint handler`.execute(tx);
        const attempts = row.attempts + 1;
        const dead = attempts >= maxAttempts;
        failure = { row, error, dead, event };
        await tx.updateTable('event_deliveries').set({
          attempts,
          status: dead ? 'dead' : 'pending',
          next_attempt_at: new Date(this.clock.now().getTime() + backoffSeconds(attempts) * 1000).toISOString(),
          last_error: String((error as Error)?.stack ?? error).slice(0, 2000),
          updated_at: now,
        }).where('consumer', '=', row.consumer).where('event_seq', '=', row.event_seq).execute();
      }
      return true;
    });
    if (failure) {
      const { row, error, dead, event } = failure;
      this.log.warn({ consumer: row.consumer, seq: row.event_seq, attempt: row.attempts + 1, err: error }, dead ? 'event handler failed; giving up (dead letter)' : 'event handler failed; will retry');
      if (dead) await this.transport?.deadLetter(row.consumer, event, error, row.attempts + 1);
    }
    return did;
  }

  /**
   * A transport's first hand-over of an event to a consumer (JetStream). The (consumer, event) row
   * is the processed record: inserting it claims the event, and the handler's writes commit with it,
   * so a redelivered duplicate finds the row and is skipped. A failure keeps the row as a pending
   * delivery with its backoff; from then on the database retries it exactly as the embedded
   * transport does, and gives up into the dead letter state after maxAttempts.
   *
   * Why retries do not stay in JetStream (nak with a delay): a nak'ed message still holds its
   * group's single unacknowledged slot (max_ack_pending 1, which keeps aggregates in order on
   * nats-server 2.9), so one failing event would stall every later event of the group for the
   * whole backoff. Retrying from the database also keeps the backoff on the store's clock, the
   * admin's pending and dead lists, and replay identical in both transports.
   */
  private async deliverFirst(consumer: string, event: EventEnvelope): Promise<DeliveryOutcome> {
    const now = this.clock.now().toISOString();
    const { handler, maxAttempts } = this.handlerFor(consumer);
    let failure: { error: unknown; dead: boolean } | undefined;
    const outcome = await inTransaction(this.db, async (tx): Promise<DeliveryOutcome> => {
      const claim = await tx.insertInto('event_deliveries').values({
        consumer, event_seq: event.seq, status: 'done', attempts: 1, next_attempt_at: now, last_error: handler ? null : 'no handler registered', updated_at: now,
      }).onConflict((oc) => oc.columns(['consumer', 'event_seq']).doNothing()).executeTakeFirst();
      if (Number(claim.numInsertedOrUpdatedRows ?? 0) !== 1) return 'duplicate';
      if (!handler) return 'done';
      const ctx: Ctx = { db: tx, actor: systemActor(consumer), clock: this.clock, requestId: event.requestId };
      try {
        await sql`savepoint handler`.execute(tx);
        await handler(ctx, event);
        await sql`release savepoint handler`.execute(tx);
        return 'done';
      } catch (error) {
        await sql`rollback to savepoint handler`.execute(tx);
        const dead = maxAttempts <= 1;
        failure = { error, dead };
        await tx.updateTable('event_deliveries').set({
          status: dead ? 'dead' : 'pending',
          next_attempt_at: new Date(this.clock.now().getTime() + backoffSeconds(1) * 1000).toISOString(),
          last_error: String((error as Error)?.stack ?? error).slice(0, 2000),
        }).where('consumer', '=', consumer).where('event_seq', '=', event.seq).execute();
        return dead ? 'dead' : 'failed';
      }
    });
    if (failure) {
      this.log.warn({ consumer, seq: event.seq, attempt: 1, err: failure.error }, failure.dead ? 'event handler failed; giving up (dead letter)' : 'event handler failed; will retry');
      if (failure.dead) await this.transport?.deadLetter(consumer, event, failure.error, 1);
    }
    return outcome;
  }

  private handlerFor(consumer: string): { handler?: (ctx: Ctx, e: EventEnvelope) => Promise<void>; maxAttempts: number } {
    if (consumer.startsWith('job:')) {
      const job = this.jobs.get(consumer.slice(4));
      return { handler: job && ((ctx, e) => job.handle(ctx, e.payload, e)), maxAttempts: job?.maxAttempts ?? 8 };
    }
    const sub = this.subs.find((s) => s.consumer === consumer);
    return { handler: sub && ((ctx, e) => sub.handle(ctx, e)), maxAttempts: sub?.maxAttempts ?? 8 };
  }

  private async syncSchedules(): Promise<void> {
    const now = this.clock.now();
    for (const s of this.schedules) {
      await this.db.insertInto('schedules').values({
        name: s.name, every_seconds: s.everySeconds, next_run_at: new Date(now.getTime() + s.everySeconds * 1000).toISOString(), last_run_at: null,
      }).onConflict((oc) => oc.column('name').doUpdateSet({ every_seconds: s.everySeconds })).execute();
    }
  }

  /** Enqueues each due schedule's job once across every node: the conditional update is the lock. */
  async tickSchedules(): Promise<number> {
    if (!this.schedules.length) return 0;
    const now = this.clock.now();
    let fired = 0;
    for (const s of this.schedules) {
      fired += await inTransaction(this.db, async (tx) => {
        const row = await tx.selectFrom('schedules').selectAll().where('name', '=', s.name).executeTakeFirst();
        if (!row || row.next_run_at > now.toISOString()) return 0;
        const next = new Date(Math.max(new Date(row.next_run_at).getTime() + s.everySeconds * 1000, now.getTime())).toISOString();
        const res = await tx.updateTable('schedules').set({ next_run_at: next, last_run_at: now.toISOString() })
          .where('name', '=', s.name).where('next_run_at', '=', row.next_run_at).executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return 0;
        await enqueueJob({ db: tx, actor: systemActor('scheduler'), clock: this.clock }, s.job, s.payload ?? {}, { key: `${s.name}@${row.next_run_at}` });
        return 1;
      });
    }
    return fired;
  }

  /** Dead and failing deliveries, for the admin. */
  async listDeliveries(status: 'dead' | 'pending', limit = 100): Promise<(DeliveryRow & { type: string })[]> {
    return (await this.db.selectFrom('event_deliveries as d').innerJoin('outbox as o', 'o.seq', 'd.event_seq')
      .select(['d.consumer', 'd.event_seq', 'd.status', 'd.attempts', 'd.next_attempt_at', 'd.last_error', 'o.type'])
      .where('d.status', '=', status).orderBy('d.event_seq').limit(limit).execute()) as any;
  }

  /** Puts a dead delivery back in line. */
  async replay(consumer: string, seq: number): Promise<boolean> {
    const res = await this.db.updateTable('event_deliveries').set({ status: 'pending', attempts: 0, next_attempt_at: this.clock.now().toISOString() })
      .where('consumer', '=', consumer).where('event_seq', '=', seq).where('status', '=', 'dead').executeTakeFirst();
    this.kick();
    return Number(res.numUpdatedRows) === 1;
  }
}

async function markDone(tx: Db, row: DeliveryRow, now: string, note: string | null): Promise<void> {
  await tx.updateTable('event_deliveries').set({ status: 'done', attempts: row.attempts + 1, last_error: note, updated_at: now })
    .where('consumer', '=', row.consumer).where('event_seq', '=', row.event_seq).execute();
}
