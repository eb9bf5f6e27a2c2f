/**
 * Builds the Fastify server: request ids, security headers, CORS, rate limits, auth, idempotency,
 * the error model, OpenAPI 3.1 at /openapi.json with docs at /docs, health probes, and the built
 * web apps. Modules hand in their routes; nothing here knows about a module.
 */
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { pipeline, Transform, type Readable } from 'node:stream';
import type { Logger } from 'pino';
import { AppError, forbidden, newId, unauthorized, type Clock } from '../../kernel/index.js';
import type { Actor, Ctx } from '../context/index.js';
import type { Db } from '../db/index.js';
import { errorHandler } from './errors.js';
import { registerIdempotency } from './idempotency.js';
import type { AnyRoute } from './route.js';
import { registerWebApps, type WebServing } from './web.js';
import { ErrorResponse } from './schemas.js';

declare module 'fastify' {
  interface FastifyRequest { ctx: Ctx; rawBody?: Buffer }
  interface FastifyContextConfig { access?: AnyRoute['access']; numericQuery?: string[]; ownIdempotency?: boolean }
}

export interface HttpDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  version: string;
  corsOrigins: string[];
  rateLimitMax: number;
  rateLimitAuthMax: number;
  /** Resolves a bearer token to an actor, or throws an AppError (401) when it is invalid. */
  authenticate(token: string): Promise<Actor>;
  /** Named readiness checks, read at each probe (entries may be added after start). */
  readiness: Readiness;
  /** A shared rate-limit store (Redis) instead of per-process counters. */
  rateLimitStore?: unknown;
  routes: AnyRoute[];
  /** The built web apps (dist/web); pages are served beside the API when given. */
  webDir?: string;
}

/** One dependency's probe. */
export interface ReadinessCheck {
  check(): Promise<void>;
  /**
   * Tier 1 (the database): while it fails the node is not ready (503) and is taken out of the load
   * balancer. Otherwise tier 2 (Redis, NATS): the node keeps serving on its fallbacks and /ready
   * answers 200 with status "degraded", naming the dependency.
   */
  critical: boolean;
}

export interface Readiness {
  checks: Map<string, ReadinessCheck>;
  /** Set when a graceful shutdown begins: /ready answers 503 so no new traffic is sent here. */
  shuttingDown: boolean;
}

const CHECK_TIMEOUT_MS = 2000;

/** Answers /ready: each check (bounded in time), the tier rules, and the shutting-down state. */
export async function readinessReport(r: Readiness): Promise<{ code: 200 | 503; body: { status: 'ready' | 'degraded' | 'not_ready' | 'shutting_down'; checks: Record<string, string>; degraded?: string[] } }> {
  const checks: Record<string, string> = {};
  let critical = false;
  const degraded: string[] = [];
  await Promise.all([...r.checks].map(async ([name, c]) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([c.check(), new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS); })]);
      checks[name] = 'ok';
    } catch (e) {
      checks[name] = `failing: ${(e as Error).message}`;
      if (c.critical) critical = true; else degraded.push(name);
    } finally { clearTimeout(timer); }
  }));
  if (r.shuttingDown) return { code: 503, body: { status: 'shutting_down', checks } };
  if (critical) return { code: 503, body: { status: 'not_ready', checks } };
  if (degraded.length) return { code: 200, body: { status: 'degraded', checks, degraded: degraded.sort() } };
  return { code: 200, body: { status: 'ready', checks } };
}

