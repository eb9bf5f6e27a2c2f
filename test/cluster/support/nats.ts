/**
 * A private nats-server with JetStream for a test that must stop it: its own free port, its own
 * store folder (kept across stops, so streams and consumers survive a restart like a real server's
 * disk), and nobody else's tests are disturbed. The binary is Debian's /usr/sbin/nats-server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { freePort, sleep } from './cluster.js';

const BIN = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

export class PrivateNats {
  private child?: ChildProcess;
  private exited?: Promise<unknown>;
  private log = '';

  private constructor(readonly port: number, readonly monitorPort: number, readonly dir: string) {}

  static async start(): Promise<PrivateNats> {
    const n = new PrivateNats(await freePort(), await freePort(), mkdtempSync(join(tmpdir(), 'emporia-nats-')));
    await n.start();
    return n;
  }

  get url(): string { return `nats://127.0.0.1:${this.port}`; }
  get running(): boolean { return !!this.child && this.child.exitCode === null && this.child.signalCode === null; }

  /** Starts (or restarts) the server on the same port and store; answers when JetStream is healthy. */
  async start(timeoutMs = 20_000): Promise<void> {
    if (this.running) return;
    const child = spawn(BIN, ['-a', '127.0.0.1', '-p', String(this.port), '-m', String(this.monitorPort), '-js', '-sd', this.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (d) => { this.log = (this.log + d).slice(-10_000); });
    child.stderr!.on('data', (d) => { this.log = (this.log + d).slice(-10_000); });
    this.exited = new Promise((resolve) => child.on('exit', resolve));
    const t0 = Date.now();
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${this.monitorPort}/healthz?js-enabled-only=true`).then((r) => r.ok, () => false);
      if (ok) return;
      if (!this.running) throw new Error(`nats-server exited while starting:\n${this.log}`);
      if (Date.now() - t0 > timeoutMs) throw new Error(`nats-server did not become healthy:\n${this.log}`);
      await sleep(50);
    }
  }

  /** Takes the server away at once (SIGKILL): clients see their connections drop. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGKILL');
    await this.exited;
  }

  /** Names of the streams the server holds. */
  async streams(): Promise<string[]> {
    const nc = await connect({ servers: this.url, timeout: 2_000 });
    try {
      const jsm = await jetstreamManager(nc);
      const names: string[] = [];
      for await (const s of jsm.streams.list()) names.push(s.config.name);
      return names;
    } finally { await nc.close(); }
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
