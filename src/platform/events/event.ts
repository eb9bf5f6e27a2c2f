/**
 * Events are facts with one envelope: a dotted `noun.past_verb` type, a schema version, the
 * aggregate they are about, and a small payload checked against the event's schema.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';

export interface EventEnvelope<P = unknown> {
  id: string;
  /** Position in the outbox: total order of commits on this database. */
  seq: number;
  type: string;
  version: number;
  aggregateId: string;
  payload: P;
  occurredAt: string;
  actor: string;
  requestId?: string;
}

export interface EventDefinition<S extends TSchema = TSchema> {
  type: string;
  version: number;
  description: string;
  schema: S;
}

const catalogue = new Map<string, EventDefinition>();

/** Declares an event type; the catalogue in docs/events.md is generated from these. */
export function defineEvent<S extends TSchema>(type: string, version: number, description: string, schema: S): EventDefinition<S> {
  if (!/^[a-z_]+(\.[a-z_]+)+$/.test(type)) throw new Error(`event type '${type}' must be noun.past_verb in snake_case`);
  const def = { type, version, description, schema };
  catalogue.set(type, def);
  return def;
}

export type PayloadOf<D> = D extends EventDefinition<infer S> ? Static<S> : never;

/** Each event schema compiled once, on first use (checking is on every emit's hot path). */
const checkers = new WeakMap<TSchema, TypeCheck<TSchema>>();

/** Throws when a payload does not match its event's schema: a programming error, never user input. */
export function checkPayload(def: EventDefinition, payload: unknown): void {
  let check = checkers.get(def.schema);
  if (!check) { check = TypeCompiler.Compile(def.schema); checkers.set(def.schema, check); }
  if (!check.Check(payload)) {
    const first = [...Value.Errors(def.schema, payload)][0];
    throw new Error(`event ${def.type} payload invalid at ${first?.path || '/'}: ${first?.message}`);
  }
}

/**
 * The store's event types, by name. Types under `test.` are the test suite's own (a test file may
 * declare one, and files share a worker's modules): they are left out.
 */
export const eventCatalogue = (): EventDefinition[] => [...catalogue.values()].filter((d) => !d.type.startsWith('test.')).sort((a, b) => a.type.localeCompare(b.type));
