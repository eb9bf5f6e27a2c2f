/**
 * The record of one run, built in memory while the run goes and handed to a sink once it ends:
 * who and what started it, each state entered (offset from the start and duration), each tool
 * call (input, output summary, duration, error), the model versions used, which path answered
 * and why the LLM did not, the outcome, and the latency against the budget.
 */
import type { AgentState } from './states.js';
import type { RunOutcome, RunPath, TriggerKind } from './agent.js';

export interface RunStep {
  kind: 'state' | 'tool';
  /** A state name, or a tool name. */
  name: string;
  /** The path generating was on when this step ran (the LLM's tool calls say 'llm'). */
  path: RunPath;
  /** Milliseconds from the run's start. */
  atMs: number;
  durationMs: number;
  /** Tool calls: the input as JSON (cut); states: null. */
  input: string | null;
  /** Tool calls: a summary of the output. */
  output: string | null;
  error: string | null;
}

export interface ModelUse { name: string; version: string }

export interface RunRecord {
  id: string;
  agent: string;
  agentVersion: string;
  trigger: TriggerKind;
  triggerRef: string | null;
  /** `customer:cus_…`, `staff:…`, `system:…` — whose permissions the run used. */
  actor: string;
  inputSummary: string;
  startedAt: string;
  latencyMs: number;
  budgetMs: number;
  path: RunPath;
  outcome: RunOutcome;
  fallbackReason: string | null;
  handOffReason: string | null;
  error: string | null;
  models: ModelUse[];
  steps: RunStep[];
  /** The last state the run reached. */
  finalState: AgentState;
}

/** Where finished runs go. `record` must return at once: it is on the agent's hot path. */
export interface RunSink {
  record(run: RunRecord): void;
  /** Writes whatever is still queued (tests, the admin's reads, shutdown). */
  flush(): Promise<void>;
}

/** Keeps runs in memory (unit tests, tools that run agents outside a store). */
export class MemoryRunSink implements RunSink {
  readonly runs: RunRecord[] = [];
  record(run: RunRecord): void { this.runs.push(run); }
  async flush(): Promise<void> {}
}
