import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, backupPostgres, backupSqlite, formatBytes, loadConfig, restorePostgres, restoreSqlite, type Config } from '../../platform/index.js';
import { CliError, type Command } from './command.js';
import { createProgress } from './progress.js';

const sqliteFileOf = (c: Config) => c.sqliteFile ?? join(resolve(c.dataDir), 'emporia.db');
const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** Turns the backup layer's expected failures into CLI errors (no stack trace). */
async function expected<T>(fn: () => Promise<T>): Promise<T> {
  try { return await fn(); } catch (e) {
    if (e instanceof BackupError) throw new CliError(e.message);
    throw e;
  }
}

export const backupCommand: Command = {
  name: 'backup',
  usage: 'backup [--out FILE]',
  summary: 'copy the database to a file while the store runs (SQLite online backup, or pg_dump)',
  help: `Usage: emporia backup [--out FILE]

Writes a consistent copy of the configured database to FILE (default
DATA_DIR/backups/emporia-<UTC time>.db on SQLite, .dump on PostgreSQL). The store may keep running.

  SQLite      SQLite's online backup API: a consistent snapshot, including pages still in the WAL.
  PostgreSQL  pg_dump --format=custom, only DATABASE_SCHEMA when it is set. Needs pg_dump on PATH
              (the PostgreSQL client tools, same major version as the server or newer).

Restore with \`emporia restore FILE\`. See docs/operations.md.`,
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { out: { type: 'string' } } });
    const config = loadConfig(process.env);
    const progress = createProgress(io.err);
    if (config.databaseUrl) {
      const out = resolve(values.out ?? join(config.dataDir, 'backups', `emporia-${stamp()}.dump`));
      const schema = config.databaseSchema;
      io.err.write(`Dumping PostgreSQL${schema ? ` schema ${schema}` : ''} with pg_dump…\n`);
      const r = await expected(() => backupPostgres(config.databaseUrl!, schema, out, progress));
      io.out.write(`Backup written to ${out} (${r.tables} tables, ${formatBytes(r.bytes)})\n`);
    } else {
      const file = sqliteFileOf(config);
      const out = resolve(values.out ?? join(config.dataDir, 'backups', `emporia-${stamp()}.db`));
      if (resolve(file) === out) throw new CliError('--out must not be the live database file');
      io.err.write(`Backing up ${file}…\n`);
      const r = await expected(() => backupSqlite(file, out, progress));
      io.out.write(`Backup written to ${out} (${formatBytes(r.bytes)})\n`);
    }
    return 0;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore FILE [--force]',
  summary: 'replace the database with a backup (stop the server first)',
  help: `Usage: emporia restore FILE [--force]

Replaces the configured database with the backup in FILE, made by \`emporia backup\`.
Stop every server process on this database first: a running store would keep its old view.
A database that already holds a store is refused unless --force is given.

  SQLite      checks the backup, copies it beside SQLITE_FILE (default DATA_DIR/emporia.db) and
              renames it into place, so the file is never half-written.
  PostgreSQL  pg_restore --clean --if-exists into DATABASE_SCHEMA (default public). A dump of
              another schema is restored into DATABASE_SCHEMA (through psql). Needs pg_restore
              (and psql for a different schema) on PATH.

Options:
  --force     replace a database that is not empty`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, strict: true, allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
    if (positionals.length !== 1) throw new CliError('give exactly one backup FILE', 1, true);
    const from = resolve(positionals[0]!);
    const config = loadConfig(process.env);
    const progress = createProgress(io.err);
    if (config.databaseUrl) {
      const schema = config.databaseSchema ?? 'public';
      io.err.write(`Restoring ${from} into PostgreSQL schema ${schema}…\n`);
      const r = await expected(() => restorePostgres(from, config.databaseUrl!, schema, { force: values.force, progress }));
      io.out.write(`Restored ${r.tables} tables into schema ${schema}${r.from !== schema ? ` (dumped from ${r.from})` : ''}\n`);
    } else {
      const file = sqliteFileOf(config);
      if (resolve(file) === from) throw new CliError('the backup FILE is the live database file');
      io.err.write(`Restoring ${from} into ${file}…\n`);
      await expected(() => restoreSqlite(from, file, { force: values.force, progress }));
      io.out.write(`Restored ${from} into ${file}\n`);
    }
    return 0;
  },
};
