/** What a CLI command is, and the helpers every command shares. */
import { randomInt } from 'node:crypto';
import { createLogger, loadConfig, type Config, type Env } from '../../platform/index.js';
import { createApp, type App } from '../app.js';

export interface Io { out: NodeJS.WriteStream; err: NodeJS.WriteStream }

export interface Command {
  name: string;
  /** One line for the command list, e.g. `user create --email E --role R`. */
  usage: string;
  summary: string;
  help: string;
  run(argv: string[], io: Io): Promise<number | null>;
}

/** An expected failure: printed without a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1, readonly showHelp = false) { super(message); }
}

/** Loads the configuration (throwing ConfigError) and builds the store. Quiet logs unless LOG_LEVEL says otherwise. */
export async function openApp(env: Env = process.env, opts: { quiet?: boolean } = {}): Promise<App> {
  const config: Config = loadConfig(env);
  const level = opts.quiet && !env.LOG_LEVEL ? 'warn' : config.logLevel;
  return createApp(config, { logger: createLogger(level) });
}

const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password of unambiguous characters (20 characters ≈ 115 bits). */
export function generatePassword(length = 20): string {
  let out = '';
  for (let i = 0; i < length; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}

/** Parses a positive whole number option, naming it when it is not one. */
export function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new CliError(`--${name} must be a positive whole number, got '${raw}'`);
  return Number(raw);
}

export const formatInt = (n: number) => n.toLocaleString('en-US');
