/** Shipping zones and methods, and quoting the options for a destination and parcel. */
import { AppError, newId, notFound, validationError } from '../../../kernel/index.js';
import { audit, emit, inTransaction, withDb, type Ctx } from '../../../platform/index.js';
import { ShippingMethodChanged, ShippingZoneChanged } from '../contracts/events.js';
import type { MethodInput, MethodKind, QuoteQuery, ShippingMethod, ShippingQuote, ShippingService as Contract, ShippingZone, ZoneInput } from '../contracts/service.js';
import { methodProblems, quoteOptions } from '../domain/quote.js';

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const toZone = (r: any): ShippingZone => ({ id: r.id, name: r.name, areas: json(r.areas), active: !!r.active, createdAt: r.created_at, updatedAt: r.updated_at });
const toMethod = (r: any): ShippingMethod => ({
  id: r.id, kind: r.kind, name: r.name, zoneId: r.zone_id ?? null, locationId: r.location_id ?? null, currency: r.currency ?? null,
  brackets: json(r.brackets), freeOverSubtotal: r.free_over_subtotal == null ? null : Number(r.free_over_subtotal), active: !!r.active,
  createdAt: r.created_at, updatedAt: r.updated_at,
});

const areasOf = (areas: ZoneInput['areas']) => {
  const seen = new Map<string, { country: string; region: string | null }>();
  for (const a of areas) {
    const area = { country: a.country.trim().toUpperCase(), region: a.region ? a.region.trim().toUpperCase() : null };
    seen.set(`${area.country}/${area.region ?? ''}`, area);
  }
  return [...seen.values()];
};

const methodColumns = (m: MethodInput) => ({
  kind: m.kind, name: m.name.trim(), zone_id: m.zoneId ?? null, location_id: m.locationId ?? null, currency: m.currency ? m.currency.toUpperCase() : null,
  brackets: JSON.stringify([...(m.brackets ?? [])].sort((a, b) => (a.upToGrams ?? Infinity) - (b.upToGrams ?? Infinity))),
  free_over_subtotal: m.freeOverSubtotal ?? null, active: m.active === false ? 0 : 1,
});

export class ShippingServiceImpl implements Contract {
  async listZones(ctx: Ctx, q: { includeInactive?: boolean } = {}): Promise<ShippingZone[]> {
    const rows = await ctx.db.selectFrom('shipping_zones').selectAll().$if(!q.includeInactive, (b) => b.where('active', '=', 1)).orderBy('name').orderBy('id').execute();
    return rows.map(toZone);
  }

  async getZone(ctx: Ctx, id: string): Promise<ShippingZone> {
    const r = await ctx.db.selectFrom('shipping_zones').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('shipping.zone_not_found', 'shipping zone', id);
    return toZone(r);
  }

