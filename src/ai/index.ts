/**
 * The AI engine's front door for the composition root: `createAgentRuntime` builds the runtime
 * every agent registers with (run log, optional LLM) and hands back its ModuleParts — the run
 * tables and the admin's run routes. Each agent's own factory (src/ai/agents/<name>/index.ts)
 * takes the runtime and the module services its tools need, and returns ModuleParts too.
 */
import type { ModuleDeps, ModuleParts } from '../platform/index.js';
import { agentRunMigrations } from './runtime/data/migrations.js';
import { DatabaseRunSink } from './runtime/data/run-log.js';
import { runsRepo } from './runtime/data/runs.repo.js';
import { agentRunRoutes } from './runtime/http/runs.routes.js';
import { AgentRuntime, type LlmClient } from './runtime/index.js';
import { createOpenAiCompatibleClient } from './runtime/openai-compatible.js';

export * from './runtime/index.js';

export interface AgentRuntimeModule { parts: ModuleParts; runtime: AgentRuntime }

/** The job that prunes the run log to AI_RUN_RETENTION_DAYS (scheduled every six hours). */
export const PRUNE_RUNS_JOB = 'ai.prune_runs';

/** The LLM from the configuration (LLM_BASE_URL, LLM_MODEL, LLM_API_KEY, LLM_TIMEOUT_MS), or none. */
export function llmFromConfig(config: ModuleDeps['config']): LlmClient | undefined {
  if (!config.llmBaseUrl || !config.llmModel) return undefined;
  return createOpenAiCompatibleClient({ baseUrl: config.llmBaseUrl, model: config.llmModel, apiKey: config.llmApiKey, timeoutMs: config.llmTimeoutMs });
}

export function createAgentRuntime(deps: ModuleDeps, opts: { llm?: LlmClient } = {}): AgentRuntimeModule {
  const log = deps.log.child({ module: 'ai' });
  const sink = new DatabaseRunSink(deps.database.db, log);
  const llm = opts.llm ?? llmFromConfig(deps.config);
  if (llm) log.info({ model: llm.model }, 'agents may use the configured LLM');
  const runtime = new AgentRuntime({ sink, log, llm });
  return {
    runtime,
    parts: {
      name: 'ai',
      migrations: agentRunMigrations,
      routes: agentRunRoutes(runtime),
      jobs: [{
        name: PRUNE_RUNS_JOB,
        async handle(ctx) {
          const days = deps.config.aiRunRetentionDays;
          if (days <= 0) return;
          const pruned = await runsRepo.prune(ctx.db, new Date(ctx.clock.now().getTime() - days * 86_400_000).toISOString());
          if (pruned) log.info({ pruned, days }, 'agent run log pruned');
        },
      }],
      schedules: [{ name: PRUNE_RUNS_JOB, everySeconds: 6 * 3600, job: PRUNE_RUNS_JOB }],
      async stop() { await sink.flush(); },
    },
  };
}
