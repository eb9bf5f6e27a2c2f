/**
 * The database port: one Kysely instance over SQLite (embedded default) or PostgreSQL
 * (DATABASE_URL). Domain code sees only `Db` and never asks which engine it is on, except
 * through the few dialect helpers exported here.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';

// Kysely over `any` keeps modules free to declare only the tables they own (see each module's data/).
export type Db = Kysely<any>;
export type Tx = Transaction<any>;
export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** For diagnostics and the readiness probe. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The raw better-sqlite3 handle (SQLite only), for online backup. */
  sqlite?: SQLite.Database;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  sqliteFile?: string;
  dataDir: string;
  schema?: string;
  poolSize?: number;
}

// int8 (counts, sums) and numeric come back from pg as strings; our values fit in doubles.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Opens the configured database. */
export function openDatabase(opts: DatabaseOptions): DatabaseHandle {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.schema, opts.poolSize);
  const file = opts.sqliteFile ?? join(resolve(opts.dataDir), 'emporia.db');
  return openSqlite(file);
}

/**
 * Kysely prepares every query afresh; on SQLite preparing costs about as much as running. The
 * store issues a few hundred distinct statements, so each is prepared once and kept (a statement
 * still iterating a result is never handed out twice).
 */
function cachingStatements(raw: SQLite.Database, max = 2000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit && !hit.busy) return hit;
      const stmt = raw.prepare(sql);
      if (!hit) {
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt;
    },
    close: () => raw.close(),
  };
}

function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('cache_size = -64000');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: cachingStatements(raw) }) });
  return {
    db,
    dialect: 'sqlite',
    sqlite: raw,
    ping: async () => { raw.prepare('select 1').get(); },
    close: async () => { await db.destroy(); },
  };
}

function openPostgres(url: string, schema?: string, poolSize = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  if (schema) {
    pool.on('connect', (client) => { client.query(`set search_path to "${schema}"`).catch(() => undefined); });
  }
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    ping: async () => { await sql`select 1`.execute(db); },
    close: async () => { await db.destroy(); },
  };
}

const commitHooks = new WeakMap<Db, Array<() => void>>();

/** Runs fn in a transaction, or inside the caller's transaction when there already is one. */
export async function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  const hooks: Array<() => void> = [];
  const result = await db.transaction().execute((tx) => { commitHooks.set(tx, hooks); return fn(tx); });
  for (const hook of hooks) hook();
  return result;
}

/**
 * Runs fn once the transaction `db` has committed (never if it rolls back), or at once outside a
 * transaction. Used for in-process signals that others act on by reading what was written.
 */
export function afterCommit(db: Db, fn: () => void): void {
  const hooks = db.isTransaction ? commitHooks.get(db) : undefined;
  if (hooks) hooks.push(fn); else fn();
}

/** Whether an error is a unique-constraint violation, on either engine. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Whether an error is a CHECK-constraint violation, on either engine. */
export function isCheckViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === '23514' || err?.code === 'SQLITE_CONSTRAINT_CHECK';
}

/** Whether an error is a foreign-key violation, on either engine. */
export function isForeignKeyViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === '23503' || err?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** A case-insensitive LIKE on either engine. */
export const ilike = (dialect: Dialect) => (dialect === 'postgres' ? 'ilike' : 'like');

/** Whether an error is a PostgreSQL deadlock or serialisation failure: the transaction may simply be retried. */
export function isTransientConflict(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return code === '40P01' || code === '40001';
}
