/**
 * Backup and restore of the store's database, for `emporia backup` / `emporia restore`.
 *
 * SQLite: an online, consistent copy through SQLite's backup API (better-sqlite3 `db.backup`),
 * safe while the store runs (WAL included). A restore copies the backup next to the live file and
 * renames it over it, so the database is never half-written; the server must be stopped first.
 *
 * PostgreSQL: `pg_dump --format=custom` (only DATABASE_SCHEMA when set) and `pg_restore --clean
 * --if-exists`. A dump of one schema restored into another (DATABASE_SCHEMA differs) is rewritten
 * on the way through psql, since pg_restore cannot rename a schema.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import SQLite from 'better-sqlite3';
import pg from 'pg';

/** Reports the work of a long step: total units, then units done. */
export interface BackupProgress {
  step(name: string, total: number): void;
  update(done: number): void;
  done(note?: string): void;
}

const quiet: BackupProgress = { step() {}, update() {}, done() {} };

/** A failure the operator can act on (missing binary, refusing to overwrite, unreadable file). */
export class BackupError extends Error {}

// ---------------------------------------------------------------------------------- SQLite

/** Copies the SQLite database at `file` to `out` while it may be in use. Answers the pages copied. */
export async function backupSqlite(file: string, out: string, progress: BackupProgress = quiet): Promise<{ pages: number; bytes: number }> {
  if (file === ':memory:') throw new BackupError('SQLITE_FILE is :memory:; there is nothing on disk to back up');
  if (!existsSync(file)) throw new BackupError(`no SQLite database at ${file}`);
  mkdirSync(dirname(resolve(out)), { recursive: true });
  const tmp = `${out}.partial-${randomBytes(4).toString('hex')}`;
  const db = new SQLite(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  let pages = 0;
  let started = false;
  try {
    const result = await db.backup(tmp, {
      progress({ totalPages, remainingPages }) {
        if (!started) { progress.step('copying pages', totalPages); started = true; }
        progress.update(totalPages - remainingPages);
        return 256;
      },
    });
    pages = result.totalPages;
    if (!started) progress.step('copying pages', pages);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    db.close();
  }
  renameSync(tmp, out);
  const bytes = statSync(out).size;
  progress.done(`${pages} pages, ${formatBytes(bytes)}`);
  return { pages, bytes };
}

/** Whether the SQLite file holds any table (a missing or empty file does not). */
export function sqliteHasTables(file: string): boolean {
  if (!existsSync(file) || statSync(file).size === 0) return false;
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("select count(*) as n from sqlite_master where type = 'table' and name not like 'sqlite_%'").get() as { n: number };
    return row.n > 0;
  } finally { db.close(); }
}

/**
 * Replaces the SQLite database at `file` with the backup `from`: checks the backup, copies it to a
 * temporary file beside the target, drops the target's WAL and shared-memory files and renames the
 * copy into place. Refuses a target holding tables unless `force`.
 */
