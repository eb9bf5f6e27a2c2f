/**
 * A real `emporia start` process on the test app's database, as another node of the same store.
 * It runs the CLI bundle (rebuilt first when the sources changed) without the web-app build step,
 * so a test does not wait for Vite; the API is what these tests drive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { pathToFileURL } from 'node:url';
import { build, isStale, outfile } from '../../scripts/build-lib.mjs';
import type { TestApp } from './harness.js';

export interface NodeProcess {
  url: string;
  child: ChildProcess;
  /** How the process ended: its exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
  output(): string;
  /** Sends a signal and answers how the process ended (SIGKILL after `timeoutMs`). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | NodeJS.Signals | null | 'timeout'>;
}

const freePort = () => new Promise<number>((resolve, reject) => {
  const s = createServer();
  s.on('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
});

let built: Promise<unknown> | undefined;

/** Starts a node sharing `t`'s database and signing secret; waits until its /ready answers. */
export async function startNode(t: TestApp, opts: { env?: Record<string, string>; args?: string[] } = {}): Promise<NodeProcess> {
  built ??= isStale() ? build() : Promise.resolve();
  await built;
  const port = await freePort();
  const c = t.app.config;
  const db: Record<string, string> = c.databaseUrl
    ? { DATABASE_URL: c.databaseUrl, DATABASE_SCHEMA: c.databaseSchema ?? 'public' }
    : { SQLITE_FILE: c.sqliteFile!, DATA_DIR: c.dataDir };
  const script = `const { main } = await import(${JSON.stringify(pathToFileURL(outfile).href)}); const code = await main(process.argv.slice(1)); if (code !== null) process.exit(code);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, 'start', ...(opts.args ?? [])], {
    env: {
      PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), SEED_DEMO: 'false', LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '0', RATE_LIMIT_AUTH_MAX: '0', AUTH_SECRET: c.authSecret!, ...db, ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const append = (d: Buffer) => { log = (log + d.toString()).slice(-40_000); };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const status = await fetch(`${url}/ready`).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (i > 600 || child.exitCode !== null) { child.kill('SIGKILL'); throw new Error(`node did not start:\n${log}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url, child, exited,
    output: () => log,
    async stop(signal = 'SIGTERM', timeoutMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const ended = await Promise.race([exited, new Promise<'timeout'>((r) => { timer = setTimeout(() => r('timeout'), timeoutMs); })]);
      clearTimeout(timer);
      if (ended === 'timeout') { child.kill('SIGKILL'); await exited; }
      return ended;
    },
  };
}
