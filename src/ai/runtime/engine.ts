/**
 * Runs one agent once: walks the state machine through the agent's phases, tries the LLM path
 * when there is one and time for it, falls back to the offline path when it fails, and hands the
 * finished record to the sink. Nothing here waits on the record being written.
 */
import { performance } from 'node:perf_hooks';
import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { newId, validationError } from '../../kernel/index.js';
import { actorRef, type Ctx, type Logger } from '../../platform/index.js';
import { isRejection, type AgentResult, type AgentRun, type AnyAgent, type RunPath, type Stage, type Trigger } from './agent.js';
import { LlmFailure, type LlmClient, type LlmTool } from './llm.js';
import type { ModelUse, RunRecord, RunSink, RunStep } from './record.js';
import { StateMachine, type AgentState } from './states.js';
import { cleanFor, dryRunRefused, schemaProblems, summarise, toolInputInvalid, toolOutputInvalid, type AnyTool } from './tool.js';

export interface EngineDeps {
  sink: RunSink;
  log: Logger;
  /** Absent when no LLM is configured: every run takes the offline path. */
  llm?: LlmClient;
}

/** An agent made ready to run: schemas compiled once. */
export interface CompiledAgent {
  def: AnyAgent;
  checkInput: TypeCheck<TSchema>;
  checkDraft: TypeCheck<TSchema>;
  checkOutput: TypeCheck<TSchema>;
  tools: Map<string, AnyTool>;
}

export function compileAgent(def: AnyAgent): CompiledAgent {
  return {
    def,
    checkInput: TypeCompiler.Compile(def.input),
    checkDraft: TypeCompiler.Compile(def.draft),
    checkOutput: TypeCompiler.Compile(def.output),
    tools: new Map((def.tools ?? []).map((t) => [t.name, t])),
  };
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 1000);

/** Below this many milliseconds an LLM call is not worth starting. */
const MIN_LLM_MS = 50;

/** Options for one run. */
export interface RunOptions {
  /** Stop before the agent's effect: the run enters responding but `respond` is not called (the admin's "try it"). */
  dryRun?: boolean;
}

const failedRuns = new WeakMap<object, string>();
/** The id of the recorded run an error failed, when it came out of `runner.run`. */
export const runIdOf = (e: unknown): string | undefined => (typeof e === 'object' && e !== null ? failedRuns.get(e) : undefined);

