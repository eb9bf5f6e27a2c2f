/**
 * The database run sink: `record` only queues (the agent's caller never waits on a write); a
 * flush soon after writes every queued run and its steps in one transaction. Runs still queued
 * when a process dies are lost — the log is telemetry, not a business record, and the store's
 * effects themselves went through their own transactions.
 */
import { inTransaction, type Db, type Logger } from '../../../platform/index.js';
import type { RunRecord, RunSink } from '../record.js';

export interface RunLogOptions {
  /** Milliseconds a run may wait in the queue before a flush starts (default 50). */
  delayMs?: number;
  /** Queue length that starts a flush at once (default 200). */
  maxQueued?: number;
  /** Queue length beyond which new runs are dropped (and counted) rather than eating memory. */
  maxBacklog?: number;
}

export class DatabaseRunSink implements RunSink {
  private queue: RunRecord[] = [];
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private busy = false;
  /** Runs dropped because the backlog was full or a write failed. */
  dropped = 0;
  /** Runs written so far (for the bench and the health of the log). */
  written = 0;

  constructor(private db: Db, private log: Logger, private opts: RunLogOptions = {}) {}

  record(run: RunRecord): void {
    if (this.queue.length >= (this.opts.maxBacklog ?? 20_000)) { this.dropped++; return; }
    this.queue.push(run);
    // A full batch is written now rather than on a timer: a loop of runs that never yields to the
    // event loop (a scheduled agent over many customers) would otherwise only ever fill the queue.
    if (this.queue.length >= (this.opts.maxQueued ?? 200) && !this.busy) void this.flush();
    // While a write is running, a timer makes sure what arrives after its last batch is written too.
    else this.schedule(this.opts.delayMs ?? 50);
  }

  /** Writes everything queued so far; resolves once it is committed (or given up on). */
  flush(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    this.busy = true;
    const done = this.writing.then(() => this.writeQueued()).finally(() => { if (this.writing === done) this.busy = false; });
    this.writing = done;
    return done;
  }

  private schedule(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => { this.timer = undefined; void this.flush(); }, ms);
    this.timer.unref();
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, 500);
      try {
        await inTransaction(this.db, async (tx) => {
          const runs = batch.map(toRunRow);
          for (let i = 0; i < runs.length; i += 100) await tx.insertInto('ai_runs').values(runs.slice(i, i + 100)).execute();
          const steps = batch.flatMap(toStepRows);
          // 10 columns a row: 90 rows stay under SQLite's 999 bound parameters.
          for (let i = 0; i < steps.length; i += 90) await tx.insertInto('ai_run_steps').values(steps.slice(i, i + 90)).execute();
        });
        this.written += batch.length;
      } catch (e) {
        this.dropped += batch.length;
        this.log.error({ err: e, runs: batch.length }, 'agent runs could not be written to the run log');
      }
    }
  }
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

function toRunRow(r: RunRecord) {
  return {
    id: r.id, agent: r.agent, agent_version: r.agentVersion, trigger: r.trigger, trigger_ref: r.triggerRef, actor: r.actor,
    input_summary: r.inputSummary, path: r.path, outcome: r.outcome, final_state: r.finalState, fallback_reason: r.fallbackReason,
    handoff_reason: r.handOffReason, error: r.error, models: JSON.stringify(r.models), tool_calls: r.steps.filter((s) => s.kind === 'tool').length,
    latency_ms: round(r.latencyMs), budget_ms: r.budgetMs, started_at: r.startedAt,
  };
}

function toStepRows(r: RunRecord) {
  return r.steps.map((s, seq) => ({
    run_id: r.id, seq, kind: s.kind, name: s.name, path: s.path, at_ms: round(s.atMs), duration_ms: round(s.durationMs),
    input: s.input, output: s.output, error: s.error,
  }));
}
