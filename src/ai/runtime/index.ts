/**
 * The agent runtime's public API — the one way to write an agent. Agents live in
 * src/ai/agents/<name>/ and import the runtime only from this file (not from src/ai/index.ts,
 * which composes agents), and modules only through their index.ts/contracts.
 *
 * 1. Tools: `defineTool({ name, description, input, output, run(ctx, input) })` — TypeBox schemas,
 *    checked on both sides; `run` calls a module's service with the run's ctx, never a table.
 * 2. Agent: `defineAgent({ name, version, description, latencyBudgetMs, input, draft, output, tools,
 *    retrieve?, analyse?, generate, llm?, validate?, respond? })`. The runtime walks the state
 *    machine idle → processing → retrieving → analysing → generating → validating → responding
 *    (error → recovered), calling the phase functions the agent has. `generate` is the offline path
 *    (required); `llm` is optional and must answer in the `draft` schema. `validate` returns the
 *    output or `reject(reason)`; a rejected or failed LLM draft falls back to `generate`.
 *    Inside any phase, `run.call(tool, input)` calls a tool (recorded), `run.useModel(name, version)`
 *    records a model version, `run.handOff(reason)` marks the outcome as handed_off.
 * 3. Register and trigger, in the agent's factory (which returns ModuleParts like a module):
 *      const runner = runtime.register(myAgent);
 *      // request: from a route or service → const result = await runner.run(ctx, input);
 *      // event:    subscriptions: [runtime.onEvent(runner, { types: ['order.placed'], input: (ctx, e) => ({ … }) })]
 *      // schedule: const { job, schedule } = runtime.onSchedule(runner, { everySeconds: 3600, input: () => ({}) })
 *    `result` = { runId, output, outcome: 'responded' | 'handed_off', path: 'offline' | 'llm', fallbackReason, latencyMs, overBudget }.
 * 4. Every run is recorded (states with timings, tool calls, models, path, outcome, latency vs
 *    budget) without waiting on the database, and is browsable at GET /admin/ai/runs.
 *
 * See src/ai/runtime/runtime.test.ts for a complete small agent.
 */
export { defineAgent, reject, isRejection, RUN_OUTCOMES, RUN_PATHS, TRIGGER_KINDS } from './agent.js';
export type { AgentDefinition, AgentResult, AgentRun, AnyAgent, LlmPath, Rejection, RunOutcome, RunPath, Stage, Trigger, TriggerKind } from './agent.js';
export { defineTool, summarise } from './tool.js';
export type { AnyTool, Tool, ToolInput, ToolOutput, ToolSpec } from './tool.js';
export { AgentRuntime } from './runtime.js';
export type { AgentInfo, AgentRunner, EventTrigger, ScheduleTrigger } from './runtime.js';
export { runIdOf } from './engine.js';
export type { RunOptions } from './engine.js';
export { AGENT_STATES, AGENT_TRANSITIONS, PIPELINE, canTransition, StateMachine, IllegalTransition } from './states.js';
export type { AgentState } from './states.js';
export { MemoryRunSink } from './record.js';
export type { ModelUse, RunRecord, RunSink, RunStep } from './record.js';
export { LlmFailure } from './llm.js';
export type { LlmClient, LlmFailureKind, LlmRequest, LlmTool } from './llm.js';