export async function restoreSqlite(from: string, file: string, opts: { force?: boolean; progress?: BackupProgress } = {}): Promise<{ pages: number }> {
  const progress = opts.progress ?? quiet;
  if (file === ':memory:') throw new BackupError('SQLITE_FILE is :memory:; there is no file to restore into');
  if (!existsSync(from)) throw new BackupError(`no backup file at ${from}`);
  let src: SQLite.Database;
  try {
    src = new SQLite(from, { readonly: true, fileMustExist: true });
    const check = src.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`${from} failed SQLite's integrity check: ${String(check)}`);
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(`${from} is not a readable SQLite database (${(e as Error).message})`);
  }
  try {
    if (!opts.force && sqliteHasTables(file)) {
      throw new BackupError(`${file} already holds a store; stop the server and pass --force to replace it`);
    }
    mkdirSync(dirname(resolve(file)), { recursive: true });
    const tmp = `${file}.restore-${randomBytes(4).toString('hex')}`;
    let pages = 0;
    let started = false;
    try {
      const result = await src.backup(tmp, {
        progress({ totalPages, remainingPages }) {
          if (!started) { progress.step('restoring pages', totalPages); started = true; }
          progress.update(totalPages - remainingPages);
          return 256;
        },
      });
      pages = result.totalPages;
      if (!started) progress.step('restoring pages', pages);
      // The copy is a plain rollback-journal file; the store switches it to WAL when it opens it.
      for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${tmp}${suffix}`, { force: true });
      for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      renameSync(tmp, file);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    progress.done(`${pages} pages`);
    return { pages };
  } finally { src.close(); }
}

// ------------------------------------------------------------------------------ PostgreSQL

/** Fails with a message naming every binary that is not on PATH. */
export function requireBinaries(names: string[]): void {
  const missing = names.filter((n) => spawnSync('which', [n], { stdio: 'ignore' }).status !== 0);
  if (missing.length) {
    throw new BackupError(`${missing.join(' and ')} not found on PATH; install the PostgreSQL client tools (e.g. apt-get install postgresql-client, matching the server's major version)`);
  }
}

/** Runs a binary, feeding each stderr line to `onLine`; rejects with the tail of stderr on failure. */
function run(cmd: string, args: string[], opts: { onLine?: (line: string) => void; stdin?: NodeJS.ReadableStream; env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, { stdio: [opts.stdin ? 'pipe' : 'ignore', 'ignore', 'pipe'], env: opts.env ?? process.env });
    const tail: string[] = [];
    let buf = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => {
      buf += d;
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) { tail.push(l); if (tail.length > 20) tail.shift(); opts.onLine?.(l); }
    });
    if (opts.stdin) opts.stdin.pipe(child.stdin!);
    child.on('error', reject);
    child.on('close', (code) => {
      if (buf) tail.push(buf);
      if (code === 0) resolveRun();
      else reject(new BackupError(`${cmd} exited with status ${code}:\n${tail.filter((l) => !/^\w+: (dumping|processing|creating|reading|saving|last|identifying|finding|flagging|executing|launching|implied|connecting|dropping)/.test(l)).slice(-10).join('\n') || tail.join('\n')}`));
    });
  });
}

async function countTables(url: string, schema: string | undefined): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = schema
      ? await client.query("select count(*)::int as n from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'", [schema])
      : await client.query("select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'");
    return res.rows[0].n;
  } finally { await client.end(); }
}

/** pg_dump of the database (or one schema) to `out` in custom format. */
export async function backupPostgres(url: string, schema: string | undefined, out: string, progress: BackupProgress = quiet): Promise<{ tables: number; bytes: number }> {
  requireBinaries(['pg_dump']);
  mkdirSync(dirname(resolve(out)), { recursive: true });
  const tables = await countTables(url, schema);
  const tmp = `${out}.partial-${randomBytes(4).toString('hex')}`;
  progress.step('dumping tables', tables);
  let done = 0;
  try {
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--verbose', ...(schema ? [`--schema=${schema}`] : []), `--file=${tmp}`, `--dbname=${url}`], {
      onLine: (l) => { if (/dumping contents of table/.test(l)) progress.update(++done); },
    });
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  renameSync(tmp, out);
  const bytes = statSync(out).size;
  progress.done(`${tables} tables, ${formatBytes(bytes)}`);
  return { tables, bytes };
}

/** The schema a custom-format dump's tables live in (from its table of contents). */
export function dumpSchema(file: string): string | undefined {
  requireBinaries(['pg_restore']);
  const res = spawnSync('pg_restore', ['--list', file], { encoding: 'utf8' });
  if (res.status !== 0) throw new BackupError(`${file} is not a pg_dump custom-format archive (${res.stderr.trim()})`);
  const table = /^\d+; \d+ \d+ TABLE (\S+) \S+/m.exec(res.stdout);
  return table?.[1];
}

/** Whether the schema holds any table. */
export async function postgresHasTables(url: string, schema: string): Promise<boolean> {
  return (await countTables(url, schema)) > 0;
}

