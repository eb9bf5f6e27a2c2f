/**
 * The LLM port over any OpenAI-compatible chat endpoint (Ollama, vLLM, OpenAI, Azure, a Bedrock
 * gateway) through the AI SDK: tool calling in a loop, then a structured answer in the agent's
 * draft schema. No retries — the latency budget has no room for them; a failure is classified
 * (timeout, HTTP error, invalid output) so the run record says why the offline path answered.
 */
import {
  APICallError, generateText, jsonSchema, JSONParseError, NoObjectGeneratedError, NoOutputGeneratedError, Output, stepCountIs, tool, TypeValidationError,
  type JSONSchema7, type ToolSet,
} from 'ai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { TSchema } from '@sinclair/typebox';
import { LlmFailure, type LlmClient, type LlmRequest } from './llm.js';

export interface OpenAiCompatibleOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  /** For tests that count requests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

// TypeBox schemas are JSON Schema plus symbol-keyed metadata, which the wire format drops anyway.
const plain = (schema: TSchema): JSONSchema7 => JSON.parse(JSON.stringify(schema)) as JSONSchema7;

export function createOpenAiCompatibleClient(opts: OpenAiCompatibleOptions): LlmClient {
  const provider = createOpenAICompatible({
    name: 'llm', baseURL: opts.baseUrl.replace(/\/+$/, ''), apiKey: opts.apiKey, supportsStructuredOutputs: true, fetch: opts.fetch,
  });
  const model = provider.chatModel(opts.model);
  return {
    model: opts.model,
    timeoutMs: opts.timeoutMs,
    async generate(req: LlmRequest) {
      const tools: ToolSet = {};
      for (const t of req.tools) {
        tools[t.name] = tool({ description: t.description, inputSchema: jsonSchema<unknown>(plain(t.parameters)), execute: (args: unknown) => t.execute(args) });
      }
      const signal = AbortSignal.timeout(req.timeoutMs);
      try {
        const result = await generateText({
          model, system: req.system, prompt: req.prompt, temperature: 0, maxRetries: 0, abortSignal: signal,
          tools: req.tools.length ? tools : undefined,
          stopWhen: stepCountIs(Math.max(1, req.maxSteps)),
          output: Output.object({ schema: jsonSchema<unknown>(plain(req.schema)), name: req.schemaName }),
          // The runtime checks the answer against the full schema itself; strict mode would refuse optional fields.
          providerOptions: { openaiCompatible: { strictJsonSchema: false } },
        });
        return { object: result.output };
      } catch (e) {
        throw classify(e, signal, req.timeoutMs);
      }
    },
  };
}

function classify(e: unknown, signal: AbortSignal, timeoutMs: number): LlmFailure {
  if (e instanceof LlmFailure) return e;
  const err = e as Error;
  if (signal.aborted || err?.name === 'TimeoutError' || err?.name === 'AbortError') return new LlmFailure('timeout', `no answer within ${timeoutMs} ms`);
  if (APICallError.isInstance(e)) {
    return new LlmFailure('http_error', e.statusCode ? `HTTP ${e.statusCode}: ${String(e.responseBody ?? e.message).slice(0, 200)}` : e.message.slice(0, 200));
  }
  if (NoObjectGeneratedError.isInstance(e) || NoOutputGeneratedError.isInstance(e) || JSONParseError.isInstance(e) || TypeValidationError.isInstance(e)) {
    return new LlmFailure('invalid_output', (err.message ?? 'no usable answer').slice(0, 200));
  }
  return new LlmFailure('error', `${err?.name ?? 'Error'}: ${(err?.message ?? String(e)).slice(0, 200)}`);
}
