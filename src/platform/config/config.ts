/**
 * One typed configuration, read from environment variables and validated at start. Every wrong
 * value is reported by name in one message; there is no silent insecure default.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type Env = Record<string, string | undefined>;

type Parser<T> = (raw: string) => T;

interface Setting<T> {
  env: string;
  description: string;
  default?: T | ((env: Env) => T | undefined);
  parse: Parser<T>;
  /** How a computed default reads in the README's table. */
  defaultText?: string;
}

const int = (min: number, max: number): Parser<number> => (raw) => {
  if (!/^-?\d+$/.test(raw.trim())) throw new Error(`must be a whole number, got '${raw}'`);
  const n = Number(raw);
  if (n < min || n > max) throw new Error(`must be between ${min} and ${max}, got ${n}`);
  return n;
};
const str: Parser<string> = (raw) => raw;
const bool: Parser<boolean> = (raw) => {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`must be true or false, got '${raw}'`);
};
const oneOf = <T extends string>(...values: T[]): Parser<T> => (raw) => {
  if (!values.includes(raw as T)) throw new Error(`must be one of ${values.join(', ')}, got '${raw}'`);
  return raw as T;
};
const url = (...protocols: string[]): Parser<string> => (raw) => {
  let u: URL;
  try { u = new URL(raw); } catch { throw new Error(`must be a URL, got '${raw}'`); }
  if (!protocols.includes(u.protocol.replace(':', ''))) throw new Error(`must use ${protocols.join(' or ')}://, got '${u.protocol}'`);
  return raw;
};
const list: Parser<string[]> = (raw) => raw.split(',').map((s) => s.trim()).filter(Boolean);
const currency: Parser<string> = (raw) => {
  if (!/^[A-Za-z]{3}$/.test(raw)) throw new Error(`must be a 3-letter ISO currency code, got '${raw}'`);
  return raw.toUpperCase();
};

const mailbox: Parser<string> = (raw) => {
  if (/[\r\n]/.test(raw) || raw.length > 320 || !/^(?:[^<>]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/.test(raw.trim())) {
    throw new Error(`must be an address like orders@example.com or Shop <orders@example.com>, got '${raw}'`);
  }
  return raw.trim();
};
const locale: Parser<string> = (raw) => {
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(raw)) throw new Error(`must be a language tag like en or fr-CA, got '${raw}'`);
  return raw;
};

