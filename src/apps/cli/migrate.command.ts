import { parseArgs } from 'node:util';
import { openApp, type Command } from './command.js';

export const migrateCommand: Command = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'apply database migrations that have not run yet',
  help: `Usage: emporia migrate

Applies every migration not yet applied to the configured database (SQLite in DATA_DIR, or
DATABASE_URL), each once, in order. Running it again does nothing.`,
  async run(argv, io) {
    parseArgs({ args: argv, options: {}, strict: true, allowPositionals: false });
    const app = await openApp(process.env, { quiet: true });
    try {
      const applied = await app.migrate();
      if (applied.length) {
        io.out.write(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}:\n${applied.map((id) => `  ${id}`).join('\n')}\n`);
      } else io.out.write('Database is up to date; nothing to apply.\n');
      return 0;
    } finally {
      await app.close();
    }
  },
};
