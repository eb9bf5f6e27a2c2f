/** Stock locations: warehouses and stores, with an address, a pickup flag and optional coordinates. */
import { AppError, conflict, newId, notFound } from '../../../kernel/index.js';
import { audit, emit, inTransaction, isUniqueViolation, withDb, type Ctx } from '../../../platform/index.js';
import { StockLocationChanged } from '../contracts/events.js';
import type { Location, LocationInput } from '../contracts/service.js';

export const toLocation = (r: any): Location => ({
  id: r.id, code: r.code ?? null, name: r.name, kind: r.kind, pickup: !!r.pickup, active: !!r.active,
  address: { line1: r.line1, line2: r.line2 ?? null, city: r.city, region: r.region ?? null, postalCode: r.postal_code, country: r.country },
  latitude: r.latitude == null ? null : Number(r.latitude), longitude: r.longitude == null ? null : Number(r.longitude),
  priority: Number(r.priority), createdAt: r.created_at, updatedAt: r.updated_at,
});

const addressColumns = (a: LocationInput['address']) => ({
  line1: a.line1, line2: a.line2 ?? null, city: a.city, region: a.region ?? null, postal_code: a.postalCode, country: a.country,
});

export class LocationsService {
  /** Adds a location; codes are unique. */
  async create(ctx: Ctx, input: LocationInput): Promise<Location> {
    const now = ctx.clock.now().toISOString();
    const row = {
      id: newId('loc'), code: input.code ?? null, name: input.name.trim(), kind: input.kind, pickup: input.pickup ? 1 : 0, active: 1,
      ...addressColumns(input.address), latitude: input.latitude ?? null, longitude: input.longitude ?? null,
      priority: input.priority ?? 0, created_at: now, updated_at: now,
    };
    try {
      await inTransaction(ctx.db, async (tx) => {
        const t = withDb(ctx, tx);
        await tx.insertInto('stock_locations').values(row).execute();
        await emit(t, StockLocationChanged, row.id, { locationId: row.id, change: 'created' });
        await audit(t, { action: 'stock_location.created', entityType: 'stock_location', entityId: row.id, after: toLocation(row) });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('inventory.location_code_taken', `a location with code ${input.code} already exists`, { field: 'body.code' });
      throw e;
    }
    return toLocation(row);
  }

  async list(ctx: Ctx, q: { includeInactive?: boolean; pickupOnly?: boolean } = {}): Promise<Location[]> {
    const rows = await ctx.db.selectFrom('stock_locations').selectAll()
      .$if(!q.includeInactive, (b) => b.where('active', '=', 1))
      .$if(!!q.pickupOnly, (b) => b.where('pickup', '=', 1))
      .orderBy('priority').orderBy('name').orderBy('id').execute();
    return rows.map(toLocation);
  }

  async get(ctx: Ctx, id: string): Promise<Location> {
    const r = await ctx.db.selectFrom('stock_locations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('inventory.location_not_found', 'stock location', id);
    return toLocation(r);
  }

  /** A location that may hold stock right now: it exists and is active. */
  async requireActive(ctx: Ctx, id: string, field: string): Promise<Location> {
    const r = await ctx.db.selectFrom('stock_locations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw new AppError('inventory.location_not_found', `stock location '${id}' was not found`, 404, { id, field });
    const loc = toLocation(r);
    if (!loc.active) throw conflict('inventory.location_inactive', `stock location '${id}' is archived`, { id, field });
    return loc;
  }

  async update(ctx: Ctx, id: string, patch: Partial<LocationInput> & { active?: boolean }): Promise<Location> {
    try {
      return await inTransaction(ctx.db, async (tx) => {
        const t = withDb(ctx, tx);
        const before = await this.get(t, id);
        const set: Record<string, unknown> = { updated_at: ctx.clock.now().toISOString() };
        if (patch.name !== undefined) set.name = patch.name.trim();
        if (patch.code !== undefined) set.code = patch.code;
        if (patch.kind !== undefined) set.kind = patch.kind;
        if (patch.pickup !== undefined) set.pickup = patch.pickup ? 1 : 0;
        if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
        if (patch.address !== undefined) Object.assign(set, addressColumns(patch.address));
        if (patch.latitude !== undefined) set.latitude = patch.latitude;
        if (patch.longitude !== undefined) set.longitude = patch.longitude;
        if (patch.priority !== undefined) set.priority = patch.priority;
        await tx.updateTable('stock_locations').set(set).where('id', '=', id).execute();
        const after = await this.get(t, id);
        await emit(t, StockLocationChanged, id, { locationId: id, change: 'updated' });
        await audit(t, { action: 'stock_location.updated', entityType: 'stock_location', entityId: id, before, after });
        return after;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('inventory.location_code_taken', `a location with code ${patch.code} already exists`, { field: 'body.code' });
      throw e;
    }
  }

  /** Archives a location; refused while it still holds, reserves or expects stock. */
  async archive(ctx: Ctx, id: string): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.get(t, id);
      const held = await tx.selectFrom('inventory_levels')
        .select((eb) => [eb.fn.sum<number>('on_hand').as('on_hand'), eb.fn.sum<number>('reserved').as('reserved'), eb.fn.sum<number>('incoming').as('incoming')])
        .where('location_id', '=', id).executeTakeFirstOrThrow();
      const units = Number(held.on_hand ?? 0) + Number(held.reserved ?? 0) + Number(held.incoming ?? 0);
      if (units > 0) throw conflict('inventory.location_not_empty', `stock location '${id}' still holds stock; transfer or adjust it to zero first`, { id, onHand: Number(held.on_hand ?? 0), reserved: Number(held.reserved ?? 0), incoming: Number(held.incoming ?? 0) });
      if (!before.active) return;
      await tx.updateTable('stock_locations').set({ active: 0, pickup: 0, updated_at: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
      await emit(t, StockLocationChanged, id, { locationId: id, change: 'archived' });
      await audit(t, { action: 'stock_location.archived', entityType: 'stock_location', entityId: id, before, after: await this.get(t, id) });
    });
  }
}
