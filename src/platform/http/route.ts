/**
 * The one way to register a route. A route names who may call it (public, customer, staff with a
 * permission), its schemas (validation and OpenAPI from the same source) and a thin handler that
 * receives typed input and a context.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../context/index.js';

export type Access =
  | { kind: 'public' }
  /** Public, but a valid token (if sent) identifies the caller. */
  | { kind: 'optional' }
  | { kind: 'customer' }
  | { kind: 'staff'; permission: string };

export const access = {
  public: { kind: 'public' } as Access,
  optional: { kind: 'optional' } as Access,
  customer: { kind: 'customer' } as Access,
  staff: (permission: string): Access => ({ kind: 'staff', permission }),
};

type In<T> = T extends TSchema ? Static<T> : undefined;

export interface RouteSpec<P extends TSchema | undefined, Q extends TSchema | undefined, B extends TSchema | undefined> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  access: Access;
  summary: string;
  /** Longer OpenAPI text: refusals a client should handle, headers it should send. */
  description?: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  /** Response schemas by status; the success one also drives fast serialisation. */
  response?: Record<number, TSchema>;
  /** Status of a successful answer (default 200, or 201 for POST). */
  status?: number;
  /** Per-route rate limit (requests per minute per IP), e.g. for logins. */
  rateLimit?: number;
  /** Body is not JSON (e.g. a file upload or a CSV); skip the body schema. */
  rawBody?: boolean;
  /** Keep the exact request bytes on `req.rawBody` (for webhook signatures); a JSON body is still parsed. */
  captureRawBody?: boolean;
  /**
   * The handler keeps its own durable record of Idempotency-Key (e.g. the checkout saga, which must
   * answer a retry after a crash from its own steps); the generic stored-response layer stands aside.
   */
  ownIdempotency?: boolean;
  handler(input: { params: In<P>; query: In<Q>; body: In<B>; ctx: Ctx; req: FastifyRequest; reply: FastifyReply }): Promise<unknown>;
}

export type AnyRoute = RouteSpec<any, any, any>;

/** Declares a route with its types inferred from the schemas. */
export function route<P extends TSchema | undefined = undefined, Q extends TSchema | undefined = undefined, B extends TSchema | undefined = undefined>(
  spec: RouteSpec<P, Q, B>,
): AnyRoute {
  return spec as AnyRoute;
}
