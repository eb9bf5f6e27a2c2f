/**
 * Stock levels and the movement ledger. Every change of a level is one conditional UPDATE whose
 * WHERE clause re-checks the stock at write time, so two racing writers cannot both take the last
 * unit: on PostgreSQL the second one waits for the row lock and re-evaluates the condition; on
 * SQLite writers are serialised. The CHECK constraints in the migration back this up.
 */
import { sql } from 'kysely';
import { newId } from '../../../kernel/index.js';
import type { Db, Dialect } from '../../../platform/index.js';
import type { MovementReason } from '../contracts/service.js';

export interface LevelRow {
  variant_id: string; location_id: string; on_hand: number; reserved: number; incoming: number;
  reorder_point: number | null; updated_at: string;
}

export interface MovementRow {
  id: string; variant_id: string; location_id: string; delta: number; on_hand_after: number; reason: MovementReason;
  reference: string | null; note: string | null; actor: string; created_at: string;
}

const num = (r: any): LevelRow | undefined => (r ? { ...r, on_hand: Number(r.on_hand), reserved: Number(r.reserved), incoming: Number(r.incoming), reorder_point: r.reorder_point == null ? null : Number(r.reorder_point) } : undefined);

export class LevelsRepo {
  constructor(private dialect: Dialect) {}

  async get(db: Db, variantId: string, locationId: string): Promise<LevelRow | undefined> {
    return num(await db.selectFrom('inventory_levels').selectAll().where('variant_id', '=', variantId).where('location_id', '=', locationId).executeTakeFirst());
  }

  /** Reads a level and, on PostgreSQL, holds its row lock until the transaction ends. */
  async lock(db: Db, variantId: string, locationId: string): Promise<LevelRow | undefined> {
    return num(await db.selectFrom('inventory_levels').selectAll().where('variant_id', '=', variantId).where('location_id', '=', locationId)
      .$if(this.dialect === 'postgres', (q) => q.forUpdate()).executeTakeFirst());
  }

  /** Makes sure a (zero) level exists so later conditional updates have a row to hit. */
  async ensure(db: Db, variantId: string, locationId: string, now: string): Promise<void> {
    await db.insertInto('inventory_levels').values({ variant_id: variantId, location_id: locationId, on_hand: 0, reserved: 0, incoming: 0, reorder_point: null, updated_at: now })
      .onConflict((oc) => oc.columns(['variant_id', 'location_id']).doNothing()).execute();
  }

  /** Adds delta to on hand unless that would leave fewer units than are reserved; undefined when refused. */
  async changeOnHand(db: Db, variantId: string, locationId: string, delta: number, now: string): Promise<LevelRow | undefined> {
    return num(await db.updateTable('inventory_levels')
      .set({ on_hand: sql`on_hand + ${delta}`, updated_at: now })
      .where('variant_id', '=', variantId).where('location_id', '=', locationId)
      .where(sql<boolean>`on_hand + ${delta} - reserved >= 0`)
      .returningAll().executeTakeFirst());
  }

  /** Reserves qty if at least qty is available right now; undefined when it is not. */
  async reserve(db: Db, variantId: string, locationId: string, qty: number, now: string): Promise<LevelRow | undefined> {
    return num(await db.updateTable('inventory_levels')
      .set({ reserved: sql`reserved + ${qty}`, updated_at: now })
      .where('variant_id', '=', variantId).where('location_id', '=', locationId)
      .where(sql<boolean>`on_hand - reserved >= ${qty}`)
      .returningAll().executeTakeFirst());
  }

  /** Gives qty reserved units back. */
  async unreserve(db: Db, variantId: string, locationId: string, qty: number, now: string): Promise<LevelRow | undefined> {
    return num(await db.updateTable('inventory_levels')
      .set({ reserved: sql`reserved - ${qty}`, updated_at: now })
      .where('variant_id', '=', variantId).where('location_id', '=', locationId).where('reserved', '>=', qty)
      .returningAll().executeTakeFirst());
  }

  /** A reserved sale leaves the building: on hand and reserved both go down. */
  async sell(db: Db, variantId: string, locationId: string, qty: number, now: string): Promise<LevelRow | undefined> {
    return num(await db.updateTable('inventory_levels')
      .set({ on_hand: sql`on_hand - ${qty}`, reserved: sql`reserved - ${qty}`, updated_at: now })
      .where('variant_id', '=', variantId).where('location_id', '=', locationId).where('reserved', '>=', qty)
      .returningAll().executeTakeFirst());
  }

  async changeIncoming(db: Db, variantId: string, locationId: string, delta: number, now: string): Promise<LevelRow | undefined> {
    return num(await db.updateTable('inventory_levels')
      .set({ incoming: sql`incoming + ${delta}`, updated_at: now })
      .where('variant_id', '=', variantId).where('location_id', '=', locationId)
      .where(sql<boolean>`incoming + ${delta} >= 0`)
      .returningAll().executeTakeFirst());
  }

  /** Levels of a variant at active locations, with each location's allocation priority. */
  async candidates(db: Db, variantId: string): Promise<(LevelRow & { priority: number })[]> {
    const rows = await db.selectFrom('inventory_levels as l').innerJoin('stock_locations as s', 's.id', 'l.location_id')
      .selectAll('l').select('s.priority').where('l.variant_id', '=', variantId).where('s.active', '=', 1).execute();
    return rows.map((r: any) => ({ ...num(r)!, priority: Number(r.priority) }));
  }

  async addMovement(db: Db, m: Omit<MovementRow, 'id'>): Promise<MovementRow> {
    const row = { id: newId('mov'), ...m };
    await db.insertInto('inventory_movements').values(row).execute();
    return row;
  }

  async addMovements(db: Db, rows: Omit<MovementRow, 'id'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await db.insertInto('inventory_movements').values(rows.slice(i, i + 500).map((m) => ({ id: newId('mov'), ...m }))).execute();
    }
  }
}