  async createZone(ctx: Ctx, input: ZoneInput): Promise<ShippingZone> {
    const now = ctx.clock.now().toISOString();
    const row = { id: newId('shz'), name: input.name.trim(), areas: JSON.stringify(areasOf(input.areas)), active: input.active === false ? 0 : 1, created_at: now, updated_at: now };
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      await tx.insertInto('shipping_zones').values(row).execute();
      await emit(t, ShippingZoneChanged, row.id, { zoneId: row.id, change: 'created' });
      await audit(t, { action: 'shipping_zone.created', entityType: 'shipping_zone', entityId: row.id, after: toZone(row) });
    });
    return toZone(row);
  }

  async updateZone(ctx: Ctx, id: string, patch: Partial<ZoneInput>): Promise<ShippingZone> {
    return inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.getZone(t, id);
      const set: Record<string, unknown> = { updated_at: ctx.clock.now().toISOString() };
      if (patch.name !== undefined) set.name = patch.name.trim();
      if (patch.areas !== undefined) set.areas = JSON.stringify(areasOf(patch.areas));
      if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
      await tx.updateTable('shipping_zones').set(set).where('id', '=', id).execute();
      const after = await this.getZone(t, id);
      await emit(t, ShippingZoneChanged, id, { zoneId: id, change: 'updated' });
      await audit(t, { action: 'shipping_zone.updated', entityType: 'shipping_zone', entityId: id, before, after });
      return after;
    });
  }

  async archiveZone(ctx: Ctx, id: string): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.getZone(t, id);
      if (!before.active) return;
      await tx.updateTable('shipping_zones').set({ active: 0, updated_at: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
      await emit(t, ShippingZoneChanged, id, { zoneId: id, change: 'archived' });
      await audit(t, { action: 'shipping_zone.archived', entityType: 'shipping_zone', entityId: id, before, after: await this.getZone(t, id) });
    });
  }

  async listMethods(ctx: Ctx, q: { zoneId?: string; kind?: MethodKind; includeInactive?: boolean } = {}): Promise<ShippingMethod[]> {
    const rows = await ctx.db.selectFrom('shipping_methods').selectAll()
      .$if(!q.includeInactive, (b) => b.where('active', '=', 1))
      .$if(!!q.zoneId, (b) => b.where('zone_id', '=', q.zoneId!))
      .$if(!!q.kind, (b) => b.where('kind', '=', q.kind!))
      .orderBy('kind').orderBy('name').orderBy('id').execute();
    return rows.map(toMethod);
  }

  async getMethod(ctx: Ctx, id: string): Promise<ShippingMethod> {
    const r = await ctx.db.selectFrom('shipping_methods').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('shipping.method_not_found', 'shipping method', id);
    return toMethod(r);
  }

  private async check(ctx: Ctx, m: MethodInput): Promise<void> {
    const problems = methodProblems(m);
    if (problems.length) throw validationError(`shipping method is not valid: ${problems.map((d) => `${d.field} ${d.message}`).join('; ')}`, problems);
    if (m.zoneId && !(await ctx.db.selectFrom('shipping_zones').select('id').where('id', '=', m.zoneId).executeTakeFirst())) {
      throw new AppError('shipping.zone_not_found', `shipping zone '${m.zoneId}' was not found`, 404, { id: m.zoneId, field: 'body.zoneId' });
    }
  }

  async createMethod(ctx: Ctx, input: MethodInput): Promise<ShippingMethod> {
    const now = ctx.clock.now().toISOString();
    const row = { id: newId('shm'), ...methodColumns(input), created_at: now, updated_at: now };
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      await this.check(t, input);
      await tx.insertInto('shipping_methods').values(row).execute();
      await emit(t, ShippingMethodChanged, row.id, { methodId: row.id, kind: row.kind, change: 'created' });
      await audit(t, { action: 'shipping_method.created', entityType: 'shipping_method', entityId: row.id, after: toMethod(row) });
    });
    return toMethod(row);
  }

  async updateMethod(ctx: Ctx, id: string, patch: Partial<MethodInput>): Promise<ShippingMethod> {
    return inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.getMethod(t, id);
      const merged: MethodInput = {
        kind: before.kind, name: before.name, zoneId: before.zoneId, locationId: before.locationId, currency: before.currency,
        brackets: before.brackets, freeOverSubtotal: before.freeOverSubtotal, active: before.active, ...patch,
      };
      await this.check(t, merged);
      await tx.updateTable('shipping_methods').set({ ...methodColumns(merged), updated_at: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
      const after = await this.getMethod(t, id);
      await emit(t, ShippingMethodChanged, id, { methodId: id, kind: after.kind, change: 'updated' });
      await audit(t, { action: 'shipping_method.updated', entityType: 'shipping_method', entityId: id, before, after });
      return after;
    });
  }

  async archiveMethod(ctx: Ctx, id: string): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.getMethod(t, id);
      if (!before.active) return;
      await tx.updateTable('shipping_methods').set({ active: 0, updated_at: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
      await emit(t, ShippingMethodChanged, id, { methodId: id, kind: before.kind, change: 'archived' });
      await audit(t, { action: 'shipping_method.archived', entityType: 'shipping_method', entityId: id, before, after: await this.getMethod(t, id) });
    });
  }

  async quote(ctx: Ctx, q: QuoteQuery): Promise<ShippingQuote[]> {
    return quoteOptions(await this.listZones(ctx), await this.listMethods(ctx), q);
  }
}
