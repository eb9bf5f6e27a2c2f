/**
 * The AI engine's front door for the composition root: `createAgentRuntime` builds the runtime
 * every agent registers with (run log, optional LLM) and hands back its ModuleParts — the run
 * tables and the admin's run routes. Each agent's own factory (src/ai/agents/<name>/index.ts)
 * takes the runtime and the module services its tools need, and returns ModuleParts too.
 */
import type { ModuleDeps, ModuleParts } from '../platform/index.js';
import { agentRunMigrations } from './runtime/data/migrations.js';
import { DatabaseRunSink } from './runtime/data/run-log.js';
import { AgentRuntime, type LlmClient } from './runtime/index.js';

export * from './runtime/index.js';

export interface AgentRuntimeModule { parts: ModuleParts; runtime: AgentRuntime }

export function createAgentRuntime(deps: ModuleDeps, opts: { llm?: LlmClient } = {}): AgentRuntimeModule {
  const log = deps.log.child({ module: 'ai' });
  const sink = new DatabaseRunSink(deps.database.db, log);
  const runtime = new AgentRuntime({ sink, log, llm: opts.llm });
  return {
    runtime,
    parts: {
      name: 'ai',
      migrations: agentRunMigrations,
      routes: [],
      async stop() { await sink.flush(); },
    },
  };
}
