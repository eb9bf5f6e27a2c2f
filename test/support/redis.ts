/**
 * Redis for tests: a private `redis-server` on a free port that a test may stop and start again
 * (the machine's shared Redis is never stopped), and cleanup of a test's key prefix.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

const freePort = () => new Promise<number>((resolve, reject) => {
  const s = createServer();
  s.on('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
});

export interface PrivateRedis {
  url: string;
  port: number;
  /** Stops the server at once (SIGKILL), as a crash or a network cut would. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: nothing is persisted). */
  start(): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open but nothing answers, like a hung host. */
  pause(): void;
  /** Thaws a paused server (SIGCONT). */
  resume(): void;
}

/** Starts `redis-server` on a free loopback port with no persistence; kill it in afterAll. */
export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const r: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      child = c;
      exited = new Promise((resolve) => c.once('exit', () => resolve()));
      const probe = new Redis(r.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        for (let i = 0; ; i++) {
          const ok = await probe.connect().then(() => probe.ping(), () => null);
          if (ok === 'PONG') break;
          if (i > 100 || c.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`);
          probe.disconnect();
          await new Promise((res) => setTimeout(res, 50));
        }
      } finally { probe.disconnect(); }
    },
    pause() { child?.kill('SIGSTOP'); },
    resume() { child?.kill('SIGCONT'); },
    async kill() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      child.kill('SIGCONT');
      await exited;
    },
  };
  await r.start();
  return r;
}

/** A key prefix of its own for one test's store(s). */
export const uniquePrefix = () => `emporia_t_${randomBytes(5).toString('hex')}:`;

/** Deletes every key under `prefix` (SCAN + UNLINK; never FLUSHDB on a shared server). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
  client.on('error', () => undefined);
  let n = 0;
  try {
    await client.connect();
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) n += await client.unlink(...keys);
    } while (cursor !== '0');
  } catch { /* the server is gone: nothing left to clean */ } finally { client.disconnect(); }
  return n;
}
