/**
 * What the agent runtime costs per run (`npx tsx bench/agent-runtime.bench.ts [--runs N]`): a fast
 * agent (retrieve through one tool, analyse, generate, validate) is run N times as plain function
 * calls, then through the runtime with an in-memory sink (state machine, schema checks, tool
 * recording), then with the real run log on SQLite (queued, written in batches), and — for
 * comparison — writing each run in its own transaction at the end of the run. Prints a table and
 * writes JSON to bench/results/agent-runtime.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Type } from '@sinclair/typebox';
import { systemClock } from '../src/kernel/index.js';
import { createLogger, migrate, openDatabase, systemActor, type Ctx } from '../src/platform/index.js';
import { agentRunMigrations } from '../src/ai/runtime/data/migrations.js';
import { DatabaseRunSink } from '../src/ai/runtime/data/run-log.js';
import { AgentRuntime, defineAgent, defineTool, type RunRecord, type RunSink } from '../src/ai/runtime/index.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20000' } } });
const N = Number(values.runs);
const log = createLogger('silent');

// A catalogue lookup standing in for a module service answered from memory (the recommendation path).
const PRODUCTS = new Map(Array.from({ length: 1000 }, (_, i) => [`prod_${i}`, { id: `prod_${i}`, title: `Product ${i}`, price: 1000 + i, tags: ['a', 'b'] }]));
const lookup = async (id: string) => PRODUCTS.get(id) ?? null;

const getProduct = defineTool({
  name: 'get_product', description: 'a product by id',
  input: Type.Object({ id: Type.String() }),
  output: Type.Union([Type.Null(), Type.Object({ id: Type.String(), title: Type.String(), price: Type.Integer(), tags: Type.Array(Type.String()) })]),
  run: (_ctx, { id }) => lookup(id),
});
const Out = Type.Object({ text: Type.String(), productIds: Type.Array(Type.String()) });
const analyse = (p: { price: number } | null) => ({ cheap: !!p && p.price < 1500 });
const generate = (p: { id: string; title: string } | null, a: { cheap: boolean }) => ({ text: p ? `${p.title}${a.cheap ? ' is a bargain' : ''}` : 'not found', productIds: p ? [p.id] : [] });

const agent = defineAgent({
  name: 'bench.fast', version: '1', description: 'a fast agent', latencyBudgetMs: 20,
  input: Type.Object({ productId: Type.String() }), draft: Out, output: Out, tools: [getProduct],
  retrieve: (run, i) => run.call(getProduct, { id: i.productId }),
  analyse: async (_run, _i, p) => analyse(p),
  generate: async (_run, s) => generate(s.retrieved, s.analysis),
});

const ctx = (): Ctx => ({ db: undefined as never, actor: systemActor('bench'), clock: systemClock });

async function time(label: string, fn: (i: number) => Promise<unknown>): Promise<{ label: string; perRunUs: number; p50Us: number; p99Us: number }> {
  for (let i = 0; i < 2000; i++) await fn(i); // warm up
  const lat: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const s = performance.now();
    await fn(i);
    lat.push(performance.now() - s);
  }
  const total = performance.now() - t0;
  lat.sort((a, b) => a - b);
  return { label, perRunUs: (total / N) * 1000, p50Us: lat[Math.floor(N * 0.5)]! * 1000, p99Us: lat[Math.floor(N * 0.99)]! * 1000 };
}

/** Writes every run at once, in its own transaction: what "record synchronously" would cost. */
class SyncSink implements RunSink {
  constructor(private inner: DatabaseRunSink) {}
  pending: Promise<void> = Promise.resolve();
  record(run: RunRecord): void { this.inner.record(run); this.pending = this.inner.flush(); }
  flush(): Promise<void> { return this.pending; }
}

async function main() {
  const rows = [];
  rows.push(await time('plain function calls (no runtime)', async (i) => {
    const p = await lookup(`prod_${i % 1000}`);
    return generate(p, analyse(p));
  }));
  let discarded = 0;
  const nullRunner = new AgentRuntime({ sink: { record: () => { discarded++; }, flush: async () => {} }, log }).register(agent);
  rows.push(await time('runtime, records discarded (state machine, schema checks, tool recording)', (i) => nullRunner.run(ctx(), { productId: `prod_${i % 1000}` })));

  const dir = mkdtempSync(join(tmpdir(), 'agent-bench-'));
  const db = openDatabase({ dataDir: dir, sqliteFile: join(dir, 'bench.db') });
  await migrate(db.db, db.dialect, agentRunMigrations);
  // Batched: the run only queues its record; the batch write is timed on its own (the CPU it costs per run).
  const sink = new DatabaseRunSink(db.db, log, { maxQueued: 1e9, maxBacklog: 1e9, delayMs: 1e9 });
  const dbRunner = new AgentRuntime({ sink, log }).register(agent);
  rows.push(await time('runtime + run log on SQLite: what the caller waits (record queued)', (i) => dbRunner.run(ctx(), { productId: `prod_${i % 1000}` })));
  const t0 = performance.now();
  await sink.flush();
  const batchedWall = performance.now() - t0;
  const written = sink.written;
  const writeUsPerRun = (batchedWall / written) * 1000;
  const syncSink = new SyncSink(new DatabaseRunSink(db.db, log));
  const syncRunner = new AgentRuntime({ sink: syncSink, log }).register({ ...agent, name: 'bench.fast_sync' });
  const syncRows = await time('runtime, each run written at its end (one transaction per run)', async (i) => { await syncRunner.run(ctx(), { productId: `prod_${i % 1000}` }); await syncSink.flush(); });
  rows.push(syncRows);
  await db.close();
  rmSync(dir, { recursive: true, force: true });

  const base = rows[0]!.perRunUs;
  console.log(`\nagent runtime, ${N} runs of a 4-phase agent with one tool call (Node ${process.version})\n`);
  console.log('| setup | per run (µs) | p50 (µs) | p99 (µs) | overhead vs plain (µs) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.label} | ${r.perRunUs.toFixed(1)} | ${r.p50Us.toFixed(1)} | ${r.p99Us.toFixed(1)} | ${(r.perRunUs - base).toFixed(1)} |`);
  console.log(`\nrun log: ${written} runs (+ 7 steps each) written in batches in ${batchedWall.toFixed(0)} ms: ${writeUsPerRun.toFixed(1)} µs of CPU per run, off the caller's path; dropped ${sink.dropped}`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/agent-runtime.json', JSON.stringify({ runs: N, node: process.version, rows, written, batchedWriteMs: batchedWall, batchedWriteUsPerRun: writeUsPerRun }, null, 2));
}

await main();
