/**
 * Order numbers (#1001…), unique per store and increasing. On PostgreSQL a sequence hands them out
 * without holding a lock until commit, so concurrent checkouts do not queue behind one row; a number
 * taken by a transaction that rolls back is not reused (numbers may have gaps, never duplicates).
 * SQLite has a single writer anyway: a counter row, rolled back with its transaction.
 */
import { sql } from 'kysely';
import type { Db, Dialect } from '../../../platform/index.js';

/** `count` new order numbers, ascending (contiguous on SQLite). */
export async function takeOrderNumbers(db: Db, dialect: Dialect, count = 1): Promise<number[]> {
  if (count <= 0) return [];
  if (dialect === 'postgres') {
    const { rows } = await sql<{ n: string }>`select nextval('order_number_seq') as n from generate_series(1, ${count})`.execute(db);
    return rows.map((r) => Number(r.n)).sort((a, b) => a - b);
  }
  const r = await db.updateTable('order_counter').set((eb) => ({ last: eb('last', '+', count) })).where('id', '=', 1).returning('last').executeTakeFirstOrThrow();
  const first = Number(r.last) - count + 1;
  return Array.from({ length: count }, (_, i) => first + i);
}