/**
 * pg_restore --clean --if-exists of `from` into the database at `url`. When the dump's schema
 * differs from `schema`, the restore script is rewritten to the target schema and run through psql
 * (data lines are passed through untouched). Refuses a non-empty target schema unless `force`.
 */
export async function restorePostgres(from: string, url: string, schema: string, opts: { force?: boolean; progress?: BackupProgress } = {}): Promise<{ tables: number; from: string }> {
  const progress = opts.progress ?? quiet;
  if (!existsSync(from)) throw new BackupError(`no backup file at ${from}`);
  const source = dumpSchema(from) ?? schema;
  if (!opts.force && (await postgresHasTables(url, schema))) {
    throw new BackupError(`schema ${schema} already holds a store; stop the servers and pass --force to replace it`);
  }
  const list = spawnSync('pg_restore', ['--list', from], { encoding: 'utf8' }).stdout;
  const tables = (list.match(/^\d+; \d+ \d+ TABLE DATA /gm) ?? []).length;
  progress.step('restoring tables', tables);
  let done = 0;
  const onLine = (l: string) => { if (/processing data for table|COPY /.test(l)) progress.update(++done); };
  if (source === schema) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--exit-on-error', '--verbose', `--dbname=${url}`, from], { onLine });
  } else {
    requireBinaries(['pg_restore', 'psql']);
    const script = spawn('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--file=-', from], { stdio: ['ignore', 'pipe', 'pipe'] });
    let scriptErr = '';
    script.stderr.on('data', (d) => { scriptErr += d; });
    const scriptExit = new Promise<void>((res, rej) => script.on('close', (code) => (code === 0 ? res() : rej(new BackupError(`pg_restore exited with status ${code}: ${scriptErr.trim()}`)))));
    const rewritten = rewriteSchema(script.stdout, source, schema);
    await Promise.all([
      run('psql', ['--quiet', '--no-psqlrc', '--set=ON_ERROR_STOP=1', '--single-transaction', '--echo-errors', `--dbname=${url}`], {
        stdin: rewritten,
        onLine: (l) => { if (/^COPY \d+/.test(l)) progress.update(++done); },
      }),
      scriptExit,
    ]);
  }
  progress.done(`${tables} tables from schema ${source}${source === schema ? '' : ` into ${schema}`}`);
  return { tables, from: source };
}

/**
 * Rewrites a plain-SQL restore script from schema `from` to `to`: qualified names (`from.x`) and
 * `SCHEMA from` statements, outside COPY data blocks.
 */
function rewriteSchema(input: NodeJS.ReadableStream, from: string, to: string): NodeJS.ReadableStream {
  const qualified = new RegExp(`(?<![\\w$."])("?)${from}\\1(?=\\.)`, 'g');
  const schemaStmt = new RegExp(`\\bSCHEMA (IF EXISTS )?"?${from}"?(?![\\w$])`, 'g');
  const searchPath = new RegExp(`(search_path', ')${from}(?=[',])`, 'g');
  let inCopy = false;
  let buf = '';
  const out = new PassThrough();
  const emit = (line: string) => {
    if (inCopy) { if (line === '\\.') inCopy = false; out.write(`${line}\n`); return; }
    const rewritten = line.replace(qualified, `$1${to}$1`).replace(schemaStmt, (_m, ie) => `SCHEMA ${ie ?? ''}${to}`).replace(searchPath, `$1${to}`);
    if (/^COPY .* FROM stdin;$/.test(line)) inCopy = true;
    out.write(`${rewritten}\n`);
  };
  input.setEncoding?.('utf8');
  input.on('data', (d: string) => {
    buf += d;
    const lines = buf.split('\n');
    buf = lines.pop()!;
    for (const l of lines) emit(l);
  });
  input.on('end', () => { if (buf) emit(buf); out.end(); });
  input.on('error', (e) => out.destroy(e));
  return out;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
