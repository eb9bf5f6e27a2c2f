import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/kernel/index.js';
import { defineEvent, emit, inTransaction, migrate, platformMigrations, systemActor } from '../../src/platform/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const Pinged = defineEvent('test.pinged', 1, 'A test event.', Type.Object({ n: Type.Integer() }));
const clock = fixedClock(new Date('2026-01-01T00:00:00Z'));
let t: TestApp;
beforeAll(async () => { t = await startTestApp({ EVENT_WORKERS: 'false' }, { clock }); });
afterAll(async () => { await t?.close(); });

const ctx = () => ({ db: t.app.database.db, actor: systemActor('test'), clock });

describe('migrations', () => {
  it('apply once and then do nothing', async () => {
    const again = await t.app.migrate();
    expect(again).toEqual([]);
    const rows = await t.app.database.db.selectFrom('schema_migrations').select('id').execute();
    expect(rows.map((r) => r.id)).toContain('platform/001_init');
    expect(rows.map((r) => r.id)).toContain('identity/001_init');
    expect((await migrate(t.app.database.db, t.app.database.dialect, platformMigrations)).applied).toEqual([]);
  });
});

describe('outbox and consumers', () => {
  it('delivers each event once per consumer, retrying a consumer that throws', async () => {
    const seenA: number[] = [];
    const seenB: number[] = [];
    let failuresLeft = 2;
    t.app.bus.subscribe({ consumer: 'test.a', types: ['test.pinged'], handle: async (_c, e) => { seenA.push(e.payload.n); } });
    t.app.bus.subscribe({
      consumer: 'test.b', types: ['test.*'],
      handle: async (c, e) => {
        // Writes made before the throw must roll back with it.
        await c.db.insertInto('settings').values({ key: `b-${e.payload.n}-${failuresLeft}`, value: 'x', updated_at: 'now' }).execute();
        if (e.payload.n === 2 && failuresLeft > 0) { failuresLeft--; throw new Error('flaky consumer'); }
        seenB.push(e.payload.n);
      },
    });
    await inTransaction(t.app.database.db, async (tx) => {
      for (const n of [1, 2, 3]) await emit({ ...ctx(), db: tx }, Pinged, `agg_${n}`, { n });
    });
    await t.drain();
    expect(seenA).toEqual([1, 2, 3]);
    expect(seenB).toEqual([1, 3]);
    clock.advance(3_000);
    await t.drain();
    expect(seenB).toEqual([1, 3]);
    clock.advance(10_000);
    await t.drain();
    expect(seenB).toEqual([1, 3, 2]);
    // Draining again delivers nothing new.
    await t.drain();
    expect(seenA).toEqual([1, 2, 3]);
    expect(seenB).toEqual([1, 3, 2]);
    const leftovers = await t.app.database.db.selectFrom('settings').select('key').where('key', 'like', 'b-2-%').execute();
    expect(leftovers.map((r) => r.key)).toEqual(['b-2-0']);
  });

  it('does not deliver an event whose transaction rolled back', async () => {
    const seen: number[] = [];
    t.app.bus.subscribe({ consumer: 'test.rollback', types: ['test.pinged'], handle: async (_c, e) => { seen.push(e.payload.n); } });
    await expect(inTransaction(t.app.database.db, async (tx) => {
      await emit({ ...ctx(), db: tx }, Pinged, 'agg_x', { n: 99 });
      throw new Error('abort');
    })).rejects.toThrow('abort');
    await t.drain();
    expect(seen).not.toContain(99);
  });

  it('gives up after the maximum attempts and lets an admin replay the dead delivery', async () => {
    let fail = true;
    const seen: number[] = [];
    t.app.bus.subscribe({ consumer: 'test.dead', types: ['test.pinged'], maxAttempts: 2, handle: async (_c, e) => { if (fail) throw new Error('down'); seen.push(e.payload.n); } });
    await inTransaction(t.app.database.db, (tx) => emit({ ...ctx(), db: tx }, Pinged, 'agg_d', { n: 7 }));
    await t.drain();
    clock.advance(60_000);
    await t.drain();
    const { token } = await t.staff('owner');
    const dead = await t.api('GET', '/admin/events/deliveries?status=dead', { token });
    const row = dead.body.items.find((d: any) => d.consumer === 'test.dead');
    expect(row).toBeTruthy();
    expect(row.attempts).toBe(2);
    fail = false;
    const replay = await t.api('POST', `/admin/events/deliveries/test.dead/${row.event_seq}/replay`, { token });
    expect(replay.status).toBe(200);
    await t.drain();
    expect(seen).toEqual([7]);
  });

  it('runs a scheduled job once per tick even when two schedulers race', async () => {
    let runs = 0;
    t.app.bus.defineJob({ name: 'test.tick', handle: async () => { runs++; } });
    t.app.bus.defineSchedule({ name: 'test.every-minute', everySeconds: 60, job: 'test.tick' });
    await (t.app.bus as any).syncSchedules();
    clock.advance(61_000);
    await Promise.all([t.app.bus.tickSchedules(), t.app.bus.tickSchedules(), t.app.bus.tickSchedules()]);
    await t.drain();
    expect(runs).toBe(1);
    const queued = await t.app.database.db.selectFrom('outbox').select('id').where('type', '=', 'job:test.tick').execute();
    expect(queued).toHaveLength(1);
    clock.advance(61_000);
    await Promise.all([t.app.bus.tickSchedules(), t.app.bus.tickSchedules()]);
    await t.drain();
    expect(runs).toBe(2);
  });
});
