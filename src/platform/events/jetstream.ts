/**
 * The JetStream transport (chosen by NATS_URL): the outbox relay publishes committed events to a
 * stream and jobs to a work queue, and each subscription is a durable consumer, so every event is
 * handled once per consumer group across all nodes. The database stays the source of truth: the
 * outbox keeps what NATS has not acknowledged, and `event_deliveries` records what each consumer
 * has processed (the same table the embedded transport and the admin dead-letter routes use).
 *
 * Names carry a namespace (EVENTS_NAMESPACE) so several stores, or parallel test files, share one
 * NATS server: streams `<NS>_EVENTS`, `<NS>_JOBS`, `<NS>_DLQ`; subjects `<ns>.events.<type>`,
 * `<ns>.jobs.<name>`, `<ns>.dlq.<consumer>`.
 *
 * Written for nats-server 2.9 (what the machines run): one filter subject per consumer, no
 * priority groups, so per-aggregate order within a group comes from max_ack_pending 1.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { sql } from 'kysely';
import { connect, headers, nanos, type NatsConnection } from '@nats-io/transport-node';
import {
  AckPolicy, DeliverPolicy, RetentionPolicy, jetstream, jetstreamManager,
  type ConsumerConfig, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg, type StreamConfig,
} from '@nats-io/jetstream';
import type { Clock } from '../../kernel/index.js';
import { inTransaction, type Db, type Dialect } from '../db/index.js';
import type { EventEnvelope } from './event.js';
import { toEnvelope } from './outbox.js';

export interface JetStreamSettings {
  url: string;
  /** Prefix of every stream, consumer and subject (letters, digits, `_`). */
  namespace: string;
}

/** What became of one hand-over of an event to a consumer. */
export type DeliveryOutcome = 'done' | 'duplicate' | 'failed' | 'dead';

/** What the transport needs from the bus that owns it. */
export interface JetStreamHost {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  log: Logger;
  /** Runs a consumer's handler for an event it has not processed yet (records it in the same transaction). */
  deliver(consumer: string, event: EventEnvelope): Promise<DeliveryOutcome>;
  /** Whether a consumer wants an event type (a durable consumer's one filter subject can be wider). */
  accepts(consumer: string, type: string): boolean;
  /** Live fan-out (staff event stream) of every event the cluster relays. */
  fanOut(events: EventEnvelope[]): void;
}

interface Route {
  consumer: string;
  durable: string;
  stream: string;
  filter: string;
  job: boolean;
}

export type NatsHealth = 'ok' | 'down';

/**
 * How long a delivered message may go unacknowledged before JetStream hands it to another node: the
 * stall a group sees when a node dies holding its one in-flight event, or when a NATS crash loses
 * recent acks. Handlers that run longer keep it alive with working() every third of it.
 */
const ACK_WAIT_MS = 10_000;
/** Jobs may run in parallel; several at a time per node for each job. */
const JOB_LANES = 4;
const PUBLISH_TIMEOUT_MS = 5_000;
const PULL_EXPIRES_MS = 5_000;
/**
 * Handlers running at once on a node, across all groups and jobs: each holds a database connection
 * for its transaction, and the pool (10 on PostgreSQL) must keep room for HTTP requests.
 */
const MAX_CONCURRENT_DELIVERIES = 4;
const DAY_MS = 86_400_000;

/** Stream and subject names of a namespace. */
export function natsNames(namespace: string) {
  const ns = namespace.toLowerCase();
  const NS = namespace.toUpperCase();
  return {
    events: `${NS}_EVENTS`,
    jobs: `${NS}_JOBS`,
    dlq: `${NS}_DLQ`,
    allEvents: `${ns}.events.>`,
    allJobs: `${ns}.jobs.>`,
    allDeadLetters: `${ns}.dlq.>`,
    eventSubject: (type: string) => `${ns}.events.${subjectPath(type)}`,
    jobSubject: (name: string) => `${ns}.jobs.${subjectPath(name)}`,
    dlqSubject: (durable: string) => `${ns}.dlq.${durable}`,
    eventFilter: (types: string[]) => eventFilter(ns, types),
  };
}

/** A name as subject tokens: wildcards, spaces and empty tokens are not allowed in a subject. */
function subjectPath(name: string): string {
  return name.split('.').map((t) => t.replace(/[^A-Za-z0-9_:-]/g, '_') || '_').join('.');
}

