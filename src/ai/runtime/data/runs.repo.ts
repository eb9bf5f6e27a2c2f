/**
 * Reading the run log: pages of runs filtered by agent, outcome, path, trigger and time; one run
 * with its timeline; and per-agent figures (latency percentiles against the budget, outcomes,
 * how often the LLM answered) over a window.
 */
import { decodeCursor, encodeCursor, inTransaction, type Db } from '../../../platform/index.js';
import type { RunOutcome, RunPath, TriggerKind } from '../agent.js';
import type { RunRecord, RunStep } from '../record.js';

export interface RunFilter {
  agent?: string;
  outcome?: RunOutcome;
  path?: RunPath;
  trigger?: TriggerKind;
  overBudget?: boolean;
  /** ISO times, inclusive start, exclusive end. */
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/** A recorded run as listed: the record without its steps, with the counts the list shows. */
export interface RunSummary extends Omit<RunRecord, 'steps' | 'finalState'> {
  finalState: string;
  toolCalls: number;
  overBudget: boolean;
}

export interface RunDetail extends RunSummary { steps: (RunStep & { seq: number })[] }

export interface AgentFigures {
  agent: string;
  runs: number;
  outcomes: Record<RunOutcome, number>;
  llmAnswered: number;
  /** Runs where the LLM was tried and the offline path answered (not counting "no LLM configured"). */
  fallbacks: number;
  overBudget: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  /** Budget of the newest run in the window (an agent's budget can change between versions). */
  budgetMs: number | null;
  lastRunAt: string | null;
}

const toSummary = (r: any): RunSummary => ({
  id: r.id, agent: r.agent, agentVersion: r.agent_version, trigger: r.trigger, triggerRef: r.trigger_ref, actor: r.actor, inputSummary: r.input_summary,
  path: r.path, outcome: r.outcome, finalState: r.final_state, fallbackReason: r.fallback_reason, handOffReason: r.handoff_reason, error: r.error,
  models: JSON.parse(r.models), toolCalls: Number(r.tool_calls), latencyMs: Number(r.latency_ms), budgetMs: Number(r.budget_ms),
  overBudget: Number(r.latency_ms) > Number(r.budget_ms), startedAt: r.started_at,
});

export const runsRepo = {
  async list(db: Db, f: RunFilter): Promise<{ items: RunSummary[]; nextCursor: string | null }> {
    const after = decodeCursor<{ s: string; i: string }>(f.cursor);
    const rows = await db.selectFrom('ai_runs').selectAll()
      .$if(!!f.agent, (q) => q.where('agent', '=', f.agent!))
      .$if(!!f.outcome, (q) => q.where('outcome', '=', f.outcome!))
      .$if(!!f.path, (q) => q.where('path', '=', f.path!))
      .$if(!!f.trigger, (q) => q.where('trigger', '=', f.trigger!))
      .$if(f.overBudget === true, (q) => q.whereRef('latency_ms', '>', 'budget_ms'))
      .$if(f.overBudget === false, (q) => q.whereRef('latency_ms', '<=', 'budget_ms'))
      .$if(!!f.from, (q) => q.where('started_at', '>=', f.from!))
      .$if(!!f.to, (q) => q.where('started_at', '<', f.to!))
      .$if(!!after, (q) => q.where((eb) => eb.or([eb('started_at', '<', after!.s), eb.and([eb('started_at', '=', after!.s), eb('id', '<', after!.i)])])))
      .orderBy('started_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
    const items = rows.slice(0, f.limit).map(toSummary);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > f.limit && last ? encodeCursor({ s: last.startedAt, i: last.id }) : null };
  },

  async get(db: Db, id: string): Promise<RunDetail | undefined> {
    const row = await db.selectFrom('ai_runs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const steps = await db.selectFrom('ai_run_steps').selectAll().where('run_id', '=', id).orderBy('seq').execute();
    return {
      ...toSummary(row),
      steps: steps.map((s: any) => ({
        seq: Number(s.seq), kind: s.kind, name: s.name, path: s.path, atMs: Number(s.at_ms), durationMs: Number(s.duration_ms),
        input: s.input, output: s.output, error: s.error,
      })),
    };
  },

  /** Deletes runs started before `before` (and their steps); answers how many runs went. */
  async prune(db: Db, before: string): Promise<number> {
    return inTransaction(db, async (tx) => {
      const old = tx.selectFrom('ai_runs').select('id').where('started_at', '<', before);
      await tx.deleteFrom('ai_run_steps').where('run_id', 'in', old).execute();
      const res = await tx.deleteFrom('ai_runs').where('started_at', '<', before).executeTakeFirst();
      return Number(res.numDeletedRows ?? 0);
    });
  },

  /** Figures per agent for runs started in [from, to); percentiles over at most the newest `sample` runs each. */
  async figures(db: Db, range: { from: string; to?: string }, sample = 5000): Promise<AgentFigures[]> {
    const counts = await db.selectFrom('ai_runs')
      .select((eb) => [
        'agent', 'outcome', 'path',
        eb.fn.countAll<number>().as('n'),
        eb.fn.max('started_at').as('last'),
        eb.fn.sum<number>(eb.case().when('latency_ms', '>', eb.ref('budget_ms')).then(1).else(0).end()).as('over'),
        // Offline because no LLM is configured is the normal path, not a fallback worth counting.
        eb.fn.sum<number>(eb.case().when(eb.and([eb('fallback_reason', 'is not', null), eb('fallback_reason', 'not like', 'not_configured%')])).then(1).else(0).end()).as('fallbacks'),
      ])
      .where('started_at', '>=', range.from).$if(!!range.to, (q) => q.where('started_at', '<', range.to!))
      .groupBy(['agent', 'outcome', 'path']).execute();
    const byAgent = new Map<string, AgentFigures>();
    for (const c of counts as any[]) {
      const a = byAgent.get(c.agent) ?? {
        agent: c.agent, runs: 0, outcomes: { responded: 0, handed_off: 0, failed: 0 }, llmAnswered: 0, fallbacks: 0, overBudget: 0,
        p50Ms: null, p95Ms: null, maxMs: null, budgetMs: null, lastRunAt: null,
      };
      const n = Number(c.n);
      a.runs += n;
      a.outcomes[c.outcome as RunOutcome] = (a.outcomes[c.outcome as RunOutcome] ?? 0) + n;
      if (c.path === 'llm') a.llmAnswered += n;
      a.fallbacks += Number(c.fallbacks ?? 0);
      a.overBudget += Number(c.over ?? 0);
      if (!a.lastRunAt || c.last > a.lastRunAt) a.lastRunAt = c.last;
      byAgent.set(c.agent, a);
    }
    for (const a of byAgent.values()) {
      const rows = await db.selectFrom('ai_runs').select(['latency_ms', 'budget_ms']).where('agent', '=', a.agent)
        .where('started_at', '>=', range.from).$if(!!range.to, (q) => q.where('started_at', '<', range.to!))
        .orderBy('started_at', 'desc').limit(sample).execute();
      const lat = rows.map((r: any) => Number(r.latency_ms)).sort((x, y) => x - y);
      a.p50Ms = percentile(lat, 0.5);
      a.p95Ms = percentile(lat, 0.95);
      a.maxMs = lat.length ? lat[lat.length - 1]! : null;
      a.budgetMs = rows.length ? Number((rows[0] as any).budget_ms) : null;
    }
    return [...byAgent.values()].sort((x, y) => x.agent.localeCompare(y.agent));
  },
};

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
