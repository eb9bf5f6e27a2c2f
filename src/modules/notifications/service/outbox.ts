/**
 * The mail outbox's sender. Event handlers only render a message and store it as `queued` in the
 * `notifications` table, inside their delivery's transaction; this sends it afterwards, outside
 * any transaction, so a slow or unreachable mail server never holds a database lock (on SQLite,
 * the only writer's lock, which every checkout needs).
 *
 * Claiming is a conditional UPDATE (queued and due, or sending with an expired lease → sending,
 * with a lease and one more attempt), so several nodes never take the same message at once; every
 * later write is fenced on the claim (status `sending` and the attempt count it set), so a sender
 * whose lease ran out cannot settle a message someone else now holds.
 *
 * Delivery is at least once, not exactly once: a process that dies (or loses its lease) after the
 * mail server accepted a message but before `sent` is written leaves it `sending`; once the lease
 * expires another pass sends it again. SMTP gives no way to ask whether a message was accepted.
 */
import { sql } from 'kysely';
import { MailRejectedError, type Ctx, type Logger, type Mailer } from '../../../platform/index.js';
import type { FlushResult } from '../contracts/service.js';

export interface OutboxOptions {
  /** Messages claimed per round. */
  batchSize: number;
  /** Attempts before a message that keeps failing is marked failed. */
  maxAttempts: number;
  /** How long a claim lasts; renewed before each message, so it need only outlast one SMTP conversation. */
  leaseMs: number;
}

// With the SMTP adapter's timeouts (15 s to connect and greet, 30 s per socket wait) one message
// takes at most about a minute; the lease is twice that.
export const OUTBOX_DEFAULTS: OutboxOptions = { batchSize: 20, maxAttempts: 10, leaseMs: 120_000 };

/** The wait after a failed attempt: 15 s, 30 s, 1 min, … doubling up to an hour (10 attempts span about 2.5 hours). */
export const retryDelayMs = (attempts: number): number => Math.min(3_600_000, 15_000 * 2 ** Math.max(0, attempts - 1));

