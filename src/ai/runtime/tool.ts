/**
 * A tool is how an agent touches the store: a typed function over a module's service (never a
 * table), with a TypeBox schema for its input and its output. Both sides are checked on every
 * call — what the agent (or the LLM) passes in, and what the service hands back — so a tool's
 * answer can be trusted as a fact in a reply.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { AppError, type ErrorDetail } from '../../kernel/index.js';
import type { Ctx } from '../../platform/index.js';

export interface ToolSpec<I extends TSchema, O extends TSchema> {
  /** snake_case, unique within an agent; it is also the function name the LLM sees. */
  name: string;
  /** One sentence for the LLM and the admin: what it answers and when to use it. */
  description: string;
  input: I;
  output: O;
  /** Calls module services through `ctx` (the run's actor, permissions and transaction). */
  run(ctx: Ctx, input: Static<I>): Promise<Static<O>>;
  /**
   * The tool changes the store (cancels an order, adds to a cart). Such a tool is never offered to
   * the LLM — effects follow a validated decision — and is refused on a dry run.
   */
  effect?: boolean;
  /** A short text for the run record (default: the output as JSON, cut to 300 characters). */
  summarise?(output: Static<O>): string;
}

export interface Tool<I extends TSchema = TSchema, O extends TSchema = TSchema> extends ToolSpec<I, O> {
  readonly checkInput: TypeCheck<I>;
  readonly checkOutput: TypeCheck<O>;
}

export type AnyTool = Tool<any, any>;
export type ToolInput<T> = T extends Tool<infer I, any> ? Static<I> : never;
export type ToolOutput<T> = T extends Tool<any, infer O> ? Static<O> : never;

/** Declares a tool; its schemas are compiled once here. */
export function defineTool<I extends TSchema, O extends TSchema>(spec: ToolSpec<I, O>): Tool<I, O> {
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(spec.name)) throw new Error(`tool name '${spec.name}' must be snake_case (a-z, 0-9, _), at most 64 characters`);
  return { ...spec, checkInput: TypeCompiler.Compile(spec.input), checkOutput: TypeCompiler.Compile(spec.output) };
}

/** The fields that failed a schema, as the one error shape's details. */
export function schemaProblems(check: TypeCheck<TSchema>, value: unknown, max = 5): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const e of check.Errors(value)) {
    out.push({ field: e.path.replace(/^\//, '').replace(/\//g, '.') || '(root)', message: e.message });
    if (out.length >= max) break;
  }
  return out;
}

/** Bad input to a tool: from an LLM this goes back to the model; from agent code it is a bug. */
export const toolInputInvalid = (tool: string, details: ErrorDetail[]) =>
  new AppError('ai.tool_input_invalid', `tool ${tool} was called with invalid input`, 400, details);

/** A service answered something the tool's output schema does not allow: never passed on as a fact. */
export const toolOutputInvalid = (tool: string, details: ErrorDetail[]) =>
  new AppError('ai.tool_output_invalid', `tool ${tool} returned output that does not match its schema`, 500, details);

/** An effect tool called on a dry run (the admin's "try it"): nothing was changed. */
export const dryRunRefused = (tool: string) =>
  new AppError('ai.dry_run', `tool ${tool} changes the store and is not called on a dry run`, 409, { tool });

/** Compact JSON for the run record; long values are cut, never the whole customer history. */
export function summarise(value: unknown, max = 300): string {
  let s: string;
  try { s = typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined'; } catch { s = String(value); }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Removes properties a schema does not know before checking (LLM tool arguments often carry extras). */
export const cleanFor = <T extends TSchema>(schema: T, value: unknown): unknown => Value.Clean(schema, Value.Clone(value));
