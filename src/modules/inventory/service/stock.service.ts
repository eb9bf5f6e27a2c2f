/** Levels, adjustments with reasons, the movement ledger, availability and the bulk seed. */
import { sql } from 'kysely';
import { AppError, fail, ok, validationError, type Result } from '../../../kernel/index.js';
import {
  actorRef, audit, decodeCursor, encodeCursor, inTransaction, isCheckViolation, isForeignKeyViolation, withDb, type Ctx,
} from '../../../platform/index.js';
import type {
  AdjustmentInput, Level, LocationAvailability, Movement, Page, SeedLevelRow, StockError, VariantAvailability,
} from '../contracts/service.js';
import { resolveDelta } from '../domain/stock.js';
import type { LocationsService } from './locations.service.js';
import { announce, atomically, insufficient, toLevel, toMovement, type InventoryDeps } from './support.js';

export class StockService {
  constructor(private deps: InventoryDeps, private locations: LocationsService) {}

  private get threshold() { return this.deps.config.lowStockThreshold; }

  /** One level with its location's name, or a zero level when nothing was ever stocked there. */
  async level(ctx: Ctx, variantId: string, locationId: string): Promise<Level> {
    const r = await ctx.db.selectFrom('inventory_levels as l').innerJoin('stock_locations as s', 's.id', 'l.location_id')
      .selectAll('l').select('s.name as location_name').where('l.variant_id', '=', variantId).where('l.location_id', '=', locationId).executeTakeFirst();
    if (r) return toLevel(r as any, this.threshold);
    const loc = await this.locations.get(ctx, locationId);
    return toLevel({ variant_id: variantId, location_id: locationId, location_name: loc.name, on_hand: 0, reserved: 0, incoming: 0, reorder_point: null, updated_at: loc.updatedAt }, this.threshold);
  }

