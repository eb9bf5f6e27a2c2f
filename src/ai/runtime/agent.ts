/**
 * What an agent is: a name and version, a latency budget, typed input/draft/output schemas, its
 * tools, and one function per phase of the state machine. Retrieving and analysing are shared by
 * both paths; generating has an offline function (always) and an optional LLM path whose
 * structured output must parse against the same draft schema; validating turns a draft into the
 * output — or rejects it, which sends an LLM draft back to the offline path; responding performs
 * the agent's effect (post the reply, propose the change) through module services.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { Ctx, Logger } from '../../platform/index.js';
import type { AnyTool, ToolInput, ToolOutput } from './tool.js';

/** What started a run; `ref` names it (route, `event.type:event_id`, schedule name). */
export type TriggerKind = 'request' | 'event' | 'schedule';
export interface Trigger { kind: TriggerKind; ref?: string }

export type RunPath = 'offline' | 'llm';
export type RunOutcome = 'responded' | 'handed_off' | 'failed';
export const RUN_PATHS: readonly RunPath[] = ['offline', 'llm'];
export const RUN_OUTCOMES: readonly RunOutcome[] = ['responded', 'handed_off', 'failed'];
export const TRIGGER_KINDS: readonly TriggerKind[] = ['request', 'event', 'schedule'];

/** The handle every phase receives: the caller's context, tools, and the run's record. */
export interface AgentRun {
  readonly id: string;
  readonly agent: string;
  /** The context the run acts in: the caller's actor (permissions apply) and transaction, if any. */
  readonly ctx: Ctx;
  readonly trigger: Trigger;
  /**
   * True when the caller asked for no effect (the admin's "try it"): `respond` is not called. An
   * agent that must act before responding (rare: effects belong in `respond`) checks this first.
   */
  readonly dryRun: boolean;
  /** Which path is generating right now ('llm' only while the LLM path runs). */
  readonly path: RunPath;
  readonly log: Logger;
  /** Calls a tool: input and output are checked against its schemas, and the call is recorded. */
  call<T extends AnyTool>(tool: T, input: ToolInput<T>): Promise<ToolOutput<T>>;
  /** Records a model version this run relied on (e.g. the active intent classifier). */
  useModel(name: string, version: string): void;
  /** Marks the run as handed off to a human, with the reason shown in the admin; it still responds. */
  handOff(reason: string): void;
  /** Milliseconds left of the agent's latency budget (negative once over). */
  remainingMs(): number;
}

/** What each phase after analysing sees. */
export interface Stage<I, R, A> { input: I; retrieved: R; analysis: A }

/** Returned by `validate` to refuse a draft (see `reject`). */
export interface Rejection { rejected: true; reason: string }
export const reject = (reason: string): Rejection => ({ rejected: true, reason });
export const isRejection = (v: unknown): v is Rejection => typeof v === 'object' && v !== null && (v as Rejection).rejected === true && typeof (v as Rejection).reason === 'string';

/** The optional LLM path: it replaces offline generating; its answer must match the draft schema. */
export interface LlmPath<I, R, A> {
  /** System instructions (brand voice, rules, what to refuse). */
  instructions(stage: Stage<I, R, A>): string;
  /** The user turn: the request and what retrieving/analysing found. */
  prompt(stage: Stage<I, R, A>): string;
  /** Names of the agent's tools the model may call (default: all that are not effects; [] for none). */
  tools?: string[];
  /** Model round trips at most, tool calls included (default 4). */
  maxSteps?: number;
}

export interface AgentDefinition<
  I extends TSchema = TSchema, D extends TSchema = TSchema, O extends TSchema = TSchema, R = unknown, A = unknown,
> {
  /** Dotted, stable: the unit of the run log and the admin's filters, e.g. `support.assistant`. */
  name: string;
  /** Bump when behaviour changes, so runs before and after can be told apart. */
  version: string;
  description: string;
  /** Total time a run may take; the LLM gets only what leaves the offline path enough to finish. */
  latencyBudgetMs: number;
  /** Time kept for the offline path when the LLM fails (default a quarter of the budget, at most 200 ms). */
  offlineReserveMs?: number;
  input: I;
  /** What generating produces on either path; the LLM's structured output is checked against it. */
  draft: D;
  output: O;
  tools?: AnyTool[];
  /** A short line about the input for the run log (default: the input as JSON, cut to 300 characters). */
  summariseInput?(input: Static<I>): string;
  retrieve?(run: AgentRun, input: Static<I>): Promise<R>;
  analyse?(run: AgentRun, input: Static<I>, retrieved: R): Promise<A>;
  /** The offline path: rules and local models, no network. Required. */
  generate(run: AgentRun, stage: Stage<Static<I>, R, A>): Promise<Static<D>>;
  llm?: LlmPath<Static<I>, R, A>;
  /**
   * Checks a draft before anyone sees it (facts came from tools, no other customer's data, no
   * obeyed injected instruction) and returns the output, or `reject(reason)`. Default: the draft
   * itself, which must then match the output schema.
   */
  validate?(run: AgentRun, draft: Static<D>, stage: Stage<Static<I>, R, A>): Promise<Static<O> | Rejection>;
  /** The effect: post the reply, record the proposal — through module services. */
  respond?(run: AgentRun, output: Static<O>, stage: Stage<Static<I>, R, A>): Promise<void>;
}

// Any agent, whatever its schemas (the registry and recorder hold many kinds).
export type AnyAgent = AgentDefinition<any, any, any, any, any>;

/** Declares an agent; types flow from its schemas and from what `retrieve`/`analyse` return. */
export function defineAgent<I extends TSchema, D extends TSchema, O extends TSchema, R = undefined, A = undefined>(
  def: AgentDefinition<I, D, O, R, A>,
): AgentDefinition<I, D, O, R, A> {
  if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/.test(def.name)) throw new Error(`agent name '${def.name}' must be dotted snake_case, e.g. support.assistant`);
  if (!(def.latencyBudgetMs > 0)) throw new Error(`agent ${def.name}: latencyBudgetMs must be positive`);
  const names = new Set<string>();
  for (const t of def.tools ?? []) {
    if (names.has(t.name)) throw new Error(`agent ${def.name}: tool ${t.name} listed twice`);
    names.add(t.name);
  }
  for (const t of def.llm?.tools ?? []) {
    if (!names.has(t)) throw new Error(`agent ${def.name}: LLM tool ${t} is not one of its tools`);
    if (def.tools!.find((x) => x.name === t)!.effect) throw new Error(`agent ${def.name}: tool ${t} changes the store and cannot be offered to the LLM`);
  }
  return def;
}

/** What a finished run answers its caller. */
export interface AgentResult<O> {
  runId: string;
  output: O;
  outcome: Exclude<RunOutcome, 'failed'>;
  handOffReason: string | null;
  path: RunPath;
  /** Why the LLM path did not answer (not configured, timeout, error, invalid output, rejected). */
  fallbackReason: string | null;
  latencyMs: number;
  overBudget: boolean;
}
