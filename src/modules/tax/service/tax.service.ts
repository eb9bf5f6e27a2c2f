/** Tax classes, rates per destination, the inclusive/exclusive setting, and resolving rates for an address. */
import { AppError, conflict, newId, notFound } from '../../../kernel/index.js';
import { audit, emit, inTransaction, isForeignKeyViolation, isUniqueViolation, withDb, type Ctx } from '../../../platform/index.js';
import { TaxRateChanged, TaxSettingsChanged } from '../contracts/events.js';
import type { Destination, ResolvedTaxRate, TaxClass, TaxRate, TaxRateInput, TaxService as Contract, TaxSettings } from '../contracts/service.js';
import { resolveRates } from '../domain/resolve.js';

const toClass = (r: any): TaxClass => ({ id: r.id, code: r.code, name: r.name, createdAt: r.created_at, updatedAt: r.updated_at });
const toRate = (r: any): TaxRate => ({
  id: r.id, taxClassId: r.tax_class_id, name: r.name, country: r.country, region: r.region || null, postalPrefix: r.postal_prefix || null,
  rateBp: Number(r.rate_bp), createdAt: r.created_at, updatedAt: r.updated_at,
});
const up = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '').toUpperCase();

const scopeTaken = () => conflict('tax.rate_exists', 'this tax class already has a rate for that country, region and postal prefix', { field: 'body.country' });
const unknownClass = (id: string) => new AppError('tax.class_not_found', `tax class '${id}' was not found`, 404, { id, field: 'body.taxClassId' });

export class TaxServiceImpl implements Contract {
  async listClasses(ctx: Ctx): Promise<TaxClass[]> {
    return (await ctx.db.selectFrom('tax_classes').selectAll().orderBy('code').execute()).map(toClass);
  }

