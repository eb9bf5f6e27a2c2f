/**
 * The JetStream transport against real NATS: two store nodes on one PostgreSQL schema and one
 * namespace share consumer groups (each event handled once per group, in order per aggregate), a
 * failing handler backs off, dies into the dead-letter stream and is replayed through the admin
 * route, a job runs once, a republished event is not handled twice, and the relay keeps events
 * through a NATS outage (a private nats-server, stopped and started again) and hands them all on
 * when it returns.
 *
 * Runs in the postgres project when NATS_URL is set (CI sets it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Type } from '@sinclair/typebox';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/kernel/index.js';
import { defineEvent, deleteNamespaceStreams, emit, enqueueJob, inTransaction, natsNames, systemActor, type EventEnvelope } from '../../src/platform/index.js';
import { startTestApp, usingPostgres, type TestApp } from '../support/harness.js';

const NATS_URL = process.env.NATS_URL;
const run = usingPostgres() && !!NATS_URL && process.env.EMPORIA_TEST_DISTRIBUTED !== '1';

const Ticked = defineEvent('test.ticked', 1, 'A JetStream transport test event.', Type.Object({ n: Type.Integer() }));

const emitAll = (t: TestApp, clock: { now(): Date }, items: { agg: string; n: number }[]) =>
  inTransaction(t.app.database.db, async (tx) => {
    for (const { agg, n } of items) await emit({ db: tx, actor: systemActor('test'), clock }, Ticked, agg, { n });
  });

/** Events per aggregate, in the order a group handled them. */
function byAggregate(seen: EventEnvelope[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const e of seen) out.set(e.aggregateId, [...(out.get(e.aggregateId) ?? []), (e.payload as { n: number }).n]);
  return out;
}

