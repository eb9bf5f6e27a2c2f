/**
 * Admin routes over the run log: list and filter runs, open one run's timeline, see each agent
 * with its figures against its latency budget, and try an agent on an input (without its effect
 * unless asked). Thin: queries live in data/runs.repo.ts.
 */
import { Type } from '@sinclair/typebox';
import { isAppError, notFound } from '../../../kernel/index.js';
import { access, Cursor, Limit, Nullable, Page, route, Strict, type AnyRoute } from '../../../platform/index.js';
import { RUN_OUTCOMES, RUN_PATHS, TRIGGER_KINDS } from '../agent.js';
import { runIdOf } from '../engine.js';
import { runsRepo } from '../data/runs.repo.js';
import type { AgentRuntime } from '../runtime.js';
import { AGENT_STATES, AGENT_TRANSITIONS } from '../states.js';

// Runs show what customers wrote (input summaries) and what agents answered: support and managers read them.
const read = access.staff('ai:read');
// Trying an agent acts with the caller's permissions and may cost LLM calls: a store setting.
const manage = access.staff('settings:manage');
const tags = ['admin: agents'];

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const IsoTime = Type.String({ format: 'date-time', description: 'an ISO 8601 time, e.g. 2026-01-31T00:00:00Z' });

const ModelUseDto = Type.Object({ name: Type.String(), version: Type.String() });
const RunSummaryDto = Type.Object({
  id: Type.String(), agent: Type.String(), agentVersion: Type.String(), trigger: lit(TRIGGER_KINDS), triggerRef: Nullable(Type.String()),
  actor: Type.String(), inputSummary: Type.String(), path: lit(RUN_PATHS), outcome: lit(RUN_OUTCOMES), finalState: Type.String(),
  fallbackReason: Nullable(Type.String()), handOffReason: Nullable(Type.String()), error: Nullable(Type.String()),
  models: Type.Array(ModelUseDto), toolCalls: Type.Integer(), latencyMs: Type.Number(), budgetMs: Type.Integer(), overBudget: Type.Boolean(), startedAt: Type.String(),
});
const StepDto = Type.Object({
  seq: Type.Integer(), kind: lit(['state', 'tool'] as const), name: Type.String(), path: lit(RUN_PATHS), atMs: Type.Number(), durationMs: Type.Number(),
  input: Nullable(Type.String()), output: Nullable(Type.String()), error: Nullable(Type.String()),
});
const RunDetailDto = Type.Composite([RunSummaryDto, Type.Object({ steps: Type.Array(StepDto) })]);
const AgentDto = Type.Object({
  name: Type.String(), version: Type.Union([Type.String(), Type.Null()]), description: Type.String(), registered: Type.Boolean(),
  latencyBudgetMs: Nullable(Type.Integer()), hasLlmPath: Type.Boolean(),
  inputSchema: Type.Unknown({ description: 'JSON Schema of the agent\'s input (null when it is no longer registered)' }),
  tools: Type.Array(Type.Object({ name: Type.String(), description: Type.String() })),
  triggers: Type.Array(Type.Object({ kind: lit(TRIGGER_KINDS), ref: Type.String() })),
  figures: Type.Object({
    runs: Type.Integer(), responded: Type.Integer(), handedOff: Type.Integer(), failed: Type.Integer(), llmAnswered: Type.Integer(), fallbacks: Type.Integer(),
    overBudget: Type.Integer(), p50Ms: Nullable(Type.Number()), p95Ms: Nullable(Type.Number()), maxMs: Nullable(Type.Number()), lastRunAt: Nullable(Type.String()),
  }),
});
const TryResultDto = Type.Object({
  runId: Nullable(Type.String()), outcome: lit(RUN_OUTCOMES), path: Nullable(lit(RUN_PATHS)), output: Type.Unknown(),
  handOffReason: Nullable(Type.String()), fallbackReason: Nullable(Type.String()), error: Nullable(Type.String()), latencyMs: Nullable(Type.Number()),
});