  /** Levels by variant then location, filtered, with a keyset cursor. */
  async listLevels(ctx: Ctx, q: { locationId?: string; variantId?: string; lowStock?: boolean; limit: number; cursor?: string }): Promise<Page<Level>> {
    const after = decodeCursor<{ v: string; l: string }>(q.cursor);
    const rows = await ctx.db.selectFrom('inventory_levels as l').innerJoin('stock_locations as s', 's.id', 'l.location_id')
      .selectAll('l').select('s.name as location_name')
      .$if(!!q.locationId, (b) => b.where('l.location_id', '=', q.locationId!))
      .$if(!!q.variantId, (b) => b.where('l.variant_id', '=', q.variantId!))
      .$if(q.lowStock === true, (b) => b.where(sql<boolean>`l.on_hand - l.reserved <= coalesce(l.reorder_point, ${this.threshold})`))
      .$if(q.lowStock === false, (b) => b.where(sql<boolean>`l.on_hand - l.reserved > coalesce(l.reorder_point, ${this.threshold})`))
      .$if(!!after, (b) => b.where((eb) => eb.or([eb('l.variant_id', '>', after!.v), eb.and([eb('l.variant_id', '=', after!.v), eb('l.location_id', '>', after!.l)])])))
      .orderBy('l.variant_id').orderBy('l.location_id').limit(q.limit + 1).execute();
    const items = rows.slice(0, q.limit).map((r: any) => toLevel(r, this.threshold));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit ? encodeCursor({ v: last.variantId, l: last.locationId }) : null };
  }

  async setReorderPoint(ctx: Ctx, variantId: string, locationId: string, reorderPoint: number | null): Promise<Level> {
    return inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      await this.locations.requireActive(t, locationId, 'body.locationId');
      const now = ctx.clock.now().toISOString();
      await this.deps.levels.ensure(tx, variantId, locationId, now);
      const before = await this.level(t, variantId, locationId);
      await tx.updateTable('inventory_levels').set({ reorder_point: reorderPoint, updated_at: now }).where('variant_id', '=', variantId).where('location_id', '=', locationId).execute();
      const after = await this.level(t, variantId, locationId);
      await audit(t, { action: 'inventory.reorder_point_set', entityType: 'inventory_level', entityId: `${variantId}@${locationId}`, before, after });
      return after;
    });
  }

  /** Adds, removes or counts stock; refused (as a result) when it would leave less than is reserved. */
  async adjust(ctx: Ctx, input: AdjustmentInput): Promise<Result<{ level: Level; movement: Movement }, StockError>> {
    return atomically(ctx, async (t) => {
      await this.locations.requireActive(t, input.locationId, 'body.locationId');
      const now = ctx.clock.now().toISOString();
      const { levels } = this.deps;
      await levels.ensure(t.db, input.variantId, input.locationId, now);
      const current = (await levels.lock(t.db, input.variantId, input.locationId))!;
      const resolved = resolveDelta(input, current.on_hand);
      if ('problem' in resolved) throw validationError(`${resolved.problem.field} ${resolved.problem.message}`, [{ ...resolved.problem }]);
      const before = await this.level(t, input.variantId, input.locationId);
      const row = await levels.changeOnHand(t.db, input.variantId, input.locationId, resolved.delta, now);
      if (!row) {
        return fail(insufficient([{ variantId: input.variantId, locationId: input.locationId, requested: -resolved.delta, available: current.on_hand - current.reserved }]));
      }
      const movement = await levels.addMovement(t.db, {
        variant_id: input.variantId, location_id: input.locationId, delta: resolved.delta, on_hand_after: row.on_hand, reason: input.reason,
        reference: null, note: input.note ?? null, actor: actorRef(ctx.actor), created_at: now,
      });
      await announce(t, this.deps, row, before.available, input.reason);
      const level = await this.level(t, input.variantId, input.locationId);
      await audit(t, { action: 'inventory.adjusted', entityType: 'inventory_level', entityId: `${input.variantId}@${input.locationId}`, before, after: { ...level, reason: input.reason, delta: resolved.delta, movementId: movement.id, note: input.note ?? null } });
      return ok({ level, movement: toMovement(movement) });
    });
  }

  /** The ledger, newest first. */
  async listMovements(ctx: Ctx, q: { variantId?: string; locationId?: string; reason?: string; reference?: string; limit: number; cursor?: string }): Promise<Page<Movement>> {
    const after = decodeCursor<{ id: string }>(q.cursor);
    const rows = await ctx.db.selectFrom('inventory_movements').selectAll()
      .$if(!!q.variantId, (b) => b.where('variant_id', '=', q.variantId!))
      .$if(!!q.locationId, (b) => b.where('location_id', '=', q.locationId!))
      .$if(!!q.reason, (b) => b.where('reason', '=', q.reason!))
      .$if(!!q.reference, (b) => b.where('reference', '=', q.reference!))
      .$if(!!after, (b) => b.where('id', '<', after!.id))
      .orderBy('id', 'desc').limit(q.limit + 1).execute();
    const items = rows.slice(0, q.limit).map((r: any) => toMovement(r));
    return { items, nextCursor: rows.length > q.limit ? encodeCursor({ id: items[items.length - 1].id }) : null };
  }

  /** Availability per variant at active locations. */
  async availability(ctx: Ctx, variantIds?: string[]): Promise<Map<string, VariantAvailability>> {
    const out = new Map<string, VariantAvailability>();
    if (variantIds && !variantIds.length) return out;
    const chunks = variantIds ? chunk([...new Set(variantIds)], 500) : [undefined];
    for (const ids of chunks) {
      const rows = await ctx.db.selectFrom('inventory_levels as l').innerJoin('stock_locations as s', 's.id', 'l.location_id')
        .select(['l.variant_id', 'l.location_id', 'l.on_hand', 'l.reserved', 's.name', 's.kind', 's.pickup', 's.priority'])
        .where('s.active', '=', 1)
        .$if(!!ids, (b) => b.where('l.variant_id', 'in', ids!))
        .orderBy('l.variant_id').orderBy('s.priority').orderBy('s.name').execute();
      for (const r of rows as any[]) {
        const onHand = Number(r.on_hand);
        const reserved = Number(r.reserved);
        const loc: LocationAvailability = { locationId: r.location_id, locationName: r.name, kind: r.kind, onHand, reserved, available: onHand - reserved, pickup: !!r.pickup };
        const v: VariantAvailability = out.get(r.variant_id) ?? { variantId: r.variant_id, available: 0, byLocation: [] };
        v.available += loc.available;
        v.byLocation.push(loc);
        out.set(r.variant_id, v);
      }
    }
    return out;
  }

  /**
   * Sets on hand for many (variant, location) pairs in one transaction with multi-row statements:
   * for the demo seeder and imports. Each change is a movement and a level_changed event.
   */
  async seedLevels(ctx: Ctx, rows: SeedLevelRow[]): Promise<{ levels: number }> {
    rows.forEach((r, i) => {
      if (!Number.isSafeInteger(r.onHand) || r.onHand < 0) throw validationError(`rows[${i}].onHand must be a whole number ≥ 0`, [{ field: `rows[${i}].onHand`, message: 'must be a whole number ≥ 0' }]);
      if (!r.variantId) throw validationError(`rows[${i}].variantId is required`, [{ field: `rows[${i}].variantId`, message: 'is required' }]);
    });
    const byKey = new Map(rows.map((r) => [`${r.variantId}\u0000${r.locationId}`, r]));
    const unique = [...byKey.values()];
    const now = ctx.clock.now().toISOString();
    const actor = actorRef(ctx.actor);
    try {
      await inTransaction(ctx.db, async (tx) => {
        const t = withDb(ctx, tx);
        for (const part of chunk(unique, 400)) {
          const existing = new Map<string, { on_hand: number; reserved: number }>();
          const found = await tx.selectFrom('inventory_levels').select(['variant_id', 'location_id', 'on_hand', 'reserved'])
            .where('variant_id', 'in', [...new Set(part.map((r) => r.variantId))]).execute();
          for (const f of found as any[]) existing.set(`${f.variant_id}\u0000${f.location_id}`, { on_hand: Number(f.on_hand), reserved: Number(f.reserved) });
          const returned = await tx.insertInto('inventory_levels')
            .values(part.map((r) => ({ variant_id: r.variantId, location_id: r.locationId, on_hand: r.onHand, reserved: 0, incoming: 0, reorder_point: r.reorderPoint ?? null, updated_at: now })))
            .onConflict((oc) => oc.columns(['variant_id', 'location_id']).doUpdateSet((eb) => ({
              on_hand: eb.ref('excluded.on_hand'),
              reorder_point: eb.fn.coalesce(eb.ref('excluded.reorder_point'), eb.ref('inventory_levels.reorder_point')),
              updated_at: eb.ref('excluded.updated_at'),
            })))
            .returningAll().execute();
          const movements = [];
          for (const row of returned as any[]) {
            const was = existing.get(`${row.variant_id}\u0000${row.location_id}`);
            const level = { ...row, on_hand: Number(row.on_hand), reserved: Number(row.reserved), incoming: Number(row.incoming), reorder_point: row.reorder_point == null ? null : Number(row.reorder_point) };
            const delta = level.on_hand - (was?.on_hand ?? 0);
            if (delta === 0 && was) continue;
            movements.push({ variant_id: level.variant_id, location_id: level.location_id, delta, on_hand_after: level.on_hand, reason: 'initial' as const, reference: 'seed', note: null, actor, created_at: now });
            await announce(t, this.deps, level, was ? was.on_hand - was.reserved : 0, 'initial');
          }
          await this.deps.levels.addMovements(tx, movements);
        }
      });
    } catch (e) {
      if (isForeignKeyViolation(e)) throw validationError('a row names a stock location that does not exist', [{ field: 'rows[].locationId', message: 'is not a known location' }]);
      if (isCheckViolation(e)) throw new AppError('inventory.insufficient_stock', 'a seeded on-hand count is below what is already reserved', 409);
      throw e;
    }
    return { levels: unique.length };
  }
}

function chunk<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}