  async createClass(ctx: Ctx, input: { code: string; name: string }): Promise<TaxClass> {
    const now = ctx.clock.now().toISOString();
    const row = { id: newId('txc'), code: input.code.trim().toLowerCase(), name: input.name.trim(), created_at: now, updated_at: now };
    try {
      await inTransaction(ctx.db, async (tx) => {
        await tx.insertInto('tax_classes').values(row).execute();
        await audit(withDb(ctx, tx), { action: 'tax_class.created', entityType: 'tax_class', entityId: row.id, after: toClass(row) });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('tax.class_code_taken', `a tax class with code ${row.code} already exists`, { field: 'body.code' });
      throw e;
    }
    return toClass(row);
  }

  async updateClass(ctx: Ctx, id: string, patch: { name?: string }): Promise<TaxClass> {
    return inTransaction(ctx.db, async (tx) => {
      const before = await tx.selectFrom('tax_classes').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound('tax.class_not_found', 'tax class', id);
      if (patch.name !== undefined) await tx.updateTable('tax_classes').set({ name: patch.name.trim(), updated_at: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
      const after = toClass(await tx.selectFrom('tax_classes').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
      await audit(withDb(ctx, tx), { action: 'tax_class.updated', entityType: 'tax_class', entityId: id, before: toClass(before), after });
      return after;
    });
  }

  async listRates(ctx: Ctx, q: { country?: string; taxClassId?: string }): Promise<TaxRate[]> {
    const rows = await ctx.db.selectFrom('tax_rates').selectAll()
      .$if(!!q.country, (b) => b.where('country', '=', up(q.country)))
      .$if(!!q.taxClassId, (b) => b.where('tax_class_id', '=', q.taxClassId!))
      .orderBy('country').orderBy('region').orderBy('postal_prefix').orderBy('id').execute();
    return rows.map(toRate);
  }

  private async getRate(ctx: Ctx, id: string): Promise<TaxRate> {
    const r = await ctx.db.selectFrom('tax_rates').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('tax.rate_not_found', 'tax rate', id);
    return toRate(r);
  }

  async createRate(ctx: Ctx, input: TaxRateInput): Promise<TaxRate> {
    const now = ctx.clock.now().toISOString();
    const row = {
      id: newId('txr'), tax_class_id: input.taxClassId, name: input.name.trim(), country: up(input.country), region: up(input.region),
      postal_prefix: up(input.postalPrefix), rate_bp: input.rateBp, created_at: now, updated_at: now,
    };
    try {
      await inTransaction(ctx.db, async (tx) => {
        const t = withDb(ctx, tx);
        if (!(await tx.selectFrom('tax_classes').select('id').where('id', '=', input.taxClassId).executeTakeFirst())) throw unknownClass(input.taxClassId);
        await tx.insertInto('tax_rates').values(row).execute();
        await emit(t, TaxRateChanged, row.id, { rateId: row.id, taxClassId: row.tax_class_id, country: row.country, change: 'created' });
        await audit(t, { action: 'tax_rate.created', entityType: 'tax_rate', entityId: row.id, after: toRate(row) });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw scopeTaken();
      if (isForeignKeyViolation(e)) throw unknownClass(input.taxClassId);
      throw e;
    }
    return toRate(row);
  }

  async updateRate(ctx: Ctx, id: string, patch: Partial<TaxRateInput>): Promise<TaxRate> {
    try {
      return await inTransaction(ctx.db, async (tx) => {
        const t = withDb(ctx, tx);
        const before = await this.getRate(t, id);
        const set: Record<string, unknown> = { updated_at: ctx.clock.now().toISOString() };
        if (patch.taxClassId !== undefined) {
          if (!(await tx.selectFrom('tax_classes').select('id').where('id', '=', patch.taxClassId).executeTakeFirst())) throw unknownClass(patch.taxClassId);
          set.tax_class_id = patch.taxClassId;
        }
        if (patch.name !== undefined) set.name = patch.name.trim();
        if (patch.country !== undefined) set.country = up(patch.country);
        if (patch.region !== undefined) set.region = up(patch.region);
        if (patch.postalPrefix !== undefined) set.postal_prefix = up(patch.postalPrefix);
        if (patch.rateBp !== undefined) set.rate_bp = patch.rateBp;
        await tx.updateTable('tax_rates').set(set).where('id', '=', id).execute();
        const after = await this.getRate(t, id);
        await emit(t, TaxRateChanged, id, { rateId: id, taxClassId: after.taxClassId, country: after.country, change: 'updated' });
        await audit(t, { action: 'tax_rate.updated', entityType: 'tax_rate', entityId: id, before, after });
        return after;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw scopeTaken();
      throw e;
    }
  }

  async deleteRate(ctx: Ctx, id: string): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.getRate(t, id);
      await tx.deleteFrom('tax_rates').where('id', '=', id).execute();
      await emit(t, TaxRateChanged, id, { rateId: id, taxClassId: before.taxClassId, country: before.country, change: 'deleted' });
      await audit(t, { action: 'tax_rate.deleted', entityType: 'tax_rate', entityId: id, before });
    });
  }

  async settings(ctx: Ctx): Promise<TaxSettings> {
    const r = await ctx.db.selectFrom('tax_settings').selectAll().where('id', '=', 'store').executeTakeFirstOrThrow();
    return { pricesIncludeTax: !!r.prices_include_tax, updatedAt: r.updated_at };
  }

  async updateSettings(ctx: Ctx, patch: { pricesIncludeTax: boolean }): Promise<TaxSettings> {
    return inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.settings(t);
      await tx.updateTable('tax_settings').set({ prices_include_tax: patch.pricesIncludeTax ? 1 : 0, updated_at: ctx.clock.now().toISOString() }).where('id', '=', 'store').execute();
      const after = await this.settings(t);
      await emit(t, TaxSettingsChanged, 'store', { pricesIncludeTax: after.pricesIncludeTax });
      await audit(t, { action: 'tax_settings.updated', entityType: 'tax_settings', entityId: 'store', before, after });
      return after;
    });
  }

  async resolve(ctx: Ctx, to: Destination): Promise<{ pricesIncludeTax: boolean; rates: ResolvedTaxRate[] }> {
    const [settings, rates, classes] = [await this.settings(ctx), await this.listRates(ctx, { country: to.country }), await this.listClasses(ctx)];
    const codeOf = new Map(classes.map((c) => [c.id, c.code]));
    const best = resolveRates(rates, to);
    return {
      pricesIncludeTax: settings.pricesIncludeTax,
      rates: [...best.values()].map((r) => ({ taxClassId: r.taxClassId, taxClassCode: codeOf.get(r.taxClassId) ?? '', rateId: r.id, name: r.name, rateBp: r.rateBp }))
        .sort((a, b) => a.taxClassCode.localeCompare(b.taxClassCode)),
    };
  }
}
