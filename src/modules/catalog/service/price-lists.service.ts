/** Price lists: per-variant amounts in one currency that override base prices (wholesale, a region). */
import { newId, notFound } from '../../../kernel/index.js';
import { audit, emit, inTransaction, withDb, type Ctx, type Db } from '../../../platform/index.js';
import { PriceListChanged } from '../contracts/events.js';
import type { PriceListDto, PriceListInput } from '../contracts/schemas.js';
import { loadPriceLists } from '../data/catalog.repo.js';
import { assertExist, insertMany } from '../data/write.js';

export interface PriceListPatch { name?: string; customerGroup?: string | null; region?: string | null; status?: 'active' | 'draft' }

export class PriceListsService {
  constructor(private changed: () => void | Promise<void> = () => undefined) {}

  async list(ctx: Ctx): Promise<PriceListDto[]> {
    return loadPriceLists(ctx.db);
  }

  async get(ctx: Ctx, id: string): Promise<PriceListDto> {
    const [pl] = await loadPriceLists(ctx.db, [id]);
    if (!pl) throw notFound('catalog.price_list_not_found', 'price list', id);
    return pl;
  }

  async create(ctx: Ctx, input: PriceListInput): Promise<PriceListDto> {
    const result = await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const prices = dedupe(input.prices ?? []);
      await assertExist(tx, 'catalog_variants', prices.map((p) => p.variantId), (i) => `body.prices[${i}].variantId`, 'variant');
      const now = ctx.clock.now().toISOString();
      const id = newId('pl');
      await tx.insertInto('catalog_price_lists').values({
        id, name: input.name.trim(), currency: input.currency, customer_group: input.customerGroup ?? null, region: input.region ?? null,
        status: input.status ?? 'active', created_at: now, updated_at: now,
      }).execute();
      await insertMany(tx, 'catalog_price_list_prices', prices.map((p) => ({ price_list_id: id, variant_id: p.variantId, amount: p.amount })));
      const after = await this.get(t, id);
      await emit(t, PriceListChanged, id, { priceListId: id, change: 'created' });
      await audit(t, { action: 'price_list.created', entityType: 'price_list', entityId: id, after });
      return after;
    });
    await this.changed();
    return result;
  }

  async update(ctx: Ctx, id: string, patch: PriceListPatch): Promise<PriceListDto> {
    return this.mutate(ctx, id, 'updated', async (tx) => {
      const set: Record<string, unknown> = { updated_at: ctx.clock.now().toISOString() };
      if (patch.name !== undefined) set.name = patch.name.trim();
      if (patch.customerGroup !== undefined) set.customer_group = patch.customerGroup;
      if (patch.region !== undefined) set.region = patch.region;
      if (patch.status !== undefined) set.status = patch.status;
      await tx.updateTable('catalog_price_lists').set(set).where('id', '=', id).execute();
    });
  }

  /** Sets and removes per-variant amounts. */
  async setPrices(ctx: Ctx, id: string, change: { set?: { variantId: string; amount: number }[]; remove?: string[] }): Promise<PriceListDto> {
    return this.mutate(ctx, id, 'prices', async (tx) => {
      const set = dedupe(change.set ?? []);
      await assertExist(tx, 'catalog_variants', set.map((p) => p.variantId), (i) => `body.set[${i}].variantId`, 'variant');
      const touched = [...new Set([...set.map((p) => p.variantId), ...(change.remove ?? [])])];
      for (let i = 0; i < touched.length; i += 500) {
        await tx.deleteFrom('catalog_price_list_prices').where('price_list_id', '=', id).where('variant_id', 'in', touched.slice(i, i + 500)).execute();
      }
      await insertMany(tx, 'catalog_price_list_prices', set.map((p) => ({ price_list_id: id, variant_id: p.variantId, amount: p.amount })));
      await tx.updateTable('catalog_price_lists').set({ updated_at: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
    });
  }

  async delete(ctx: Ctx, id: string): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.get(t, id);
      await tx.deleteFrom('catalog_price_lists').where('id', '=', id).execute();
      await emit(t, PriceListChanged, id, { priceListId: id, change: 'deleted' });
      await audit(t, { action: 'price_list.deleted', entityType: 'price_list', entityId: id, before: { ...before, prices: before.prices.length } });
    });
    await this.changed();
  }

  private async mutate(ctx: Ctx, id: string, change: string, fn: (tx: Db) => Promise<void>): Promise<PriceListDto> {
    const result = await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.get(t, id);
      await fn(tx);
      const after = await this.get(t, id);
      await emit(t, PriceListChanged, id, { priceListId: id, change });
      await audit(t, { action: 'price_list.updated', entityType: 'price_list', entityId: id, before, after });
      return after;
    });
    await this.changed();
    return result;
  }
}

/** The last amount wins when a variant is listed twice. */
const dedupe = (prices: { variantId: string; amount: number }[]) => [...new Map(prices.map((p) => [p.variantId, p])).values()];
