import { parseArgs } from 'node:util';
import { CliError, generatePassword, openApp, type Command } from './command.js';
import { createProgress } from './progress.js';
import { seedDemo, storeIsEmpty } from './demo-seed.js';
import { todayUtc } from '../../flows/demo-store/generate.js';

export const startCommand: Command = {
  name: 'start',
  usage: 'start [--role api|worker|all] [--owner-email E]',
  summary: 'migrate, seed the demo store when empty, and serve (PORT, default 3000)',
  help: `Usage: emporia start [--role api|worker|all] [--owner-email EMAIL]

Migrates the database, seeds the demo store when the database is empty and SEED_DEMO is on
(the default), and serves the API on HOST:PORT. On the very first start it creates an owner
account with a random password and prints it once; it is never shown again. When several
nodes start at once, one of them seeds and creates the owner; the others wait for it.

--role (or EMPORIA_ROLE) chooses what this process runs:
  all     the API and the web apps, and the background work below (the default)
  api     the API and the web apps only; events wait in the outbox for a worker
  worker  the outbox relay, event consumers, jobs, schedules and module background work;
          PORT serves only /health and /ready

SIGTERM or SIGINT stops gracefully: /ready answers 503, the listener closes, requests in
flight finish, consumers stop and the relay is flushed, then Redis and the database close and
the process exits 0. After SHUTDOWN_TIMEOUT seconds (default 20) it exits 1 regardless.`,
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, strict: true, options: { 'owner-email': { type: 'string', default: 'owner@emporia.local' }, role: { type: 'string' } } });
    const role = values.role;
    if (role !== undefined && !['api', 'worker', 'all'].includes(role)) throw new CliError(`--role must be api, worker or all, got '${role}'`, 2, true);
    const app = await openApp(role ? { ...process.env, EMPORIA_ROLE: role } : process.env);
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down gracefully');
      const force = setTimeout(() => {
        app.log.error({ seconds: app.config.shutdownTimeout }, 'graceful shutdown did not finish in time; stopping now');
        process.exit(1);
      }, app.config.shutdownTimeout * 1000);
      force.unref();
      let code = 0;
      try { await app.close(); } catch (e) { code = 1; app.log.error({ err: e }, 'graceful shutdown failed'); }
      process.exit(code);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));

    const applied = await app.migrate();
    if (applied.length) app.log.info({ applied }, 'migrations applied');
    // Nodes starting together on an empty database: one seeds and creates the owner, the others
    // wait for the lock and then find the store ready (the lease is renewed while seeding runs).
    const owner = await app.locks.withLock('start.bootstrap', async () => {
      if (app.config.seedDemo && (await storeIsEmpty(app))) {
        io.err.write('Empty database: seeding the demo store (set SEED_DEMO=false to start empty)…\n');
        const report = await seedDemo(app, { end: todayUtc() }, createProgress(io.err));
        io.err.write(`Demo store ready in ${(report.totalMs / 1000).toFixed(1)} s (digest ${report.digest.slice(0, 12)}).\n`);
      }
      return bootstrapOwner(app, values['owner-email']!);
    }, { ttlMs: 15_000, waitMs: 30 * 60_000 });
    const address = await app.listen();
    const url = app.config.publicUrl ?? address.replace('://0.0.0.0', '://localhost').replace('://[::]', '://localhost');
    const ms = Math.round(process.uptime() * 1000);
    if (app.config.role === 'worker') io.out.write(`\nEmporia worker running (relay, consumers, jobs, schedules); probes on ${url}/health and ${url}/ready (ready in ${ms} ms)\n`);
    else io.out.write(`\nEmporia is listening on ${url} (ready in ${ms} ms, role ${app.config.role})\n  API docs: ${url}/docs\n`);
    if (owner) {
      io.out.write(`\n  Owner login — shown once, store it now:\n    email:    ${owner.email}\n    password: ${owner.password}\n\n`);
    }
    return null;
  },
};

/** Creates the first owner when no staff exists yet; answers the credentials, or null. */
async function bootstrapOwner(app: Awaited<ReturnType<typeof openApp>>, email: string): Promise<{ email: string; password: string } | null> {
  const ctx = app.systemCtx();
  const staff = app.modules.identity.service.staff;
  if ((await staff.list(ctx)).length) return null;
  const password = generatePassword();
  try {
    const user = await staff.create(ctx, { email, name: 'Store owner', role: 'owner', password });
    return { email: user.email, password };
  } catch (e) {
    throw new CliError(`could not create the first owner (${(e as Error).message})`);
  }
}