/** The settings table; README's configuration table is generated from it (`emporia config`). */
export const settings = {
  nodeEnv: { env: 'NODE_ENV', description: 'development, production or test; production requires AUTH_SECRET', default: 'development', parse: oneOf('development', 'production', 'test') },
  port: { env: 'PORT', description: 'HTTP port', default: 3000, parse: int(0, 65535) },
  host: { env: 'HOST', description: 'interface to listen on', default: '0.0.0.0', parse: str },
  dataDir: { env: 'DATA_DIR', description: 'folder for the SQLite file, uploads and the mail outbox', default: './data', parse: str },
  databaseUrl: { env: 'DATABASE_URL', description: 'postgres://… to use PostgreSQL instead of the embedded SQLite file', parse: url('postgres', 'postgresql') },
  sqliteFile: { env: 'SQLITE_FILE', description: 'SQLite file (default DATA_DIR/emporia.db; `:memory:` for a throwaway store)', parse: str },
  databaseSchema: { env: 'DATABASE_SCHEMA', description: 'PostgreSQL schema to use (default public)', parse: (raw) => { if (!/^[a-z_][a-z0-9_]*$/.test(raw)) throw new Error(`must be a lowercase identifier, got '${raw}'`); return raw; } },
  authSecret: { env: 'AUTH_SECRET', description: 'secret for signing access tokens, at least 32 characters; generated into DATA_DIR in development', parse: (raw) => { if (raw.length < 32) throw new Error('must be at least 32 characters'); return raw; } },
  accessTokenTtl: { env: 'ACCESS_TOKEN_TTL', description: 'access token lifetime in seconds', default: 900, parse: int(30, 86_400) },
  refreshTokenTtl: { env: 'REFRESH_TOKEN_TTL', description: 'refresh token lifetime in seconds', default: 30 * 86_400, parse: int(60, 365 * 86_400) },
  loginMaxAttempts: { env: 'LOGIN_MAX_ATTEMPTS', description: 'failed logins before an account is locked', default: 5, parse: int(1, 100) },
  lockoutSeconds: { env: 'LOCKOUT_SECONDS', description: 'how long a locked account stays locked', default: 900, parse: int(1, 86_400) },
  rateLimitMax: { env: 'RATE_LIMIT_MAX', description: 'requests per minute per client IP (0 turns the limit off)', default: 6000, parse: int(0, 10_000_000) },
  rateLimitAuthMax: { env: 'RATE_LIMIT_AUTH_MAX', description: 'login, register and reset requests per minute per client IP', default: 30, parse: int(0, 1_000_000) },
  corsOrigins: { env: 'CORS_ORIGINS', description: 'comma-separated origins allowed to call the API from a browser (`*` for any)', default: [] as string[], parse: list },
  logLevel: { env: 'LOG_LEVEL', description: 'fatal, error, warn, info, debug or trace', default: (env: Env) => (env.NODE_ENV === 'test' ? 'warn' : 'info'), parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent') },
  defaultCurrency: { env: 'DEFAULT_CURRENCY', description: 'store currency', default: 'USD', parse: currency },
  reservationTtl: { env: 'RESERVATION_TTL', description: 'seconds a stock reservation holds before it expires', default: 900, parse: int(10, 7 * 86_400) },
  lowStockThreshold: { env: 'LOW_STOCK_THRESHOLD', description: 'available units at or below which a low-stock event fires', default: 5, parse: int(0, 1_000_000) },
  role: { env: 'EMPORIA_ROLE', description: "what `emporia start` runs: 'api' (HTTP only), 'worker' (relay, consumers, jobs, schedules; probes only on PORT) or 'all'; `--role` overrides it", default: 'all' as 'api' | 'worker' | 'all', parse: oneOf('api', 'worker', 'all') },
  workers: { env: 'EVENT_WORKERS', description: "run event consumers, jobs and schedules in this process (role 'all' only: 'api' never does, 'worker' always does)", default: true, parse: bool },
  shutdownTimeout: { env: 'SHUTDOWN_TIMEOUT', description: 'seconds a graceful shutdown (drain requests, stop consumers, flush the relay) may take before the process is stopped', default: 20, parse: int(1, 600) },
  seedDemo: { env: 'SEED_DEMO', description: 'seed the demo store on `start` when the database is empty', default: true, parse: bool },
  natsUrl: { env: 'NATS_URL', description: 'nats://… to carry events and jobs over NATS JetStream (durable consumers shared by every node); without it they are delivered from the database', parse: url('nats') },
  eventsNamespace: { env: 'EVENTS_NAMESPACE', description: 'prefix of the NATS streams, consumers and subjects, so several stores (or test runs) can share one NATS server', default: (env: Env) => env.DATABASE_SCHEMA || 'emporia', defaultText: 'emporia (DATABASE_SCHEMA when set)', parse: (raw) => { if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(raw)) throw new Error(`must be a letter then up to 39 letters, digits or _, got '${raw}'`); return raw; } },
  redisUrl: { env: 'REDIS_URL', description: 'redis://… (or rediss://) for the shared cache, cluster-wide rate limits, locks and token revocations; without it each node keeps them in process', parse: url('redis', 'rediss') },
  redisPrefix: { env: 'REDIS_PREFIX', description: 'namespace for every Redis key and channel, so several stores (or test runs) can share one Redis', default: (env: Env) => env.DATABASE_SCHEMA || 'emporia', defaultText: 'emporia (DATABASE_SCHEMA when set)', parse: (raw) => { if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(raw)) throw new Error(`must be 1-64 letters, digits or _ . : -, got '${raw}'`); return raw; } },
  publicUrl: { env: 'PUBLIC_URL', description: 'the store\'s public address, used in links', parse: url('http', 'https') },
  stripeSecretKey: { env: 'STRIPE_SECRET_KEY', description: 'Stripe secret key (sk_…); turns on the `stripe` payment provider', parse: (raw) => { if (!/^(sk|rk)_[A-Za-z0-9_]{8,}$/.test(raw)) throw new Error('must look like sk_… or rk_…'); return raw; } },
  stripeWebhookSecret: { env: 'STRIPE_WEBHOOK_SECRET', description: 'Stripe webhook signing secret (whsec_…); webhooks are refused without it', parse: (raw) => { if (raw.length < 16) throw new Error('must be at least 16 characters'); return raw; } },
  stripeApiBase: { env: 'STRIPE_API_BASE', description: 'Stripe API address (tests point it at a local fake)', default: 'https://api.stripe.com', parse: url('http', 'https') },
  captureMode: { env: 'CAPTURE_MODE', description: "when checkout takes the money: 'immediate' (at checkout) or 'fulfilment' (authorize at checkout, capture when the order ships or is picked up)", default: 'immediate' as 'immediate' | 'fulfilment', parse: oneOf('immediate', 'fulfilment') },
  checkoutLeaseSeconds: { env: 'CHECKOUT_LEASE_SECONDS', description: 'seconds a running checkout belongs to the node running it; after that, recovery finishes or compensates it (keep above PAYMENT_TIMEOUT_MS)', default: 60, parse: int(1, 3600) },
  failpoints: { env: 'EMPORIA_FAILPOINTS', description: 'testing only (ignored in production): comma-separated failpoints where the process kills itself, e.g. checkout.after_authorize', default: [] as string[], parse: list },
  returnWindowDays: { env: 'RETURN_WINDOW_DAYS', description: 'days after delivery (or placement, when delivery is unknown) within which customers may ask to return an order; staff can accept later returns', default: 30, parse: int(0, 3650) },
  paymentTimeoutMs: { env: 'PAYMENT_TIMEOUT_MS', description: 'milliseconds a payment provider call may take before it counts as timed out', default: 15_000, parse: int(10, 120_000) },
  smtpUrl: { env: 'SMTP_URL', description: 'smtp://user:pass@host:587 (or smtps://…) to send mail over SMTP; without it mail is written to DATA_DIR/mail and the log', parse: url('smtp', 'smtps') },
  mailLeaseSeconds: { env: 'MAIL_LEASE_SECONDS', description: 'seconds a message being sent belongs to the node sending it; a message left by a node that died is sent again after that (keep above one SMTP conversation, about a minute)', default: 120, parse: int(5, 3600) },
  mailFrom: { env: 'MAIL_FROM', description: 'sender of the store\'s mail, e.g. `Shop <orders@example.com>`', default: 'store@emporia.local', parse: mailbox },
  defaultLocale: { env: 'DEFAULT_LOCALE', description: 'language of customer messages when an order names none (en, fr, de, or a template locale you added)', default: 'en', parse: locale },
  supportEmailWebhookSecret: { env: 'SUPPORT_EMAIL_WEBHOOK_SECRET', description: 'shared secret signing inbound support email webhooks (X-Emporia-Signature: t=…,v1=HMAC-SHA256 of "t.body"); without it they are refused', parse: (raw) => { if (raw.length < 16) throw new Error('must be at least 16 characters'); return raw; } },
  supportSmsWebhookSecret: { env: 'SUPPORT_SMS_WEBHOOK_SECRET', description: 'shared secret signing inbound support SMS webhooks (same scheme); without it they are refused', parse: (raw) => { if (raw.length < 16) throw new Error('must be at least 16 characters'); return raw; } },
  supportSmsFrom: { env: 'SUPPORT_SMS_FROM', description: 'the number support SMS answers come from', default: '+10000000000', parse: (raw) => { if (!/^\+?[0-9]{4,15}$/.test(raw)) throw new Error(`must be a phone number like +14155550100, got '${raw}'`); return raw; } },
  supportSlaFirstResponse: { env: 'SUPPORT_SLA_FIRST_RESPONSE', description: 'first-response targets in minutes per priority, e.g. urgent=15,high=60,normal=240,low=1440 (unnamed ones keep these defaults)', default: [] as string[], parse: list },
  supportSlaResolution: { env: 'SUPPORT_SLA_RESOLUTION', description: 'resolution targets in minutes per priority, e.g. urgent=240,high=1440,normal=2880,low=10080', default: [] as string[], parse: list },
  supportVipSpend: { env: 'SUPPORT_VIP_SPEND', description: 'lifetime spend (minor units of the customer\'s main currency) from which support treats a customer as high-value', default: 50_000, parse: int(0, 1_000_000_000) },
  llmBaseUrl: { env: 'LLM_BASE_URL', description: 'OpenAI-compatible endpoint for the agents\' optional LLM path, e.g. http://localhost:11434/v1 (Ollama), a vLLM server or https://api.openai.com/v1; without it every agent answers offline', parse: url('http', 'https') },
  llmModel: { env: 'LLM_MODEL', description: 'model name at LLM_BASE_URL (required with it), e.g. llama3.1 or gpt-4o-mini', parse: str },
  llmApiKey: { env: 'LLM_API_KEY', description: 'API key sent as a bearer token to LLM_BASE_URL (local servers usually need none)', parse: str },
  llmTimeoutMs: { env: 'LLM_TIMEOUT_MS', description: 'milliseconds an LLM call may take (tool rounds included); each agent also caps it by its latency budget and falls back offline', default: 10_000, parse: int(50, 300_000) },
  supportAssistant: { env: 'SUPPORT_ASSISTANT', description: 'run the support assistant on customer messages (answers, hand-offs, drafts); false leaves support to people alone', default: true, parse: bool },
  aiRunRetentionDays: { env: 'AI_RUN_RETENTION_DAYS', description: 'days the agent run log keeps each run (states, tool calls, inputs) before it is pruned; 0 keeps runs forever', default: 30, parse: int(0, 3650) },
  embeddingsUrl: { env: 'EMBEDDINGS_URL', description: 'OpenAI-compatible embeddings API for visual search (POST {url}/embeddings with an image data URL), e.g. http://localhost:8080/v1; without it (or when it fails) visual search ranks by its own colour, shape and texture descriptors', parse: url('http', 'https') },
  embeddingsModel: { env: 'EMBEDDINGS_MODEL', description: 'image embeddings model at EMBEDDINGS_URL (required with it), e.g. clip-vit-b-32', parse: str },
  embeddingsApiKey: { env: 'EMBEDDINGS_API_KEY', description: 'API key sent as a bearer token to EMBEDDINGS_URL', parse: str },
  embeddingsTimeoutMs: { env: 'EMBEDDINGS_TIMEOUT_MS', description: 'milliseconds an embeddings call may take before visual search uses its own descriptors', default: 3000, parse: int(50, 60_000) },
} satisfies Record<string, Setting<any>>;

