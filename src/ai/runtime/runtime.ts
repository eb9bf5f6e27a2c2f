/**
 * The agent registry and the three ways a run starts. `register` returns a runner for requests
 * (a route or service calls `runner.run(ctx, input)`); `onEvent` turns an agent into a
 * Subscription and `onSchedule` into a job plus its schedule, which the agent's factory returns
 * in its ModuleParts like any module's consumers.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { Ctx, EventEnvelope, JobDefinition, Logger, ScheduleDefinition, Subscription } from '../../platform/index.js';
import type { AgentDefinition, AgentResult, AnyAgent, Trigger, TriggerKind } from './agent.js';
import { compileAgent, runAgent, type CompiledAgent, type EngineDeps, type RunOptions } from './engine.js';
import type { LlmClient } from './llm.js';
import type { RunSink } from './record.js';

export interface AgentRunner<I, O> {
  readonly name: string;
  readonly definition: AnyAgent;
  /**
   * Runs the agent once in `ctx` (its actor's permissions, its transaction if any). Resolves with
   * the output and how it was reached; rejects with the error that failed the run (bad input is a
   * 400 naming the field) — either way the run is recorded.
   */
  run(ctx: Ctx, input: I, trigger?: Trigger, opts?: RunOptions): Promise<AgentResult<O>>;
}

/** What the admin shows about a registered agent. */
export interface AgentInfo {
  name: string;
  version: string;
  description: string;
  latencyBudgetMs: number;
  hasLlmPath: boolean;
  tools: { name: string; description: string }[];
  triggers: { kind: TriggerKind; ref: string }[];
}

export interface EventTrigger<I> {
  /** Durable consumer name (default `agent.<agent name>`). */
  consumer?: string;
  /** Exact event types, or a prefix ending in `.*`. */
  types: string[];
  /** The agent's input for an event, or null to let this event pass without a run. */
  input(ctx: Ctx, event: EventEnvelope<any>): I | null | Promise<I | null>;
  maxAttempts?: number;
}

export interface ScheduleTrigger<I> {
  /** Job and schedule name (default `agent.<agent name>`). */
  name?: string;
  everySeconds: number;
  input(ctx: Ctx): I | Promise<I>;
}

export class AgentRuntime {
  private agents = new Map<string, { compiled: CompiledAgent; info: AgentInfo }>();
  private deps: EngineDeps;

  constructor(deps: { sink: RunSink; log: Logger; llm?: LlmClient }) {
    this.deps = { sink: deps.sink, log: deps.log.child({ component: 'agents' }), llm: deps.llm };
  }

  /** The configured LLM, if any (for the admin and health pages). */
  get llm(): LlmClient | undefined { return this.deps.llm; }

  get sink(): RunSink { return this.deps.sink; }

  /** Registers an agent (once per name) and returns its runner. */
  register<I extends TSchema, D extends TSchema, O extends TSchema, R, A>(def: AgentDefinition<I, D, O, R, A>): AgentRunner<Static<I>, Static<O>> {
    if (this.agents.has(def.name)) throw new Error(`agent ${def.name} registered twice`);
    const compiled = compileAgent(def as AnyAgent);
    const info: AgentInfo = {
      name: def.name, version: def.version, description: def.description, latencyBudgetMs: def.latencyBudgetMs, hasLlmPath: !!def.llm,
      tools: (def.tools ?? []).map((t) => ({ name: t.name, description: t.description })), triggers: [],
    };
    this.agents.set(def.name, { compiled, info });
    const deps = this.deps;
    return {
      name: def.name,
      definition: def as AnyAgent,
      run: (ctx, input, trigger = { kind: 'request' }, opts = {}) => runAgent<Static<O>>(deps, compiled, ctx, input, trigger, opts),
    };
  }

  /** The runner of a registered agent, by name (the admin's "try it"). */
  runner(name: string): AgentRunner<unknown, unknown> | undefined {
    const a = this.agents.get(name);
    if (!a) return undefined;
    const deps = this.deps;
    return { name, definition: a.compiled.def, run: (ctx, input, trigger = { kind: 'request' }, opts = {}) => runAgent(deps, a.compiled, ctx, input, trigger, opts) };
  }

  /** Every registered agent, by name. */
  list(): AgentInfo[] {
    return [...this.agents.values()].map((a) => a.info).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Notes that a route (or service) starts this agent, for the admin's list of agents. */
  requestTrigger(runner: AgentRunner<any, any>, ref: string): void {
    this.infoOf(runner).triggers.push({ kind: 'request', ref });
  }

  /**
   * A Subscription that runs the agent for each matching event, inside the delivery's transaction
   * (its tool writes commit with the "done" mark). A failed run is recorded and rethrown, so the
   * bus retries it and, after its attempts, parks it with the dead letters.
   */
  onEvent<I>(runner: AgentRunner<I, any>, trigger: EventTrigger<I>): Subscription {
    const consumer = trigger.consumer ?? `agent.${runner.name}`;
    this.infoOf(runner).triggers.push({ kind: 'event', ref: trigger.types.join(', ') });
    return {
      consumer,
      types: trigger.types,
      maxAttempts: trigger.maxAttempts,
      async handle(ctx, event) {
        const input = await trigger.input(ctx, event);
        if (input === null) return;
        await runner.run(ctx, input, { kind: 'event', ref: `${event.type}:${event.id}` });
      },
    };
  }

  /** A job that runs the agent, and the schedule that enqueues it every `everySeconds`. */
  onSchedule<I>(runner: AgentRunner<I, any>, trigger: ScheduleTrigger<I>): { job: JobDefinition; schedule: ScheduleDefinition } {
    const name = trigger.name ?? `agent.${runner.name}`;
    this.infoOf(runner).triggers.push({ kind: 'schedule', ref: `every ${trigger.everySeconds} s` });
    return {
      job: {
        name,
        async handle(ctx) {
          await runner.run(ctx, await trigger.input(ctx), { kind: 'schedule', ref: name });
        },
      },
      schedule: { name, everySeconds: trigger.everySeconds, job: name },
    };
  }

  private infoOf(runner: AgentRunner<any, any>): AgentInfo {
    const a = this.agents.get(runner.name);
    if (!a) throw new Error(`agent ${runner.name} is not registered with this runtime`);
    return a.info;
  }
}