/** Creates the HTTP app with every route registered. */
export async function createHttpServer(deps: HttpDeps): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    // Compile response serialisers on first use rather than at start: start-up stays under a second
    // however many routes there are, and a route nobody calls costs nothing.
    schemaController: { compilersFactory: { buildSerializer: lazySerializers } },
    loggerInstance: deps.log as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.\-]{1,100}$/.test(given) ? given : newId('req');
    },
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    routerOptions: { maxParamLength: 200 },
    // While closing, a request that arrives on an open keep-alive connection is still served (the
    // graceful shutdown drains, it does not refuse); the listener itself is closed at once.
    return503OnClosing: false,
  });
  app.setErrorHandler(errorHandler);
  // Query strings and path params arrive as text and are coerced to their declared types; JSON
  // bodies are not, so `{"quantity": "5"}` is a type error rather than a silent conversion.
  const strictAjv = makeAjv(false);
  const coercingAjv = makeAjv('array');
  app.setValidatorCompiler(({ schema, httpPart }) => lazyValidator(() => (httpPart === 'body' ? strictAjv : coercingAjv).compile(schema)));
  // JSON everywhere, plus CSV for imports; other bodies get a 415 naming the problem.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string', bodyLimit: 50 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  let web: WebServing | undefined;
  app.setNotFoundHandler((req, reply) => {
    if (web?.fallback(req, reply)) return;
    void reply.code(404).send({ error: { code: 'http.not_found', message: `no route for ${req.method} ${req.url.split('?')[0]}`, details: [] } });
  });
  app.addHook('onRequest', async (req, reply) => { void reply.header('x-request-id', req.id); });
  // Draining: a keep-alive client that sends another request on its open connection is still
  // answered, but told to close it, so the connection ends and the shutdown can finish.
  app.addHook('onSend', async (_req, reply) => { if (deps.readiness.shuttingDown) void reply.header('connection', 'close'); });
  app.addHook('onRequest', rejectNonFiniteQuery);

  await app.register(helmet, {
    // The docs page runs swagger-ui's own scripts; everything else is JSON.
    contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'https:'] } },
  });
  await app.register(cors, { origin: deps.corsOrigins.includes('*') ? true : deps.corsOrigins.length ? deps.corsOrigins : false, exposedHeaders: ['x-request-id', 'idempotent-replayed'] });
  if (deps.rateLimitMax > 0) {
    await app.register(rateLimit, { global: true, max: deps.rateLimitMax, timeWindow: '1 minute', ...(deps.rateLimitStore ? { store: deps.rateLimitStore as never } : {}) });
  }
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Emporia API', version: deps.version, description: 'Store (`/store`) and admin (`/admin`) APIs. Errors are `{ error: { code, message, details } }`. Every mutation accepts an `Idempotency-Key` header.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: false });
  app.addSchema(ErrorResponse);

  // Build the context (and the actor, when there is a token) before validation runs.
  app.addHook('preValidation', async (req) => {
    const acc = req.routeOptions.config?.access;
    let actor: Actor = { kind: 'anonymous' };
    const header = req.headers.authorization;
    if (acc && acc.kind !== 'public' && header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw unauthorized('Authorization must be "Bearer <token>"', 'auth.invalid_token');
      actor = await deps.authenticate(m[1]);
    }
    req.ctx = { db: deps.db, actor, clock: deps.clock, requestId: req.id };
    if (!acc) return;
    if (acc.kind === 'customer' && actor.kind !== 'customer') {
      if (actor.kind === 'anonymous') throw unauthorized('sign in as a customer');
      throw forbidden('this endpoint is for customers');
    }
    if (acc.kind === 'staff') {
      if (actor.kind === 'anonymous') throw unauthorized('sign in as staff');
      if (actor.kind !== 'staff') throw forbidden('this endpoint is for staff');
      if (!actor.permissions.has(acc.permission)) throw forbidden(`your role (${actor.role}) lacks the permission ${acc.permission}`);
    }
  });
  registerIdempotency(app, deps.db);

  app.get('/health', { schema: { hide: true }, config: { rateLimit: false } }, async () => ({ status: 'ok' }));
  app.get('/ready', { schema: { hide: true }, config: { rateLimit: false } }, async (_req, reply) => {
    const { code, body } = await readinessReport(deps.readiness);
    return reply.code(code).send(body);
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const r of deps.routes) registerRoute(app, r);
  if (deps.webDir) web = await registerWebApps(app, deps.webDir);
  return app;
}

