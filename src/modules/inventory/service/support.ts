/** What the inventory services share: the all-or-nothing helper, level announcements and DTO mapping. */
import { sql } from 'kysely';
import { fail, type Result } from '../../../kernel/index.js';
import { emit, inTransaction, isCheckViolation, isTransientConflict, withDb, type Config, type Ctx, type Dialect } from '../../../platform/index.js';
import { InventoryLevelChanged, InventoryLowStock } from '../contracts/events.js';
import type { Level, Movement, Shortage, StockError } from '../contracts/service.js';
import type { LevelRow, LevelsRepo, MovementRow } from '../data/levels.repo.js';
import { availableOf, crossedLowStock } from '../domain/stock.js';

export interface InventoryDeps {
  config: Pick<Config, 'lowStockThreshold' | 'reservationTtl'>;
  dialect: Dialect;
  levels: LevelsRepo;
}

export function insufficient(shortages: Shortage[]): StockError {
  const what = shortages.map((s) => `${s.variantId}: ${s.available} available, ${s.requested} requested`).join('; ');
  return { code: 'inventory.insufficient_stock', message: `not enough stock${what ? ` (${what})` : ''}`, shortages };
}

class Rollback extends Error {
  constructor(readonly error: unknown) { super('rolled back'); }
}

let savepoints = 0;

/**
 * Runs fn in a transaction (a savepoint inside the caller's) and keeps its writes only when it
 * returns ok: a failed result undoes every partial write, so multi-line work is all or nothing.
 * A CHECK violation — the database refusing to go below zero — becomes an insufficient-stock result.
 */
export async function atomically<T>(ctx: Ctx, fn: (t: Ctx) => Promise<Result<T, StockError>>): Promise<Result<T, StockError>> {
  if (ctx.db.isTransaction) {
    const name = `inv_sp_${++savepoints}`;
    await sql.raw(`savepoint ${name}`).execute(ctx.db);
    try {
      const r = await fn(ctx);
      await sql.raw(r.ok ? `release savepoint ${name}` : `rollback to savepoint ${name}`).execute(ctx.db);
      return r;
    } catch (e) {
      await sql.raw(`rollback to savepoint ${name}`).execute(ctx.db);
      if (isCheckViolation(e)) return fail(insufficient([]));
      throw e;
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(ctx.db, async (tx) => {
        const r = await fn(withDb(ctx, tx));
        if (!r.ok) throw new Rollback(r.error);
        return r;
      });
    } catch (e) {
      if (e instanceof Rollback) return fail(e.error as StockError);
      if (isCheckViolation(e)) return fail(insufficient([]));
      // Deadlocks and serialisation failures on PostgreSQL are transient: the whole transaction is retried.
      if (isTransientConflict(e) && attempt < 4) continue;
      throw e;
    }
  }
}

export const thresholdOf = (row: Pick<LevelRow, 'reorder_point'>, fallback: number): number => row.reorder_point ?? fallback;

/** Announces a changed level, and low stock when available just crossed down to its threshold. */
export async function announce(ctx: Ctx, deps: InventoryDeps, row: LevelRow, availableBefore: number, reason: string): Promise<void> {
  const available = row.on_hand - row.reserved;
  await emit(ctx, InventoryLevelChanged, `${row.variant_id}@${row.location_id}`, {
    variantId: row.variant_id, locationId: row.location_id, onHand: row.on_hand, reserved: row.reserved, available, reason,
  });
  const threshold = thresholdOf(row, deps.config.lowStockThreshold);
  if (crossedLowStock(availableBefore, available, threshold)) {
    await emit(ctx, InventoryLowStock, `${row.variant_id}@${row.location_id}`, { variantId: row.variant_id, locationId: row.location_id, available, threshold });
  }
}

export function toLevel(r: LevelRow & { location_name?: string }, lowStockThreshold: number): Level {
  const onHand = Number(r.on_hand);
  const reserved = Number(r.reserved);
  const available = availableOf({ onHand, reserved });
  const reorderPoint = r.reorder_point == null ? null : Number(r.reorder_point);
  return {
    variantId: r.variant_id, locationId: r.location_id, locationName: r.location_name ?? '', onHand, reserved, available,
    incoming: Number(r.incoming), reorderPoint, lowStock: available <= (reorderPoint ?? lowStockThreshold), updatedAt: r.updated_at,
  };
}

export const toMovement = (r: MovementRow): Movement => ({
  id: r.id, variantId: r.variant_id, locationId: r.location_id, delta: Number(r.delta), onHandAfter: Number(r.on_hand_after), reason: r.reason,
  reference: r.reference ?? null, note: r.note ?? null, actor: r.actor, createdAt: r.created_at,
});
