import { parseArgs } from 'node:util';
import { CliError, generatePassword, openApp, type Command } from './command.js';
import { createProgress } from './progress.js';
import { seedDemo, storeIsEmpty } from './demo-seed.js';
import { todayUtc } from '../../flows/demo-store/generate.js';

export const startCommand: Command = {
  name: 'start',
  usage: 'start [--owner-email E]',
  summary: 'migrate, seed the demo store when empty, and serve (PORT, default 3000)',
  help: `Usage: emporia start [--owner-email EMAIL]

Migrates the database, seeds the demo store when the database is empty and SEED_DEMO is on
(the default), and serves the API on HOST:PORT. On the very first start it creates an owner
account with a random password and prints it once; it is never shown again.`,
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, strict: true, options: { 'owner-email': { type: 'string', default: 'owner@emporia.local' } } });
    const app = await openApp(process.env);
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      try { await app.close(); } finally { process.exit(0); }
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));

    const applied = await app.migrate();
    if (applied.length) app.log.info({ applied }, 'migrations applied');
    if (app.config.seedDemo && (await storeIsEmpty(app))) {
      io.err.write('Empty database: seeding the demo store (set SEED_DEMO=false to start empty)…\n');
      const report = await seedDemo(app, { end: todayUtc() }, createProgress(io.err));
      io.err.write(`Demo store ready in ${(report.totalMs / 1000).toFixed(1)} s (digest ${report.digest.slice(0, 12)}).\n`);
    }
    const owner = await bootstrapOwner(app, values['owner-email']!);
    const address = await app.listen();
    const url = app.config.publicUrl ?? address.replace('://0.0.0.0', '://localhost').replace('://[::]', '://localhost');
    const ms = Math.round(process.uptime() * 1000);
    io.out.write(`\nEmporia is listening on ${url} (ready in ${ms} ms)\n  API docs: ${url}/docs\n`);
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