type Settings = typeof settings;
type ValueOf<S> = S extends Setting<infer T> ? T : never;
export type Config = { [K in keyof Settings]: Settings[K] extends { default: any } ? ValueOf<Settings[K]> : ValueOf<Settings[K]> | undefined };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the configuration; throws ConfigError listing every wrong value. */
export function loadConfig(env: Env = process.env): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, s] of Object.entries(settings) as [string, Setting<unknown>][]) {
    const raw = env[s.env];
    if (raw === undefined || raw === '') {
      out[key] = typeof s.default === 'function' ? (s.default as (e: Env) => unknown)(env) : s.default;
      continue;
    }
    try { out[key] = s.parse(raw); } catch (e) { problems.push(`${s.env} ${(e as Error).message}`); }
  }
  const config = out as Config;
  // The role decides whether this process consumes; EVENT_WORKERS only matters for 'all'.
  if (config.role === 'api') config.workers = false;
  else if (config.role === 'worker') config.workers = true;
  if (config.llmBaseUrl && !config.llmModel) problems.push('LLM_MODEL must be set with LLM_BASE_URL (the model to ask)');
  if (config.embeddingsUrl && !config.embeddingsModel) problems.push('EMBEDDINGS_MODEL must be set with EMBEDDINGS_URL (the model to ask)');
  if (!problems.length && config.nodeEnv === 'production' && !config.authSecret) {
    problems.push('AUTH_SECRET must be set in production (at least 32 random characters)');
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** In development, a missing AUTH_SECRET is generated once and kept in DATA_DIR so tokens survive restarts. */
export function resolveAuthSecret(config: Config): string {
  if (config.authSecret) return config.authSecret;
  if (config.nodeEnv === 'test' || config.sqliteFile === ':memory:') return randomBytes(32).toString('hex');
  const dir = resolve(config.dataDir);
  const file = join(dir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Rows for the README's configuration table. */
export function describeSettings(): { env: string; default: string; description: string }[] {
  return Object.values(settings).map((s: Setting<any>) => ({
    env: s.env,
    default: s.default === undefined ? '' : typeof s.default === 'function' ? (s.defaultText ?? 'info (warn in tests)') : Array.isArray(s.default) ? s.default.join(',') : String(s.default),
    description: s.description,
  }));
}