function registerRoute(app: FastifyInstance, r: AnyRoute): void {
  const status = r.status ?? (r.method === 'POST' ? 201 : 200);
  const response: Record<string, unknown> = { '4xx': { $ref: 'ErrorResponse#' } };
  for (const [code, schema] of Object.entries(r.response ?? {})) response[code] = schema;
  const security = r.access.kind === 'public' ? undefined : [{ bearer: [] }];
  app.route({
    method: r.method,
    url: r.url,
    config: { access: r.access, numericQuery: numericKeys(r.query), ownIdempotency: r.ownIdempotency === true, ...(r.rateLimit ? { rateLimit: { max: r.rateLimit, timeWindow: '1 minute' } } : {}) },
    ...(r.captureRawBody ? { preParsing: captureRawBody } : {}),
    schema: {
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: r.tags,
      ...(security ? { security } : {}),
      ...(r.params ? { params: r.params } : {}),
      ...(r.query ? { querystring: r.query } : {}),
      ...(r.body && !r.rawBody ? { body: r.body } : {}),
      response,
      ...(r.access.kind === 'staff' ? { description: `Requires the \`${r.access.permission}\` permission.` } : {}),
    },
    handler: async (req, reply) => {
      const result = await r.handler({ params: req.params, query: req.query, body: req.body, ctx: req.ctx, req, reply });
      if (reply.sent) return reply;
      if (result === undefined) return reply.code(status === 200 ? 204 : status).send();
      return reply.code(status).send(result);
    },
  });
}

/**
 * Tees the body stream so the exact bytes land on `req.rawBody` while the usual parser (and its
 * size limit) still runs: a signature is over the bytes sent, which re-serialised JSON is not.
 */
async function captureRawBody(req: FastifyRequest, _reply: unknown, payload: Readable) {
  const chunks: Buffer[] = [];
  const tee = new Transform({
    transform(chunk: Buffer, _enc, cb) { chunks.push(chunk); cb(null, chunk); },
    flush(cb) { req.rawBody = Buffer.concat(chunks); cb(); },
  });
  return pipeline(payload, tee, () => undefined);
}

/**
 * Ajv's number coercion turns the strings "Infinity", "1e9" and "NaN" into numbers before the
 * integer check; we refuse non-decimal spellings up front so limits and offsets stay honest.
 */
async function rejectNonFiniteQuery(req: FastifyRequest): Promise<void> {
  const q = req.query as Record<string, unknown> | undefined;
  const numeric = req.routeOptions.config?.numericQuery;
  if (!q || !numeric?.length) return;
  for (const k of numeric) {
    const v = q[k];
    const values = Array.isArray(v) ? v : [v];
    for (const s of values) {
      if (typeof s === 'string' && /^[+-]?(infinity|nan)$/i.test(s.trim())) {
        throw new AppError('validation.failed', `invalid request: query.${k} must be a finite number`, 400, [{ field: `query.${k}`, message: 'must be a finite number' }]);
      }
    }
  }
}

function numericKeys(schema: any): string[] {
  const props = schema?.properties ?? {};
  return Object.keys(props).filter((k) => {
    const t = props[k]?.type;
    return t === 'integer' || t === 'number' || (Array.isArray(t) && (t.includes('integer') || t.includes('number')));
  });
}

function makeAjv(coerceTypes: false | 'array') {
  // Never drop unknown properties: schemas say additionalProperties: false and unknown fields are errors.
  const ajv = new Ajv.default({ removeAdditional: false, coerceTypes, useDefaults: true, allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv;
}

/** Defers Ajv compilation to the first request a route receives (Fastify reads `.errors` after a call). */
function lazyValidator(compile: () => ValidateFunction) {
  let fn: ValidateFunction | undefined;
  const validate = (data: unknown) => {
    fn ??= compile();
    const ok = fn(data);
    validate.errors = fn.errors;
    return ok;
  };
  validate.errors = null as ValidateFunction['errors'];
  return validate;
}

const buildDefaultSerializers = SerializerSelector();

function lazySerializers(externalSchemas: unknown, options: unknown) {
  const build = buildDefaultSerializers(externalSchemas as any, options as any);
  return (route: any) => {
    let fn: ((data: unknown) => string) | undefined;
    return (data: unknown) => (fn ??= build(route))(data);
  };
}
