/** Structured logs (pino); each request's lines carry its request id. */
import pino, { type Logger } from 'pino';

export function createLogger(level: string, name = 'emporia'): Logger {
  return pino({ name, level, redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], censor: '[redacted]' } });
}

export type { Logger };