/** A durable consumer name (no dots, no wildcards) for a consumer group or job. */
export function durableName(consumer: string): string {
  return consumer.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * The one subject filter covering a subscription's types (2.9 allows one per consumer): the exact
 * subject for one type, else the longest shared leading tokens with `>`. The bus filters the rest.
 */
function eventFilter(ns: string, types: string[]): string {
  const paths = types.map((t) => (t.endsWith('.*') ? { tokens: t.slice(0, -2).split('.'), prefix: true } : { tokens: t.split('.'), prefix: false }));
  if (paths.length === 1 && !paths[0].prefix) return `${ns}.events.${subjectPath(types[0])}`;
  const common: string[] = [];
  for (let i = 0; paths.every((p) => i < p.tokens.length && p.tokens[i] === paths[0].tokens[i]); i++) {
    // A shared token that completes an exact type would need the type itself too: stop before it.
    if (paths.some((p) => !p.prefix && p.tokens.length === i + 1)) break;
    common.push(paths[0].tokens[i]);
  }
  return common.length ? `${ns}.events.${subjectPath(common.join('.'))}.>` : `${ns}.events.>`;
}

export class JetStreamTransport {
  private readonly names: ReturnType<typeof natsNames>;
  private routes = new Map<string, Route>();
  private nc?: NatsConnection;
  private js?: JetStreamClient;
  private jsm?: JetStreamManager;
  private opening?: Promise<void>;
  /** Connected, with streams and consumers in place. */
  private up = false;
  /** Was up once: a later outage answers at once instead of waiting for a first connection. */
  private wasUp = false;
  private closed = false;
  private outageWarned = false;
  private ensures = new Set<Promise<void>>();
  private consuming = false;
  private pulls = new Map<string, { messages?: ConsumerMessages; loop: Promise<void> }>();
  private inflight = 0;
  private running = 0;
  private waiting: (() => void)[] = [];
  private handledCount = 0;
  private relayLock: Promise<unknown> = Promise.resolve();
  private follower?: { stop: () => void; done: Promise<void> };

  constructor(private settings: JetStreamSettings, private host: JetStreamHost) {
    this.names = natsNames(settings.namespace);
  }

  /** Connection health for the readiness probe. Opens the connection on first use. */
  health(): NatsHealth {
    this.open();
    return this.up ? 'ok' : 'down';
  }

  /** Declares a consumer group (`types`) or a job queue (`job`); creates its durable consumer once connected. */
  addRoute(consumer: string, spec: { types: string[] } | { job: string }): void {
    const durable = 'job' in spec ? `job_${durableName(spec.job)}` : durableName(consumer);
    const clash = [...this.routes.values()].find((r) => r.durable === durable);
    if (clash) throw new Error(`consumers ${clash.consumer} and ${consumer} map to the same NATS consumer ${durable}`);
    const route: Route = 'job' in spec
      ? { consumer, durable, stream: this.names.jobs, filter: this.names.jobSubject(spec.job), job: true }
      : { consumer, durable, stream: this.names.events, filter: this.names.eventFilter(spec.types), job: false };
    this.routes.set(consumer, route);
    if (this.up) this.track(this.ensureConsumer(route).then(() => { if (this.consuming) this.pull(route); }));
  }

  /** Connects in the background (forever retrying) and keeps the streams and consumers in place. */
  open(): void {
    if (this.opening || this.closed) return;
    let nc: NatsConnection | undefined;
    this.opening = (async () => {
      nc = await connect({
        servers: this.settings.url, name: `emporia:${this.settings.namespace}`,
        maxReconnectAttempts: -1, reconnectTimeWait: 500, waitOnFirstConnect: true, timeout: 2_000,
      });
      if (this.closed) { await nc.close(); return; }
      // Fails when the server runs without JetStream: retried from scratch below.
      const jsm = await jetstreamManager(nc, { timeout: PUBLISH_TIMEOUT_MS });
      this.nc = nc;
      this.js = jetstream(nc, { timeout: PUBLISH_TIMEOUT_MS });
      this.jsm = jsm;
      void this.watch(nc);
      await this.establish();
    })().catch(async (e) => {
      this.host.log.error({ err: e }, 'NATS connection failed; retrying');
      if (nc && nc !== this.nc) await nc.close().catch(() => undefined);
      this.opening = undefined;
      if (!this.closed) setTimeout(() => this.open(), 1_000).unref();
    });
  }

  /** Waits (up to `ms`, for a first connection only) for the connection and topology; false when NATS is not there. */
  async ready(ms = 10_000): Promise<boolean> {
    this.open();
    const until = this.wasUp ? 0 : Date.now() + ms;
    while (!this.up && !this.closed && Date.now() < until) await sleep(10);
    if (this.up) await this.settled();
    return this.up;
  }

  private async watch(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') {
        this.up = false;
        this.host.log.warn({ server: this.settings.url }, 'NATS connection lost; events stay in the outbox until it returns');
      } else if (s.type === 'reconnect') {
        this.host.log.warn({ server: this.settings.url }, 'NATS connection back');
        this.outageWarned = false;
        await this.establish();
      }
    }
  }

  /** Streams and every consumer, created or brought up to date; retried until it works. */
  private async establish(): Promise<void> {
    for (let attempt = 0; !this.closed; attempt++) {
      try {
        await this.ensureStreams();
        for (const r of this.routes.values()) await this.ensureConsumer(r);
        const reconnected = this.wasUp;
        this.up = this.wasUp = true;
        if (this.consuming) {
          // Pull requests made before an outage died with the connection: ask afresh rather than wait for missed heartbeats.
          if (reconnected) for (const p of this.pulls.values()) void p.messages?.close().catch(() => undefined);
          for (const r of this.routes.values()) this.pull(r);
        }
        return;
      } catch (e) {
        if (this.nc?.isClosed()) return;
        this.host.log.warn({ err: e, attempt }, 'NATS streams not ready; retrying');
        await sleep(Math.min(5_000, 250 * 2 ** attempt));
      }
    }
  }

  private async ensureStreams(): Promise<void> {
    const streams: (Partial<StreamConfig> & { name: string })[] = [
      // Events stay a while after every group has them, so a new node's live view or an operator can read back.
      { name: this.names.events, subjects: [this.names.allEvents], retention: RetentionPolicy.Limits, max_age: nanos(30 * DAY_MS), duplicate_window: nanos(5 * 60_000) },
      { name: this.names.jobs, subjects: [this.names.allJobs], retention: RetentionPolicy.Workqueue, duplicate_window: nanos(5 * 60_000) },
      { name: this.names.dlq, subjects: [this.names.allDeadLetters], retention: RetentionPolicy.Limits, max_age: nanos(90 * DAY_MS) },
    ];
    for (const cfg of streams) {
      try {
        await this.jsm!.streams.info(cfg.name);
      } catch (e) {
        if (!/not found/i.test(String((e as Error)?.message))) throw e;
        await this.jsm!.streams.add(cfg);
        continue;
      }
      // An operator may have set a stream up differently (replicas, limits): keep it working as it is.
      await this.jsm!.streams.update(cfg.name, cfg).catch((e) => this.host.log.warn({ err: e, stream: cfg.name }, 'NATS stream kept with its own settings'));
    }
  }

  private consumerConfig(r: Route): Partial<ConsumerConfig> {
    return {
      durable_name: r.durable,
      filter_subject: r.filter,
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(ACK_WAIT_MS),
      // Redeliveries after a lost ack or a dead node are unlimited: handler failures are counted in the database.
      max_deliver: -1,
      // One unacknowledged event per group across the cluster keeps each aggregate's events in order.
      // Jobs carry no order and run in parallel on every node.
      max_ack_pending: r.job ? 256 : 1,
      // A group added to a running store starts with the events after it (as in the embedded transport);
      // jobs queued before their worker existed wait for it.
      deliver_policy: r.job ? DeliverPolicy.All : DeliverPolicy.New,
    };
  }

  private async ensureConsumer(r: Route): Promise<void> {
    const want = this.consumerConfig(r);
    let have;
    try { have = await this.jsm!.consumers.info(r.stream, r.durable); } catch (e) {
      if (!/not found/i.test(String((e as Error)?.message))) throw e;
    }
    if (!have) { await this.jsm!.consumers.add(r.stream, want); return; }
    if (have.config.filter_subject === want.filter_subject) {
      if (have.config.max_ack_pending !== want.max_ack_pending || have.config.ack_wait !== want.ack_wait) {
        await this.jsm!.consumers.update(r.stream, r.durable, { max_ack_pending: want.max_ack_pending, ack_wait: want.ack_wait });
      }
      return;
    }
    // A group whose types changed: 2.9 cannot change a filter in place, so recreate it where the old one left off.
    const from = have.ack_floor.stream_seq + 1;
    await this.jsm!.consumers.delete(r.stream, r.durable);
    await this.jsm!.consumers.add(r.stream, { ...want, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from });
    this.host.log.warn({ consumer: r.consumer, filter: want.filter_subject, from }, 'NATS consumer recreated for its new types');
  }

  private track(p: Promise<void>): void {
    const t = p.catch((e) => this.host.log.error({ err: e }, 'NATS consumer setup failed')).finally(() => this.ensures.delete(t));
    this.ensures.add(t);
  }

  /** Consumers being created right now (a relay waits for them so a new group sees the next events). */
  private async settled(): Promise<void> {
    while (this.ensures.size) await Promise.all(this.ensures);
  }

  // ---- relay -------------------------------------------------------------------------------

  /**
   * Publishes due outbox rows in order and marks them relayed once JetStream has acknowledged them.
   * One relay runs at a time across the cluster (a transaction-scoped advisory lock on PostgreSQL,
   * released the moment its holder's connection dies), which keeps each aggregate's events in order.
   * Returns how many rows it relayed, or why it could not relay now: NATS is down, or another node
   * holds the relay.
   */
  relay(batch = 500): Promise<number | 'down' | 'busy'> {
    const run = this.relayLock.then(() => this.relayOnce(batch));
    this.relayLock = run.catch(() => undefined);
    return run;
  }

  private async relayOnce(batch: number): Promise<number | 'down' | 'busy'> {
    this.open();
    if (!this.up) {
      // Before the first connection there is nothing to report yet (it is being made).
      if (this.wasUp && !this.outageWarned) {
        this.outageWarned = true;
        this.host.log.warn({ server: this.settings.url }, 'NATS is unreachable; events stay in the outbox and are relayed when it returns');
      }
      return 'down';
    }
    await this.settled();
    const { db, dialect, clock } = this.host;
    const now = clock.now().toISOString();
    const pass = async (tx: Db): Promise<number | 'busy'> => {
      if (dialect === 'postgres') {
        const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext('emporia.relay:' || current_schema())) as ok`.execute(tx);
        if (!rows[0]?.ok) return 'busy';
      }
      // Delayed jobs wait here until due.
      const rows = await tx.selectFrom('outbox').selectAll().where('relayed', '=', 0).where('available_at', '<=', now)
        .orderBy('seq').limit(batch).execute();
      if (!rows.length) return 0;
      const n = await this.publishInOrder(rows);
      if (n) await tx.updateTable('outbox').set({ relayed: 1 }).where('seq', 'in', rows.slice(0, n).map((r) => r.seq)).execute();
      return n;
    };
    // SQLite has one writer: holding its transaction across network round trips would stall the store,
    // and a SQLite store is one process, where the relay lock above already serialises passes.
    return dialect === 'postgres' ? inTransaction(db, pass) : pass(db);
  }

  /**
   * Publishes rows pipelined, each with its event id as message id (JetStream drops a republished
   * duplicate), and answers how many leading rows are safely stored. A row after a failed one may
   * be stored too; it is published again next time and dropped as a duplicate.
   */
  private async publishInOrder(rows: any[]): Promise<number> {
    let n = 0;
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      const acks = await Promise.allSettled(chunk.map((r) => {
        const job = String(r.type).startsWith('job:');
        const subject = job ? this.names.jobSubject(r.type.slice(4)) : this.names.eventSubject(r.type);
        return this.js!.publish(subject, JSON.stringify(toEnvelope(r)), {
          msgID: r.id, expect: { streamName: job ? this.names.jobs : this.names.events }, timeout: PUBLISH_TIMEOUT_MS,
        });
      }));
      const failed = acks.findIndex((a) => a.status === 'rejected');
      if (failed >= 0) {
        const reason = (acks[failed] as PromiseRejectedResult).reason;
        this.host.log.warn({ err: reason, seq: Number(chunk[failed].seq) }, 'NATS did not take an event; it stays in the outbox and is retried');
        return n + failed;
      }
      n += chunk.length;
    }
    return n;
  }

  // ---- consumers -----------------------------------------------------------------------------

  /** Starts pulling every consumer in the background (worker nodes). */
  startConsuming(): void {
    this.consuming = true;
    this.open();
    if (this.up) for (const r of this.routes.values()) this.pull(r);
  }

  /** Stops pulling and waits for the messages in hand; messages buffered but not started go back at once. */
  async stopConsuming(): Promise<void> {
    this.consuming = false;
    const pulls = [...this.pulls.values()];
    this.pulls.clear();
    await Promise.all(pulls.map(async (p) => { await p.messages?.close().catch(() => undefined); await p.loop; }));
  }

  private pull(r: Route): void {
    if (this.pulls.has(r.durable) || !this.consuming) return;
    const entry: { messages?: ConsumerMessages; loop: Promise<void> } = { loop: Promise.resolve() };
    this.pulls.set(r.durable, entry);
    entry.loop = (async () => {
      const lanes = r.job ? JOB_LANES : 1;
      while (this.consuming && this.pulls.get(r.durable) === entry) {
        try {
          const consumer = await this.js!.consumers.get(r.stream, r.durable);
          // Short pull requests: one lost in a NATS restart is noticed (missed heartbeats) in seconds, not half a minute.
          const messages = await consumer.consume({ max_messages: lanes, expires: PULL_EXPIRES_MS });
          entry.messages = messages;
          if (!this.consuming) { await messages.close(); break; }
          const running = new Set<Promise<void>>();
          for await (const m of messages) {
            if (!this.consuming) { m.nak(); continue; }
            const p: Promise<void> = this.process(r, m).finally(() => running.delete(p));
            running.add(p);
            if (running.size >= lanes) await Promise.race(running);
          }
          await Promise.all(running);
        } catch (e) {
          if (!this.consuming) break;
          this.host.log.warn({ err: e, consumer: r.consumer }, 'NATS consumer interrupted; resuming');
          await sleep(1_000);
          // Deleted behind our back (an operator, a lost server): recreate it; it starts with the next events.
          if (this.up && /not found/i.test(String((e as Error)?.message))) await this.ensureConsumer(r).catch(() => undefined);
        }
      }
    })();
  }

  /** Handles one message: decode, skip types the group does not want, deliver, ack after commit. */
  private async process(r: Route, m: JsMsg): Promise<void> {
    this.inflight++;
    // Long handlers tell the server they are alive, so the message is not redelivered meanwhile.
    const beat = setInterval(() => m.working(), ACK_WAIT_MS / 3);
    try {
      let event: EventEnvelope;
      try { event = JSON.parse(m.string()); } catch (e) {
        this.host.log.error({ err: e, subject: m.subject, seq: m.seq }, 'undecodable NATS message dropped');
        m.term();
        return;
      }
      if (r.job || this.host.accepts(r.consumer, event.type)) {
        await this.slot();
        try { await this.host.deliver(r.consumer, event); } finally { this.release(); }
      }
      this.handledCount++;
      await m.ackAck().catch((e) => this.host.log.warn({ err: e, consumer: r.consumer, seq: event.seq }, 'ack lost; the redelivery will be skipped'));
    } catch (e) {
      // Nothing was recorded (the database failed): hand it back for another try shortly.
      this.host.log.warn({ err: e, consumer: r.consumer }, 'event delivery failed before its handler ran; retrying');
      m.nak(1_000);
    } finally {
      clearInterval(beat);
      this.inflight--;
    }
  }

  private async slot(): Promise<void> {
    if (this.running < MAX_CONCURRENT_DELIVERIES) { this.running++; return; }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next(); else this.running--;
  }

  /**
   * Waits until no consumer has messages waiting or unacknowledged (on any node) and nothing runs
   * here. A node that does not consume in the background (`pullHere`) pulls and handles them itself.
   * Returns how many messages this node handled meanwhile; gives up quietly when NATS is down.
   */
  async settle(pullHere: boolean, timeoutMs = 60_000): Promise<number> {
    const before = this.handledCount;
    if (!(await this.ready())) return 0;
    const until = Date.now() + timeoutMs;
    for (;;) {
      let busy = this.inflight > 0;
      let pulled = false;
      for (const r of this.routes.values()) {
        let info;
        try { info = await this.jsm!.consumers.info(r.stream, r.durable); } catch (e) {
          if (!this.up) return this.handledCount - before;
          throw e;
        }
        if (pullHere && info.num_pending > 0) {
          busy = pulled = true;
          const consumer = await this.js!.consumers.get(r.stream, r.durable);
          const messages = await consumer.fetch({ max_messages: Math.min(info.num_pending, 256), expires: 2_000 });
          for await (const m of messages) await this.process(r, m);
        } else if (info.num_pending > 0 || info.num_ack_pending > 0) busy = true;
      }
      if (!busy) return this.handledCount - before;
      if (Date.now() > until || !this.up) {
        this.host.log.warn('event consumers did not settle in time');
        return this.handledCount - before;
      }
      if (!pulled) await sleep(5);
    }
  }

  // ---- dead letters ------------------------------------------------------------------------

  /**
   * Copies a delivery that gave up to the dead-letter stream for NATS tooling. The database row
   * (status dead) is what the admin lists and replays; a copy missed while NATS is down is only logged.
   */
  async deadLetter(consumer: string, event: EventEnvelope, error: unknown, attempts: number): Promise<void> {
    if (!(await this.ready(1_000))) {
      this.host.log.warn({ consumer, seq: event.seq }, 'dead letter not copied to NATS (unreachable); it is recorded in the database');
      return;
    }
    const h = headers();
    h.set('Emporia-Consumer', consumer);
    h.set('Emporia-Attempts', String(attempts));
    h.set('Emporia-Error', String((error as Error)?.message ?? error).replace(/[\r\n]+/g, ' ').slice(0, 500));
    try {
      await this.js!.publish(this.names.dlqSubject(durableName(consumer)), JSON.stringify(event), {
        headers: h, msgID: `${event.id}:${durableName(consumer)}:${attempts}`, expect: { streamName: this.names.dlq },
      });
    } catch (e) {
      this.host.log.warn({ err: e, consumer, seq: event.seq }, 'dead letter not copied to NATS; it is recorded in the database');
    }
  }

  // ---- live view ---------------------------------------------------------------------------

  /**
   * Feeds every event the cluster relays to this node's live listeners through an ordered consumer
   * that starts at the moment the first listener arrived (so none is missed while it is created).
   */
  follow(on: boolean): void {
    if (!on) {
      this.follower?.stop();
      this.follower = undefined;
      return;
    }
    if (this.follower) return;
    const since = new Date();
    let stopped = false;
    let messages: ConsumerMessages | undefined;
    const done = (async () => {
      while (!stopped) {
        try {
          if (!(await this.ready(5_000))) continue;
          const consumer = await this.js!.consumers.get(this.names.events, {
            filter_subjects: this.names.allEvents, deliver_policy: DeliverPolicy.StartTime, opt_start_time: since.toISOString(),
          });
          messages = await consumer.consume();
          if (stopped) { await messages.close(); break; }
          for await (const m of messages) {
            try { this.host.fanOut([JSON.parse(m.string())]); } catch (e) { this.host.log.warn({ err: e }, 'live event not decodable'); }
          }
        } catch (e) {
          if (stopped) break;
          this.host.log.warn({ err: e }, 'live event feed interrupted; resuming');
          await sleep(1_000);
        }
      }
    })();
    this.follower = { stop: () => { stopped = true; void messages?.close(); }, done };
  }

  /** Closes the connection after the work in hand (call after stopConsuming and a last relay). */
  async close(): Promise<void> {
    this.closed = true;
    const follower = this.follower;
    this.follow(false);
    await follower?.done;
    // A connection still being attempted closes itself when it succeeds (see open).
    const nc = this.nc;
    if (!nc || nc.isClosed()) return;
    // Drain flushes what is buffered; without a server there is nothing to flush.
    await (this.up ? Promise.race([nc.drain(), sleep(5_000)]) : Promise.resolve()).catch(() => undefined);
    if (!nc.isClosed()) await nc.close();
  }
}

/** Deletes a namespace's streams (and with them their consumers): tests clean up after themselves. */
export async function deleteNamespaceStreams(url: string, namespace: string): Promise<void> {
  const nc = await connect({ servers: url, timeout: 2_000 });
  try {
    const jsm = await jetstreamManager(nc);
    const names = natsNames(namespace);
    for (const s of [names.events, names.jobs, names.dlq]) await jsm.streams.delete(s).catch(() => false);
  } finally {
    await nc.close();
  }
}
