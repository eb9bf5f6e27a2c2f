/**
 * Failpoints: named places in a long operation (the checkout saga's steps) where a test can make
 * the process die as if the machine lost power — SIGKILL, no cleanup, no finally blocks — to prove
 * that recovery after a restart leaves the store consistent. Set with EMPORIA_FAILPOINTS; ignored
 * in production.
 */
import type { Config } from './config/index.js';

export type Failpoint = (name: string) => void;

export function failpoints(config: Pick<Config, 'failpoints' | 'nodeEnv'>): Failpoint {
  const armed = new Set(config.nodeEnv === 'production' ? [] : config.failpoints);
  if (!armed.size) return () => {};
  return (name) => {
    if (!armed.has(name)) return;
    process.stderr.write(`failpoint ${name}: killing the process\n`);
    process.kill(process.pid, 'SIGKILL');
  };
}