describe.skipIf(!run)('JetStream transport, two nodes on one schema and namespace', () => {
  const clock = fixedClock(new Date('2026-03-01T10:00:00Z'));
  const namespace = `jt_${randomBytes(5).toString('hex')}`;
  // One secret, as every node of a store has: a token from one node works on the other.
  const AUTH_SECRET = randomBytes(24).toString('hex');
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp({ NATS_URL: NATS_URL!, EVENTS_NAMESPACE: namespace, AUTH_SECRET }, { clock });
    b = await startTestApp({ NATS_URL: NATS_URL!, EVENTS_NAMESPACE: namespace, AUTH_SECRET, DATABASE_SCHEMA: a.app.config.databaseSchema! }, { clock });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await deleteNamespaceStreams(NATS_URL!, namespace);
  });

  it('carries events over the namespace\'s streams and handles each once per group, in order per aggregate', async () => {
    expect(a.app.bus.transportName).toBe('jetstream');
    // Both nodes handle into one list per group: the order in which the cluster handled them.
    const ledger: { node: string; e: EventEnvelope }[] = [];
    const audit: { node: string; e: EventEnvelope }[] = [];
    for (const [name, node] of [['a', a], ['b', b]] as const) {
      node.app.bus.subscribe({ consumer: 'jstest.ledger', types: ['test.ticked'], handle: async (_c, e) => { ledger.push({ node: name, e }); } });
      node.app.bus.subscribe({ consumer: 'jstest.audit', types: ['test.*'], handle: async (_c, e) => { audit.push({ node: name, e }); } });
    }
    // Both nodes write at once, each to its own aggregates, in several transactions (a later write
    // to an aggregate commits after the earlier one, as row locks make it in real code).
    const items = Array.from({ length: 40 }, (_, i) => ({ agg: `agg_${i % 4}`, n: i }));
    const writer = (node: TestApp, aggs: string[]) => (async () => {
      const mine = items.filter((i) => aggs.includes(i.agg));
      for (let i = 0; i < mine.length; i += 4) await emitAll(node, clock, mine.slice(i, i + 4));
    })();
    await Promise.all([writer(a, ['agg_0', 'agg_1']), writer(b, ['agg_2', 'agg_3'])]);
    await Promise.all([a.drain(), b.drain()]);

    for (const group of [ledger, audit]) {
      const handled = group.map((h) => h.e);
      // Once each: every event, no repeats.
      expect(handled.map((e) => (e.payload as { n: number }).n).sort((x, y) => x - y)).toEqual(items.map((i) => i.n));
      // Each aggregate's events in the order they were written, whichever node handled them.
      for (const [agg, ns] of byAggregate(handled)) expect(ns, agg).toEqual(items.filter((i) => i.agg === agg).map((i) => i.n));
    }

    // The events went through NATS: the namespace's stream holds them.
    const nc = await connect({ servers: NATS_URL! });
    try {
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info(natsNames(namespace).events);
      expect(info.state.messages).toBeGreaterThanOrEqual(40);
      const ledger = await jsm.consumers.info(natsNames(namespace).events, 'jstest_ledger');
      expect(ledger.config.max_ack_pending).toBe(1);
      expect(ledger.num_pending + ledger.num_ack_pending).toBe(0);
    } finally { await nc.close(); }
    const rows = await a.app.database.db.selectFrom('event_deliveries').select(['consumer', 'status']).where('consumer', 'in', ['jstest.ledger', 'jstest.audit']).execute();
    expect(rows).toHaveLength(80);
    expect(rows.every((r) => r.status === 'done')).toBe(true);
  });

  it('tells live listeners on every node about every event, whichever node relayed it', async () => {
    const live: Record<'a' | 'b', number[]> = { a: [], b: [] };
    const off = [
      a.app.bus.onRelayed((events) => { for (const e of events) if (e.type === 'test.ticked') live.a.push((e.payload as { n: number }).n); }),
      b.app.bus.onRelayed((events) => { for (const e of events) if (e.type === 'test.ticked') live.b.push((e.payload as { n: number }).n); }),
    ];
    try {
      await emitAll(a, clock, [{ agg: 'agg_l', n: 500 }, { agg: 'agg_l', n: 501 }]);
      await emitAll(b, clock, [{ agg: 'agg_m', n: 502 }]);
      await Promise.all([a.drain(), b.drain()]);
      // The live feed is a consumer of its own: wait for it (bounded), then compare.
      const end = Date.now() + 10_000;
      while ((live.a.length < 3 || live.b.length < 3) && Date.now() < end) await sleep(20);
      expect(live.a).toEqual([500, 501, 502]);
      expect(live.b).toEqual([500, 501, 502]);
    } finally {
      for (const f of off) f();
    }
  });

  it('retries a failing handler with backoff, dead-letters it, lists it for the admin and replays it', async () => {
    let failing = true;
    const handled: number[] = [];
    const attemptsSeen: number[] = [];
    for (const node of [a, b]) {
      node.app.bus.subscribe({
        consumer: 'jstest.flaky', types: ['test.ticked'], maxAttempts: 3,
        handle: async (c, e) => {
          // A write before the throw must roll back with it.
          await c.db.insertInto('settings').values({ key: `flaky-${e.payload.n}-${attemptsSeen.length}`, value: 'x', updated_at: 'now' }).execute();
          attemptsSeen.push(e.payload.n);
          if (failing && e.payload.n === 1001) throw new Error('flaky downstream');
          handled.push(e.payload.n);
        },
      });
    }
    await emitAll(a, clock, [{ agg: 'agg_f', n: 1000 }, { agg: 'agg_f', n: 1001 }, { agg: 'agg_g', n: 1002 }]);
    await a.drain();
    // One failure holds up nothing else in the group.
    expect(handled.sort()).toEqual([1000, 1002]);
    const { token } = await a.staff('owner');
    const pending = await a.api('GET', '/admin/events/deliveries?status=pending', { token });
    const row = pending.body.items.find((d: any) => d.consumer === 'jstest.flaky');
    expect(row).toMatchObject({ attempts: 1, type: 'test.ticked' });
    expect(row.last_error).toContain('flaky downstream');
    // Backoff follows the store clock: not yet due after 1 s, due after 2 s; then 4 s more.
    clock.advance(1_000);
    await a.drain();
    expect(attemptsSeen.filter((n) => n === 1001)).toHaveLength(1);
    clock.advance(1_500);
    await b.drain();
    expect(attemptsSeen.filter((n) => n === 1001)).toHaveLength(2);
    clock.advance(5_000);
    await a.drain();
    expect(attemptsSeen.filter((n) => n === 1001)).toHaveLength(3);

    const dead = await a.api('GET', '/admin/events/deliveries?status=dead', { token });
    const deadRow = dead.body.items.find((d: any) => d.consumer === 'jstest.flaky');
    expect(deadRow).toMatchObject({ attempts: 3, event_seq: row.event_seq });
    const leftovers = await a.app.database.db.selectFrom('settings').select('key').where('key', 'like', 'flaky-1001-%').execute();
    expect(leftovers).toEqual([]);

    // The dead letter was copied to the namespace's DLQ stream with who gave up and why.
    const nc = await connect({ servers: NATS_URL! });
    try {
      const jsm = await jetstreamManager(nc);
      const msg = await jsm.streams.getMessage(natsNames(namespace).dlq, { last_by_subj: `${namespace}.dlq.jstest_flaky` });
      expect(msg?.header.get('Emporia-Consumer')).toBe('jstest.flaky');
      expect(msg?.header.get('Emporia-Attempts')).toBe('3');
      expect(msg?.json<EventEnvelope>().seq).toBe(Number(row.event_seq));
    } finally { await nc.close(); }

    failing = false;
    const replay = await b.api('POST', `/admin/events/deliveries/jstest.flaky/${row.event_seq}/replay`, { token });
    expect(replay.status).toBe(200);
    await a.drain();
    expect(handled.filter((n) => n === 1001)).toEqual([1001]);
    const again = await a.api('POST', `/admin/events/deliveries/jstest.flaky/${row.event_seq}/replay`, { token });
    expect(again.status).toBe(404);
  });

  it('runs a job once across both nodes, and a delayed job only when due', async () => {
    const runs: string[] = [];
    for (const [name, node] of [['a', a], ['b', b]] as const) {
      node.app.bus.defineJob({ name: 'jstest.rebuild', handle: async (_c, p: { id: string }) => { runs.push(`${name}:${p.id}`); } });
    }
    const ctx = { db: a.app.database.db, actor: systemActor('test'), clock };
    await enqueueJob(ctx, 'jstest.rebuild', { id: 'now' });
    await enqueueJob(ctx, 'jstest.rebuild', { id: 'later' }, { runAt: new Date(clock.now().getTime() + 60_000) });
    await a.drain();
    await b.drain();
    expect(runs.map((r) => r.split(':')[1])).toEqual(['now']);
    const waiting = await a.app.database.db.selectFrom('outbox').select(['relayed']).where('type', '=', 'job:jstest.rebuild').orderBy('seq').execute();
    expect(waiting.map((r) => Number(r.relayed))).toEqual([1, 0]);
    clock.advance(61_000);
    await b.drain();
    expect(runs.map((r) => r.split(':')[1])).toEqual(['now', 'later']);
  });

  it('handles a republished event once: the stream drops the same message id, the processed record the rest', async () => {
    const handled: number[] = [];
    for (const node of [a, b]) node.app.bus.subscribe({ consumer: 'jstest.once', types: ['test.ticked'], handle: async (_c, e) => { handled.push(e.payload.n); } });
    await emitAll(b, clock, [{ agg: 'agg_d', n: 2000 }]);
    await a.drain();
    expect(handled).toEqual([2000]);
    const row = await a.app.database.db.selectFrom('outbox').selectAll().where('type', '=', 'test.ticked').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    const envelope = { id: row.id, seq: Number(row.seq), type: row.type, version: row.version, aggregateId: row.aggregate_id, payload: JSON.parse(row.payload), occurredAt: row.occurred_at, actor: row.actor };
    const nc = await connect({ servers: NATS_URL! });
    try {
      const js = jetstream(nc);
      const subject = natsNames(namespace).eventSubject(row.type);
      // A relay that crashed before marking the row publishes it again: same message id, dropped.
      const same = await js.publish(subject, JSON.stringify(envelope), { msgID: row.id });
      expect(same.duplicate).toBe(true);
      // Past the duplicate window it would be stored again: the consumer's processed record skips it.
      const late = await js.publish(subject, JSON.stringify(envelope), { msgID: `${row.id}:late` });
      expect(late.duplicate).toBe(false);
    } finally { await nc.close(); }
    await a.drain();
    await b.drain();
    expect(handled).toEqual([2000]);
  });
});

