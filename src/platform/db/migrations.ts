/**
 * Versioned migrations. Each module contributes an ordered list; ids are global and applied
 * once, in the order the composition root lists modules. Re-running is a no-op.
 */
import { sql } from 'kysely';
import type { Db, Dialect } from './database.js';

export interface Migration {
  /** Globally unique and stable, e.g. `catalog/001_init`. */
  id: string;
  up(db: Db, dialect: Dialect): Promise<void>;
}

export interface MigrationReport {
  applied: string[];
  skipped: number;
}

/** Applies the migrations not applied yet, each in its own transaction. */
export async function migrate(db: Db, dialect: Dialect, migrations: Migration[]): Promise<MigrationReport> {
  const seen = new Set<string>();
  for (const m of migrations) {
    if (seen.has(m.id)) throw new Error(`duplicate migration id ${m.id}`);
    seen.add(m.id);
  }
  await db.schema.createTable('schema_migrations').ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const applied: string[] = [];
  await db.transaction().execute(async (tx) => {
    // Several nodes may start at once on PostgreSQL: one migrates, the others wait and then see it done.
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(727274)`.execute(tx);
    const done = new Set((await tx.selectFrom('schema_migrations').select('id').execute()).map((r) => r.id as string));
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      await m.up(tx, dialect);
      await tx.insertInto('schema_migrations').values({ id: m.id, applied_at: new Date().toISOString() }).execute();
      applied.push(m.id);
    }
  });
  return { applied, skipped: migrations.length - applied.length };
}
