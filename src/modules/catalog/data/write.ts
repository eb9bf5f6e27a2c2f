/** Write helpers shared by the catalog services: batched inserts, handle allocation, reference checks. */
import { sql } from 'kysely';
import { AppError, conflict, type ErrorDetail } from '../../../kernel/index.js';
import type { Db } from '../../../platform/index.js';
import { slugify, uniqueHandle } from '../domain/handle.js';

/** Inserts rows in batches small enough for either engine's parameter limit. */
export async function insertMany(db: Db, table: string, rows: Record<string, unknown>[], batch = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) await db.insertInto(table).values(rows.slice(i, i + batch)).execute();
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Allocates a handle: an explicit one must be free (409), a generated one gets a numeric suffix.
 * `reserved` holds handles already used earlier in the same batch.
 */
export async function allocateHandle(db: Db, table: string, explicit: string | undefined, title: string, field: string, opts: { reserved?: Set<string>; exceptId?: string; all?: Set<string> } = {}): Promise<string> {
  const reserved = opts.reserved ?? new Set<string>();
  if (explicit) {
    const taken = reserved.has(explicit) || (opts.all ? opts.all.has(explicit) : !!(await db.selectFrom(table).select('id').where('handle', '=', explicit)
      .$if(!!opts.exceptId, (q) => q.where('id', '!=', opts.exceptId!)).executeTakeFirst()));
    if (taken) throw conflict('catalog.handle_taken', `the handle '${explicit}' is already used`, { field });
    reserved.add(explicit);
    return explicit;
  }
  const base = slugify(title);
  let existing: Set<string>;
  if (opts.all) existing = opts.all;
  else {
    const rows = await db.selectFrom(table).select('handle')
      .where((eb) => eb.or([eb('handle', '=', base), sql<boolean>`handle like ${`${escapeLike(base)}-%`} escape '\\'`])).execute();
    existing = new Set(rows.map((r: any) => r.handle as string));
  }
  const handle = uniqueHandle(base, (h) => existing.has(h) || reserved.has(h));
  reserved.add(handle);
  return handle;
}

/** Throws a 400 naming each reference (e.g. `body.categoryIds[1]`) that does not exist in `table`. */
export async function assertExist(db: Db, table: string, ids: string[] | undefined, field: string | ((i: number) => string), what: string): Promise<void> {
  if (!ids?.length) return;
  const unique = [...new Set(ids)];
  const found = new Set((await db.selectFrom(table).select('id').where('id', 'in', unique).execute()).map((r: any) => r.id as string));
  const problems: ErrorDetail[] = [];
  ids.forEach((id, i) => { if (!found.has(id)) problems.push({ field: typeof field === 'string' ? `${field}[${i}]` : field(i), message: `no ${what} with id '${id}'` }); });
  if (problems.length) throw new AppError('validation.failed', `invalid request: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, 400, problems);
}

/** A 400 listing problems found by the service (beyond what the JSON schema can say). */
export function invalid(problems: ErrorDetail[]): AppError {
  return new AppError('validation.failed', `invalid request: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, 400, problems);
}