export function agentRunRoutes(runtime: AgentRuntime): AnyRoute[] {
  return [
    route({
      method: 'GET', url: '/admin/ai/runs', access: read, tags,
      summary: 'Agent runs, newest first, filtered by agent, outcome, path (llm or offline), trigger, over budget and time',
      query: Strict({
        agent: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })), outcome: Type.Optional(lit(RUN_OUTCOMES)), path: Type.Optional(lit(RUN_PATHS)),
        trigger: Type.Optional(lit(TRIGGER_KINDS)), overBudget: Type.Optional(Type.Boolean()),
        from: Type.Optional(IsoTime), to: Type.Optional(IsoTime), limit: Limit(200, 50), cursor: Type.Optional(Cursor),
      }),
      response: { 200: Page(RunSummaryDto) },
      handler: async ({ query, ctx }) => {
        // Runs are written shortly after they end; what this node still holds is written first.
        await runtime.sink.flush();
        return runsRepo.list(ctx.db, { ...query, from: query.from && iso(query.from), to: query.to && iso(query.to) });
      },
    }),
    route({
      method: 'GET', url: '/admin/ai/runs/:id', access: read, tags, summary: 'One run: its states with timings, tool calls, models, path and outcome',
      params: Strict({ id: Type.String({ minLength: 1, maxLength: 120 }) }), response: { 200: RunDetailDto },
      handler: async ({ params, ctx }) => {
        await runtime.sink.flush();
        const run = await runsRepo.get(ctx.db, params.id);
        if (!run) throw notFound('ai.run_not_found', 'agent run', params.id);
        return run;
      },
    }),
    route({
      method: 'GET', url: '/admin/ai/agents', access: read, tags,
      summary: 'The agents of this store with their budget, tools and triggers, and their figures over a window (default the last 24 hours)',
      description: 'Also answers the agent state machine (states and transitions) and whether an LLM is configured.',
      query: Strict({ from: Type.Optional(IsoTime), to: Type.Optional(IsoTime) }),
      response: {
        200: Type.Object({
          items: Type.Array(AgentDto),
          llm: Type.Object({ configured: Type.Boolean(), model: Nullable(Type.String()), timeoutMs: Nullable(Type.Integer()) }),
          states: Type.Array(Type.String()), transitions: Type.Record(Type.String(), Type.Array(Type.String())),
          window: Type.Object({ from: Type.String(), to: Nullable(Type.String()) }),
        }),
      },
      handler: async ({ query, ctx }) => {
        await runtime.sink.flush();
        const from = query.from ? iso(query.from) : new Date(ctx.clock.now().getTime() - 86_400_000).toISOString();
        const to = query.to ? iso(query.to) : undefined;
        const figures = new Map((await runsRepo.figures(ctx.db, { from, to })).map((f) => [f.agent, f]));
        const registered = runtime.list();
        const names = [...new Set([...registered.map((a) => a.name), ...figures.keys()])].sort();
        const items = names.map((name) => {
          const info = registered.find((a) => a.name === name);
          const f = figures.get(name);
          return {
            name, version: info?.version ?? null, description: info?.description ?? 'no longer registered in this store', registered: !!info,
            latencyBudgetMs: info?.latencyBudgetMs ?? f?.budgetMs ?? null, hasLlmPath: info?.hasLlmPath ?? false, tools: info?.tools ?? [], triggers: info?.triggers ?? [],
            inputSchema: info ? plainSchema(runtime.runner(name)!.definition.input) : null,
            figures: {
              runs: f?.runs ?? 0, responded: f?.outcomes.responded ?? 0, handedOff: f?.outcomes.handed_off ?? 0, failed: f?.outcomes.failed ?? 0,
              llmAnswered: f?.llmAnswered ?? 0, fallbacks: f?.fallbacks ?? 0, overBudget: f?.overBudget ?? 0,
              p50Ms: f?.p50Ms ?? null, p95Ms: f?.p95Ms ?? null, maxMs: f?.maxMs ?? null, lastRunAt: f?.lastRunAt ?? null,
            },
          };
        });
        const llm = runtime.llm;
        return {
          items, llm: { configured: !!llm, model: llm?.model ?? null, timeoutMs: llm?.timeoutMs ?? null },
          states: [...AGENT_STATES], transitions: Object.fromEntries(Object.entries(AGENT_TRANSITIONS).map(([k, v]) => [k, [...v]])), window: { from, to: to ?? null },
        };
      },
    }),
    route({
      method: 'POST', url: '/admin/ai/agents/:name/runs', access: manage, tags, status: 200,
      summary: 'Try an agent on an input, as the calling staff member; its effect (responding) is skipped unless `respond` is true',
      description: 'The input is checked against the agent\'s own schema (400 naming the field). A run that fails for another reason answers outcome `failed` with the error; every try is recorded like any run.',
      params: Strict({ name: Type.String({ minLength: 1, maxLength: 120 }) }),
      body: Strict({ input: Type.Unknown({ description: 'the agent\'s input (see its schema)' }), respond: Type.Optional(Type.Boolean({ default: false })) }),
      response: { 200: TryResultDto },
      handler: async ({ params, body, ctx }) => {
        const runner = runtime.runner(params.name);
        if (!runner) throw notFound('ai.agent_not_found', 'agent', params.name);
        try {
          const r = await runner.run(ctx, body.input, { kind: 'request', ref: 'admin: try' }, { dryRun: !body.respond });
          return { runId: r.runId, outcome: r.outcome, path: r.path, output: r.output, handOffReason: r.handOffReason, fallbackReason: r.fallbackReason, error: null, latencyMs: r.latencyMs };
        } catch (e) {
          // Bad input is the caller's to fix; anything else is what trying the agent found out.
          if (isAppError(e) && e.code === 'validation.failed') throw e;
          return { runId: runIdOf(e) ?? null, outcome: 'failed' as const, path: null, output: null, handOffReason: null, fallbackReason: null, error: (e as Error).message ?? String(e), latencyMs: null };
        }
      },
    }),
  ];
}

// TypeBox schemas carry symbol-keyed metadata; the JSON form is what a client can read.
const plainSchema = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema));

// Stored times are UTC ISO strings; a filter given with an offset is compared in the same form.
const iso = (t: string) => new Date(t).toISOString();