export async function runAgent<O>(deps: EngineDeps, agent: CompiledAgent, ctx: Ctx, input: unknown, trigger: Trigger, opts: RunOptions = {}): Promise<AgentResult<O>> {
  const { def } = agent;
  const startedAt = ctx.clock.now().toISOString();
  const t0 = performance.now();
  const elapsed = () => performance.now() - t0;
  const machine = new StateMachine();
  const steps: RunStep[] = [];
  const models: ModelUse[] = [];
  let path: RunPath = 'offline';
  let handOffReason: string | null = null;
  let fallbackReason: string | null = null;
  const id = newId('run');
  const log = deps.log;

  // The open state step, closed when the next state begins.
  let open: RunStep | undefined;
  const enter = (state: AgentState) => {
    machine.to(state);
    const at = elapsed();
    if (open) open.durationMs = at - open.atMs;
    open = { kind: 'state', name: state, path, atMs: at, durationMs: 0, input: null, output: null, error: null };
    steps.push(open);
  };
  const fail = (e: unknown) => {
    if (open) open.error = message(e);
    enter('error');
  };

  const call = async (tool: AnyTool, raw: unknown, by: RunPath): Promise<any> => {
    const at = elapsed();
    const step: RunStep = { kind: 'tool', name: tool.name, path: by, atMs: at, durationMs: 0, input: summarise(raw, 500), output: null, error: null };
    steps.push(step);
    try {
      if (tool.effect && opts.dryRun) throw dryRunRefused(tool.name);
      const args = by === 'llm' ? cleanFor(tool.input, raw) : raw;
      if (!tool.checkInput.Check(args)) throw toolInputInvalid(tool.name, schemaProblems(tool.checkInput, args));
      const out = await tool.run(run.ctx, args);
      if (!tool.checkOutput.Check(out)) throw toolOutputInvalid(tool.name, schemaProblems(tool.checkOutput, out));
      step.output = tool.summarise ? summarise(tool.summarise(out)) : summarise(out);
      return out;
    } catch (e) {
      step.error = message(e);
      throw e;
    } finally {
      step.durationMs = elapsed() - at;
    }
  };

  const run: AgentRun = {
    id, agent: def.name, ctx, trigger, log, dryRun: !!opts.dryRun,
    get path() { return path; },
    call: (tool, toolInput) => {
      if (agent.tools.get(tool.name) !== tool) throw new Error(`agent ${def.name} called tool ${tool.name}, which is not in its tools`);
      return call(tool, toolInput, 'offline');
    },
    useModel(name, version) { if (!models.some((m) => m.name === name && m.version === version)) models.push({ name, version }); },
    handOff(reason) { handOffReason = reason; },
    remainingMs: () => def.latencyBudgetMs - elapsed(),
  };

  const finish = (outcome: RunRecord['outcome'], error: string | null): RunRecord => {
    const latencyMs = elapsed();
    if (open) open.durationMs = latencyMs - open.atMs;
    const record: RunRecord = {
      id, agent: def.name, agentVersion: def.version, trigger: trigger.kind, triggerRef: trigger.ref ?? null, actor: actorRef(ctx.actor),
      inputSummary: safeSummary(def, input), startedAt,
      latencyMs, budgetMs: def.latencyBudgetMs, path, outcome, fallbackReason, handOffReason: outcome === 'handed_off' ? handOffReason : null,
      error, models, steps, finalState: machine.state,
    };
    try { deps.sink.record(record); } catch (e) { log.error({ err: e, agent: def.name }, 'agent run not recorded'); }
    return record;
  };

  try {
    enter('processing');
    if (!agent.checkInput.Check(input)) {
      throw validationError(`invalid input for agent ${def.name}`, schemaProblems(agent.checkInput, input));
    }
    const typed = input as Static<TSchema>;
    let retrieved: unknown;
    let analysis: unknown;
    if (def.retrieve) { enter('retrieving'); retrieved = await def.retrieve(run, typed); }
    if (def.analyse) { enter('analysing'); analysis = await def.analyse(run, typed, retrieved); }
    const stage: Stage<unknown, unknown, unknown> = { input: typed, retrieved, analysis };

    let output: unknown;
    let answered = false;
    if (def.llm) {
      const handOffBefore = handOffReason;
      try {
        output = await llmPath(stage);
        answered = true;
      } catch (e) {
        fallbackReason = e instanceof LlmFailure ? `${e.kind}: ${e.message}` : `error: ${message(e)}`;
        if ((path as RunPath) === 'llm') {
          // The LLM got as far as generating: the timeline shows the error and the recovery.
          fail(e);
          path = 'offline';
          enter('recovered');
        }
        handOffReason = handOffBefore;
      }
    }
    if (!answered) {
      enter('generating');
      const draft = await def.generate(run, stage);
      if (!agent.checkDraft.Check(draft)) throw new Error(`offline draft does not match the draft schema: ${JSON.stringify(schemaProblems(agent.checkDraft, draft))}`);
      enter('validating');
      const checked = await validate(draft, stage);
      if (isRejection(checked)) throw new Error(`offline draft rejected: ${checked.reason}`);
      output = checked;
    }
    enter('responding');
    if (def.respond && !opts.dryRun) await def.respond(run, output, stage);
    const record = finish(handOffReason ? 'handed_off' : 'responded', null);
    return {
      runId: id, output: output as O, outcome: record.outcome as AgentResult<O>['outcome'], handOffReason: record.handOffReason, path,
      fallbackReason, latencyMs: record.latencyMs, overBudget: record.latencyMs > def.latencyBudgetMs,
    };
  } catch (e) {
    if (machine.state !== 'error') {
      try { fail(e); } catch { /* already terminal */ }
    }
    finish('failed', message(e));
    if (typeof e === 'object' && e !== null) failedRuns.set(e, id);
    throw e;
  }

  async function validate(draft: unknown, stage: Stage<unknown, unknown, unknown>): Promise<unknown> {
    const out = def.validate ? await def.validate(run, draft, stage) : draft;
    if (isRejection(out)) return out;
    if (!agent.checkOutput.Check(out)) throw new Error(`output does not match the output schema: ${JSON.stringify(schemaProblems(agent.checkOutput, out))}`);
    return out;
  }

  /** The LLM path: generating by the model (with tools), then validating its draft. Throws LlmFailure to fall back. */
  async function llmPath(stage: Stage<unknown, unknown, unknown>): Promise<unknown> {
    const llm = deps.llm;
    if (!llm) throw new LlmFailure('not_configured', 'no LLM is configured (LLM_BASE_URL)');
    const reserve = def.offlineReserveMs ?? Math.min(200, def.latencyBudgetMs / 4);
    const available = Math.floor(Math.min(llm.timeoutMs, def.latencyBudgetMs - elapsed() - reserve));
    if (available < MIN_LLM_MS) throw new LlmFailure('no_time', `only ${Math.max(0, available)} ms of the ${def.latencyBudgetMs} ms budget left for the LLM`);
    path = 'llm';
    run.useModel('llm', llm.model);
    enter('generating');
    const allowed = def.llm!.tools ?? [...agent.tools.values()].filter((t) => !t.effect).map((t) => t.name);
    const tools: LlmTool[] = allowed.map((name) => {
      const tool = agent.tools.get(name)!;
      return { name, description: tool.description, parameters: tool.input, execute: (args) => call(tool, args, 'llm') };
    });
    const { object } = await llm.generate({
      system: def.llm!.instructions(stage), prompt: def.llm!.prompt(stage), tools, schema: def.draft, schemaName: def.name.replace(/\./g, '_'),
      maxSteps: def.llm!.maxSteps ?? 4, timeoutMs: available,
    });
    const draft = cleanFor(def.draft, object);
    if (!agent.checkDraft.Check(draft)) {
      throw new LlmFailure('invalid_output', `answer does not match the draft schema: ${schemaProblems(agent.checkDraft, draft).map((p) => `${p.field} ${p.message}`).join('; ')}`);
    }
    enter('validating');
    let checked: unknown;
    try { checked = await validate(draft, stage); } catch (e) { throw new LlmFailure('invalid_output', message(e)); }
    if (isRejection(checked)) throw new LlmFailure('rejected', checked.reason);
    return checked;
  }
}

function safeSummary(def: AnyAgent, input: unknown): string {
  try { return summarise(def.summariseInput ? def.summariseInput(input) : input, 300); } catch { return summarise(input, 300); }
}
