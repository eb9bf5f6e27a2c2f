/** Categories (a tree) and collections (manual, ordered lists of products). */
import { conflict, newId, notFound } from '../../../kernel/index.js';
import { audit, emit, inTransaction, withDb, type Ctx } from '../../../platform/index.js';
import { CategoryChanged, CollectionChanged } from '../contracts/events.js';
import type { CategoryDto, CategoryInput, CollectionDto, CollectionInput } from '../contracts/schemas.js';
import { loadCategories, loadCollections, toCategoryDto } from '../data/catalog.repo.js';
import { allocateHandle, assertExist, insertMany } from '../data/write.js';

export class TaxonomyService {
  constructor(private changed: () => void | Promise<void> = () => undefined) {}

  async listCategories(ctx: Ctx): Promise<CategoryDto[]> {
    return loadCategories(ctx.db);
  }

  async getCategory(ctx: Ctx, idOrHandle: string): Promise<CategoryDto> {
    const r = await ctx.db.selectFrom('catalog_categories').selectAll().where((eb) => eb.or([eb('id', '=', idOrHandle), eb('handle', '=', idOrHandle)])).executeTakeFirst();
    if (!r) throw notFound('catalog.category_not_found', 'category', idOrHandle);
    return toCategoryDto(r);
  }

  async createCategory(ctx: Ctx, input: CategoryInput): Promise<CategoryDto> {
    const result = await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      if (input.parentId) await assertExist(tx, 'catalog_categories', [input.parentId], 'body.parentId', 'category');
      const now = ctx.clock.now().toISOString();
      const row = {
        id: newId('cat'), parent_id: input.parentId ?? null, name: input.name.trim(), description: input.description ?? '', position: input.position ?? 0,
        handle: await allocateHandle(tx, 'catalog_categories', input.handle, input.name, 'body.handle'), created_at: now, updated_at: now,
      };
      await tx.insertInto('catalog_categories').values(row).execute();
      const after = toCategoryDto(row);
      await emit(t, CategoryChanged, row.id, { categoryId: row.id, change: 'created' });
      await audit(t, { action: 'category.created', entityType: 'category', entityId: row.id, after });
      return after;
    });
    await this.changed();
    return result;
  }

  /** Renames or moves a category; a category cannot become its own ancestor. */
  async updateCategory(ctx: Ctx, id: string, patch: Partial<CategoryInput>): Promise<CategoryDto> {
    const result = await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.getCategory(t, id);
      if (before.id !== id) throw notFound('catalog.category_not_found', 'category', id);
      if (patch.parentId) {
        const all = new Map((await loadCategories(tx)).map((c) => [c.id, c]));
        if (!all.has(patch.parentId)) await assertExist(tx, 'catalog_categories', [patch.parentId], 'body.parentId', 'category');
        for (let cur: string | null = patch.parentId; cur; cur = all.get(cur)?.parentId ?? null) {
          if (cur === id) throw conflict('catalog.category_cycle', 'a category cannot be moved under itself or its descendants', { field: 'body.parentId' });
        }
      }
      const set: Record<string, unknown> = { updated_at: ctx.clock.now().toISOString() };
      if (patch.name !== undefined) set.name = patch.name.trim();
      if (patch.description !== undefined) set.description = patch.description;
      if (patch.position !== undefined) set.position = patch.position;
      if (patch.parentId !== undefined) set.parent_id = patch.parentId;
      if (patch.handle !== undefined && patch.handle !== before.handle) set.handle = await allocateHandle(tx, 'catalog_categories', patch.handle, '', 'body.handle', { exceptId: id });
      await tx.updateTable('catalog_categories').set(set).where('id', '=', id).execute();
      const after = await this.getCategory(t, id);
      await emit(t, CategoryChanged, id, { categoryId: id, change: 'updated' });
      await audit(t, { action: 'category.updated', entityType: 'category', entityId: id, before, after });
      return after;
    });
    await this.changed();
    return result;
  }

  /** Deletes a category; its children move up to its parent and products simply leave it. */
  async deleteCategory(ctx: Ctx, id: string): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.getCategory(t, id);
      if (before.id !== id) throw notFound('catalog.category_not_found', 'category', id);
      await tx.updateTable('catalog_categories').set({ parent_id: before.parentId }).where('parent_id', '=', id).execute();
      await tx.deleteFrom('catalog_categories').where('id', '=', id).execute();
      await emit(t, CategoryChanged, id, { categoryId: id, change: 'deleted' });
      await audit(t, { action: 'category.deleted', entityType: 'category', entityId: id, before });
    });
    await this.changed();
  }

  async listCollections(ctx: Ctx): Promise<CollectionDto[]> {
    return loadCollections(ctx.db);
  }

  async getCollection(ctx: Ctx, idOrHandle: string): Promise<CollectionDto> {
    const r = await ctx.db.selectFrom('catalog_collections').select('id').where((eb) => eb.or([eb('id', '=', idOrHandle), eb('handle', '=', idOrHandle)])).executeTakeFirst();
    const [c] = r ? await loadCollections(ctx.db, [r.id]) : [];
    if (!c) throw notFound('catalog.collection_not_found', 'collection', idOrHandle);
    return c;
  }

  async createCollection(ctx: Ctx, input: CollectionInput): Promise<CollectionDto> {
    const result = await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      await assertExist(tx, 'catalog_products', input.productIds, 'body.productIds', 'product');
      const now = ctx.clock.now().toISOString();
      const id = newId('col');
      await tx.insertInto('catalog_collections').values({
        id, title: input.title.trim(), description: input.description ?? '', created_at: now, updated_at: now,
        handle: await allocateHandle(tx, 'catalog_collections', input.handle, input.title, 'body.handle'),
      }).execute();
      await insertMany(tx, 'catalog_collection_products', [...new Set(input.productIds ?? [])].map((p, i) => ({ collection_id: id, product_id: p, position: i })));
      const after = await this.getCollection(t, id);
      await emit(t, CollectionChanged, id, { collectionId: id, change: 'created' });
      await audit(t, { action: 'collection.created', entityType: 'collection', entityId: id, after });
      return after;
    });
    await this.changed();
    return result;
  }

  /** Changes a collection; `productIds` replaces its manual list, in that order. */
  async updateCollection(ctx: Ctx, id: string, patch: Partial<CollectionInput>): Promise<CollectionDto> {
    const result = await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.getCollection(t, id);
      if (before.id !== id) throw notFound('catalog.collection_not_found', 'collection', id);
      await assertExist(tx, 'catalog_products', patch.productIds, 'body.productIds', 'product');
      const set: Record<string, unknown> = { updated_at: ctx.clock.now().toISOString() };
      if (patch.title !== undefined) set.title = patch.title.trim();
      if (patch.description !== undefined) set.description = patch.description;
      if (patch.handle !== undefined && patch.handle !== before.handle) set.handle = await allocateHandle(tx, 'catalog_collections', patch.handle, '', 'body.handle', { exceptId: id });
      await tx.updateTable('catalog_collections').set(set).where('id', '=', id).execute();
      if (patch.productIds) {
        await tx.deleteFrom('catalog_collection_products').where('collection_id', '=', id).execute();
        await insertMany(tx, 'catalog_collection_products', [...new Set(patch.productIds)].map((p, i) => ({ collection_id: id, product_id: p, position: i })));
      }
      const after = await this.getCollection(t, id);
      await emit(t, CollectionChanged, id, { collectionId: id, change: 'updated' });
      await audit(t, { action: 'collection.updated', entityType: 'collection', entityId: id, before, after });
      return after;
    });
    await this.changed();
    return result;
  }

  async deleteCollection(ctx: Ctx, id: string): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.getCollection(t, id);
      if (before.id !== id) throw notFound('catalog.collection_not_found', 'collection', id);
      await tx.deleteFrom('catalog_collections').where('id', '=', id).execute();
      await emit(t, CollectionChanged, id, { collectionId: id, change: 'deleted' });
      await audit(t, { action: 'collection.deleted', entityType: 'collection', entityId: id, before });
    });
    await this.changed();
  }
}