/** A free TCP port on loopback. */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = tcpConnect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

/** A nats-server of this test's own (never the machine's), on a free port with its own store. */
function privateNats(port: number, dir: string): ChildProcess {
  return spawn('/usr/sbin/nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: 'ignore' });
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await sleep(50);
  }
}

describe.skipIf(!run)('JetStream transport through a NATS outage', () => {
  let dir: string;
  let port: number;
  let server: ChildProcess | undefined;
  let t: TestApp;

  const start = async () => {
    server = privateNats(port, dir);
    await until('private nats-server listening', () => listening(port));
  };
  const stop = async () => {
    const s = server!;
    const exited = new Promise((r) => s.once('exit', r));
    s.kill('SIGKILL');
    await exited;
    server = undefined;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'emporia-nats-'));
    port = await freePort();
    await start();
    t = await startTestApp({ NATS_URL: `nats://127.0.0.1:${port}`, EVENTS_NAMESPACE: 'outage' });
  });
  afterAll(async () => {
    await t?.close();
    if (server) await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps events in the outbox while NATS is down and hands every one on, in order, when it returns', async () => {
    const seen: EventEnvelope[] = [];
    t.app.bus.subscribe({ consumer: 'jstest.outage', types: ['test.ticked'], handle: async (_c, e) => { seen.push(e); } });
    const clock = t.app.clock;
    await emitAll(t, clock, [{ agg: 'agg_o', n: 1 }, { agg: 'agg_o', n: 2 }]);
    await t.drain();
    expect(seen.map((e) => e.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(t.app.bus.health()).toEqual({ nats: 'ok' });

    await stop();
    await until('the bus to notice NATS is gone', () => t.app.bus.health().nats === 'down');
    // Writes keep committing: the events wait in the outbox.
    for (let n = 3; n <= 12; n++) await emitAll(t, clock, [{ agg: n % 2 ? 'agg_o' : 'agg_p', n }]);
    expect(await t.drain()).toBe(0);
    const waiting = await t.app.database.db.selectFrom('outbox').select('seq').where('relayed', '=', 0).where('type', '=', 'test.ticked').execute();
    expect(waiting).toHaveLength(10);
    expect(seen).toHaveLength(2);

    await start();
    await until('the bus to reconnect', () => t.app.bus.health().nats === 'ok');
    await t.drain();
    expect(seen.map((e) => (e.payload as { n: number }).n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const left = await t.app.database.db.selectFrom('outbox').select('seq').where('relayed', '=', 0).execute();
    expect(left).toEqual([]);
  });
});
