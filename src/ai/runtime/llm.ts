/**
 * The LLM port: one call that may use tools and must end in a structured answer. The runtime
 * knows only this interface; src/ai/runtime/openai-compatible.ts implements it with the AI SDK.
 * Every way it can go wrong is an LlmFailure with a kind, which the run record shows as the
 * reason the offline path answered instead.
 */
import type { TSchema } from '@sinclair/typebox';

export type LlmFailureKind = 'not_configured' | 'no_time' | 'timeout' | 'http_error' | 'invalid_output' | 'rejected' | 'error';

export class LlmFailure extends Error {
  constructor(readonly kind: LlmFailureKind, message: string) {
    super(message);
    this.name = 'LlmFailure';
  }
}

export interface LlmTool {
  name: string;
  description: string;
  /** JSON Schema of the arguments (TypeBox schemas are JSON Schema). */
  parameters: TSchema;
  /** Runs the tool for the model; a thrown error is reported back to the model as the tool's result. */
  execute(args: unknown): Promise<unknown>;
}

export interface LlmRequest {
  system: string;
  prompt: string;
  tools: LlmTool[];
  /** The answer's JSON Schema; the adapter returns the parsed object, the runtime checks it again. */
  schema: TSchema;
  schemaName: string;
  maxSteps: number;
  /** Hard limit for the whole call, tool rounds included. */
  timeoutMs: number;
}

export interface LlmClient {
  /** `provider/model`, recorded as the model version of runs that used it. */
  readonly model: string;
  /** Configured per-call timeout; the runtime also caps it by what is left of the agent's budget. */
  readonly timeoutMs: number;
  generate(req: LlmRequest): Promise<{ object: unknown }>;
}