interface ClaimedRow {
  id: string; kind: string; order_id: string | null; recipient: string; subject: string; body_text: string | null; body_html: string | null; headers: string | null; attempts: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class MailOutbox {
  private readonly opts: OutboxOptions;

  constructor(private deps: { mailer: Mailer; log: Logger; options?: Partial<OutboxOptions> }) {
    this.opts = { ...OUTBOX_DEFAULTS, ...deps.options };
  }

  /**
   * Claims and sends due messages, batch after batch, until none is due (or `keepGoing` says
   * stop; messages claimed but not yet tried are then given back).
   */
  async flush(ctx: Ctx, keepGoing: () => boolean = () => true): Promise<FlushResult> {
    if (ctx.db.isTransaction) throw new Error('notifications.flush sends mail and must not run inside a transaction');
    const result: FlushResult = { sent: 0, retrying: 0, failed: 0 };
    // Each round only takes messages due when it starts, and a failure is due later, so this ends.
    for (let round = 0; round < 1000 && keepGoing(); round++) {
      const batch = await this.claim(ctx);
      if (!batch.length) break;
      for (let i = 0; i < batch.length; i++) {
        if (!keepGoing()) {
          await this.release(ctx, batch.slice(i));
          return result;
        }
        const outcome = await this.sendOne(ctx, batch[i]);
        if (outcome) result[outcome]++;
      }
    }
    return result;
  }

  private due(now: string) {
    return (eb: any) => eb.or([
      eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
    ]);
  }

  /** Takes up to a batch of due messages for this sender: each conditional UPDATE succeeds for one sender only. */
  private async claim(ctx: Ctx): Promise<ClaimedRow[]> {
    const nowMs = ctx.clock.now().getTime();
    const now = iso(nowMs);
    const candidates = await ctx.db.selectFrom('notifications').select('id').where(this.due(now))
      .orderBy('next_attempt_at').orderBy('id').limit(this.opts.batchSize).execute();
    const claimed: ClaimedRow[] = [];
    for (const { id } of candidates) {
      const row = await ctx.db.updateTable('notifications')
        .set({ status: 'sending', lease_until: iso(nowMs + this.opts.leaseMs), attempts: sql`attempts + 1` })
        .where('id', '=', id).where(this.due(now))
        .returning(['id', 'kind', 'order_id', 'recipient', 'subject', 'body_text', 'body_html', 'headers', 'attempts'])
        .executeTakeFirst();
      if (row) claimed.push({ ...row, attempts: Number(row.attempts) } as ClaimedRow);
    }
    return claimed;
  }

  /** An UPDATE of a message this sender still holds (the claim it made, not a later one). */
  private settle(ctx: Ctx, row: ClaimedRow, values: Record<string, unknown>) {
    return ctx.db.updateTable('notifications').set(values)
      .where('id', '=', row.id).where('status', '=', 'sending').where('attempts', '=', row.attempts)
      .executeTakeFirst().then((r) => Number(r.numUpdatedRows) === 1);
  }

  private async sendOne(ctx: Ctx, row: ClaimedRow): Promise<keyof FlushResult | null> {
    const log = this.deps.log.child({ notificationId: row.id, kind: row.kind, orderId: row.order_id, attempt: row.attempts });
    // The claim was made for the whole batch; renew it so it covers this one conversation.
    const startMs = ctx.clock.now().getTime();
    if (!(await this.settle(ctx, row, { lease_until: iso(startMs + this.opts.leaseMs) }))) {
      log.warn('lost the claim on a customer message before sending it; another sender has it');
      return null;
    }
    let outcome: keyof FlushResult;
    let values: Record<string, unknown>;
    try {
      if (row.body_text === null) throw new MailRejectedError('the message has no rendered body (recorded before the mail outbox)', 554);
      const headers = row.headers ? JSON.parse(row.headers) as { messageId?: string; inReplyTo?: string; references?: string[] } : {};
      await this.deps.mailer.send({ to: row.recipient, subject: row.subject, text: row.body_text, html: row.body_html || undefined, ...headers });
      outcome = 'sent';
      values = { status: 'sent', sent_at: ctx.clock.now().toISOString(), lease_until: null, next_attempt_at: null, error: null };
    } catch (e) {
      const error = String((e as Error)?.message ?? e).slice(0, 1000);
      const now = ctx.clock.now().getTime();
      if (e instanceof MailRejectedError) {
        log.warn({ err: e }, 'the mail server refused a customer message');
        outcome = 'failed';
        values = { status: 'failed', error, lease_until: null, next_attempt_at: null };
      } else if (row.attempts >= this.opts.maxAttempts) {
        log.error({ err: e }, 'a customer message still fails after every attempt; giving up');
        outcome = 'failed';
        values = { status: 'failed', error, lease_until: null, next_attempt_at: null };
      } else {
        log.warn({ err: e }, 'a customer message could not be sent; will retry');
        outcome = 'retrying';
        values = { status: 'queued', error, lease_until: null, next_attempt_at: iso(now + retryDelayMs(row.attempts)) };
      }
    }
    if (!(await this.settle(ctx, row, values))) {
      // Our lease ran out mid-send and another sender took the message: it may go out twice.
      log.warn({ outcome }, 'lost the claim on a customer message while sending it; another sender may send it again');
      return null;
    }
    return outcome;
  }

  /** Gives back messages claimed but not tried (stopping): queued again, due now, the attempt not counted. */
  private async release(ctx: Ctx, rows: ClaimedRow[]): Promise<void> {
    for (const row of rows) await this.settle(ctx, row, { status: 'queued', lease_until: null, attempts: row.attempts - 1 });
  }
}

/** Runs the outbox in the background: a pass every `pollMs`, and soon after `wake()`. */
export class OutboxSender {
  private timer?: NodeJS.Timeout;
  private running = false;
  private busy?: Promise<void>;
  private again = false;
  private scheduled = false;

  constructor(private outbox: MailOutbox, private ctx: () => Ctx, private log: Logger, private pollMs = 1000) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Stops polling; a message being sent finishes, the rest of its batch is given back. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.busy;
  }

  /** Asks for a pass soon (e.g. a message was just queued); a no-op unless started. */
  wake(): void {
    if (!this.running) return;
    if (this.busy) { this.again = true; return; }
    if (this.scheduled) return;
    this.scheduled = true;
    // A moment's delay lets the transaction that queued the message commit first.
    setTimeout(() => {
      this.scheduled = false;
      if (!this.running || this.busy) return;
      this.again = false;
      this.busy = this.outbox.flush(this.ctx(), () => this.running)
        .then(() => undefined, (e) => this.log.error({ err: e }, 'mail outbox pass failed'))
        .finally(() => {
          this.busy = undefined;
          if (this.again) this.wake();
        });
    }, 20).unref();
  }
}
