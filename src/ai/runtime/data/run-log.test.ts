/** The run log on a real (in-memory) SQLite database: batched writes, nothing lost to a busy loop, pruning. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, migrate, openDatabase, type DatabaseHandle } from '../../../platform/index.js';
import type { RunRecord } from '../record.js';
import { agentRunMigrations } from './migrations.js';
import { DatabaseRunSink } from './run-log.js';
import { runsRepo } from './runs.repo.js';

const run = (i: number, startedAt = '2026-05-01T10:00:00.000Z'): RunRecord => ({
  id: `run_${String(i).padStart(6, '0')}`, agent: i % 2 ? 'a.one' : 'a.two', agentVersion: '1', trigger: 'request', triggerRef: null, actor: 'system:test',
  inputSummary: `input ${i}`, startedAt, latencyMs: i % 10, budgetMs: 5, path: 'offline', outcome: 'responded', fallbackReason: null, handOffReason: null,
  error: null, models: [], finalState: 'responding',
  steps: [
    { kind: 'state', name: 'processing', path: 'offline', atMs: 0, durationMs: 0.1, input: null, output: null, error: null },
    { kind: 'tool', name: 'lookup', path: 'offline', atMs: 0.1, durationMs: 0.2, input: '{}', output: 'ok', error: null },
    { kind: 'state', name: 'responding', path: 'offline', atMs: 0.3, durationMs: 0, input: null, output: null, error: null },
  ],
});

let db: DatabaseHandle;
beforeEach(async () => {
  db = openDatabase({ dataDir: '.', sqliteFile: ':memory:' });
  await migrate(db.db, db.dialect, agentRunMigrations);
});
afterEach(async () => { await db.close(); });

describe('run log', () => {
  it('writes every run of a loop that never yields to the event loop, in batches', async () => {
    const sink = new DatabaseRunSink(db.db, createLogger('silent'), { maxQueued: 50, maxBacklog: 120, delayMs: 60_000 });
    // Each iteration only awaits a resolved promise, as an agent over in-memory data does.
    for (let i = 0; i < 1000; i++) { sink.record(run(i)); await Promise.resolve(); }
    await sink.flush();
    expect(sink.dropped).toBe(0);
    expect(sink.written).toBe(1000);
    const n = await db.db.selectFrom('ai_run_steps').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(3000);
  });

  it('answers one run with its steps in order, figures per agent, and prunes by age', async () => {
    const sink = new DatabaseRunSink(db.db, createLogger('silent'));
    for (let i = 0; i < 20; i++) sink.record(run(i, i < 5 ? '2026-01-01T00:00:00.000Z' : '2026-05-01T10:00:00.000Z'));
    await sink.flush();
    const one = await runsRepo.get(db.db, 'run_000007');
    expect(one!.steps.map((s) => `${s.seq}:${s.name}`)).toEqual(['0:processing', '1:lookup', '2:responding']);
    expect(one!.overBudget).toBe(true);
    const figures = await runsRepo.figures(db.db, { from: '2026-04-01T00:00:00.000Z' });
    expect(figures.map((f) => [f.agent, f.runs])).toEqual([['a.one', 8], ['a.two', 7]]);
    expect(figures[0]!.overBudget).toBe(4);
    expect(await runsRepo.prune(db.db, '2026-02-01T00:00:00.000Z')).toBe(5);
    expect((await runsRepo.list(db.db, { limit: 100 })).items).toHaveLength(15);
    expect(await runsRepo.get(db.db, 'run_000001')).toBeUndefined();
  });
});
