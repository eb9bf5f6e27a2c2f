/** Staff routes for products, variants, images, categories, collections and price lists. Thin. */
import { Type } from '@sinclair/typebox';
import { AppError } from '../../../kernel/index.js';
import { access, Cursor, IdParam, Limit, Page, route, Strict, type AnyRoute } from '../../../platform/index.js';
import {
  CategoryDto, CategoryInput, CategoryPatch, CollectionDto, CollectionInput, CollectionPatch, ImageDto, ImageInput, PriceListDto, PriceListInput,
  PriceListPatch, PriceListPrices, ProductDto, ProductInput, ProductPatch, Status, VariantDto, VariantInput, VariantPatch,
} from '../contracts/schemas.js';
import type { PriceListsService } from '../service/price-lists.service.js';
import type { ProductsService } from '../service/products.service.js';
import type { TaxonomyService } from '../service/taxonomy.service.js';
import { MAX_IMAGE_BYTES, type UploadsService } from '../service/uploads.service.js';

const read = access.staff('catalog:read');
const write = access.staff('catalog:write');
const tags = ['admin: catalog'];
const Items = <T extends Parameters<typeof Type.Array>[0]>(t: T) => Type.Object({ items: Type.Array(t) });

export function adminRoutes(products: ProductsService, taxonomy: TaxonomyService, priceLists: PriceListsService, uploads: UploadsService): AnyRoute[] {
  return [
    // --- products ---
    route({
      method: 'GET', url: '/admin/products', access: read, tags, summary: 'Products in every status, newest first',
      query: Strict({
        status: Type.Optional(Status), q: Type.Optional(Type.String({ maxLength: 100 })), category: Type.Optional(Type.String({ maxLength: 120 })),
        collection: Type.Optional(Type.String({ maxLength: 120 })), tag: Type.Optional(Type.String({ maxLength: 60 })), limit: Limit(), cursor: Type.Optional(Cursor),
      }),
      response: { 200: Page(ProductDto) },
      handler: async ({ query, ctx }) => products.list(ctx, query),
    }),
    route({
      method: 'POST', url: '/admin/products', access: write, tags, summary: 'Create a product with its options, variants, prices, images and placements',
      body: ProductInput, response: { 201: ProductDto },
      handler: async ({ body, ctx }) => products.create(ctx, body),
    }),
    route({
      method: 'GET', url: '/admin/products/:id', access: read, tags, summary: 'One product (any status) by id or handle',
      params: IdParam(), response: { 200: ProductDto },
      handler: async ({ params, ctx }) => products.get(ctx, params.id),
    }),
    route({
      method: 'PATCH', url: '/admin/products/:id', access: write, tags, summary: 'Change a product (the handle stays unless you set one)',
      params: IdParam(), body: ProductPatch, response: { 200: ProductDto },
      handler: async ({ params, body, ctx }) => products.update(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/admin/products/:id/archive', access: write, tags, status: 200, summary: 'Archive a product (it leaves the storefront)',
      params: IdParam(), response: { 200: ProductDto },
      handler: async ({ params, ctx }) => products.archive(ctx, params.id),
    }),
    route({
      method: 'DELETE', url: '/admin/products/:id', access: write, tags, status: 204, summary: 'Delete a product with its variants (prefer archiving once it has sold)',
      params: IdParam(),
      handler: async ({ params, ctx }) => { await products.delete(ctx, params.id); },
    }),
    // --- variants ---
    route({
      method: 'POST', url: '/admin/products/:id/variants', access: write, tags, summary: 'Add a variant with prices',
      params: IdParam(), body: VariantInput, response: { 201: VariantDto },
      handler: async ({ params, body, ctx }) => products.addVariant(ctx, params.id, body),
    }),
    route({
      method: 'PATCH', url: '/admin/variants/:id', access: write, tags, summary: 'Change a variant; `prices` replaces its base prices',
      params: IdParam(), body: VariantPatch, response: { 200: VariantDto },
      handler: async ({ params, body, ctx }) => products.updateVariant(ctx, params.id, body),
    }),
    route({
      method: 'DELETE', url: '/admin/variants/:id', access: write, tags, status: 204, summary: 'Remove a variant (a product keeps at least one)',
      params: IdParam(),
      handler: async ({ params, ctx }) => { await products.deleteVariant(ctx, params.id); },
    }),
    // --- images ---
    route({
      method: 'POST', url: '/admin/products/:id/images', access: write, tags, summary: 'Add an image by URL',
      params: IdParam(), body: ImageInput, response: { 201: ImageDto },
      handler: async ({ params, body, ctx }) => products.addImage(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/admin/products/:id/images/upload', access: write, tags, rawBody: true,
      summary: `Upload an image (multipart field \`file\`; PNG, JPEG, GIF or WebP up to ${MAX_IMAGE_BYTES / 1024 / 1024} MB)`,
      params: IdParam(), response: { 201: ImageDto },
      handler: async ({ params, ctx, req }) => {
        await products.get(ctx, params.id);
        const part = await req.file({ limits: { fileSize: MAX_IMAGE_BYTES, files: 1 } });
        if (!part) throw new AppError('validation.failed', 'invalid request: body.file is required', 400, [{ field: 'body.file', message: 'is required' }]);
        let bytes: Buffer;
        try { bytes = await part.toBuffer(); } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('catalog.image_too_large', `images may be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB`, 413, [{ field: 'body.file', message: 'is too large' }]);
          throw e;
        }
        const alt = typeof (part.fields.alt as { value?: unknown } | undefined)?.value === 'string' ? String((part.fields.alt as { value: string }).value).slice(0, 300) : undefined;
        const saved = await uploads.save(bytes);
        try { return await products.addImage(ctx, params.id, { id: saved.id, url: saved.url, alt }); } catch (e) { await uploads.discard(saved.file); throw e; }
      },
    }),
    route({
      method: 'DELETE', url: '/admin/products/:id/images/:imageId', access: write, tags, status: 204, summary: 'Remove an image',
      params: Strict({ id: Type.String({ maxLength: 120 }), imageId: Type.String({ maxLength: 120 }) }),
      handler: async ({ params, ctx }) => { await products.removeImage(ctx, params.id, params.imageId); },
    }),
    // --- categories ---
    route({
      method: 'GET', url: '/admin/categories', access: read, tags, summary: 'All categories (flat, with parent ids)',
      response: { 200: Items(CategoryDto) },
      handler: async ({ ctx }) => ({ items: await taxonomy.listCategories(ctx) }),
    }),
    route({
      method: 'POST', url: '/admin/categories', access: write, tags, summary: 'Create a category', body: CategoryInput, response: { 201: CategoryDto },
      handler: async ({ body, ctx }) => taxonomy.createCategory(ctx, body),
    }),
    route({
      method: 'PATCH', url: '/admin/categories/:id', access: write, tags, summary: 'Rename or move a category', params: IdParam(), body: CategoryPatch, response: { 200: CategoryDto },
      handler: async ({ params, body, ctx }) => taxonomy.updateCategory(ctx, params.id, body),
    }),
    route({
      method: 'DELETE', url: '/admin/categories/:id', access: write, tags, status: 204, summary: 'Delete a category (children move up)', params: IdParam(),
      handler: async ({ params, ctx }) => { await taxonomy.deleteCategory(ctx, params.id); },
    }),
    // --- collections ---
    route({
      method: 'GET', url: '/admin/collections', access: read, tags, summary: 'All collections with their products', response: { 200: Items(CollectionDto) },
      handler: async ({ ctx }) => ({ items: await taxonomy.listCollections(ctx) }),
    }),
    route({
      method: 'POST', url: '/admin/collections', access: write, tags, summary: 'Create a manual collection', body: CollectionInput, response: { 201: CollectionDto },
      handler: async ({ body, ctx }) => taxonomy.createCollection(ctx, body),
    }),
    route({
      method: 'GET', url: '/admin/collections/:id', access: read, tags, summary: 'One collection', params: IdParam(), response: { 200: CollectionDto },
      handler: async ({ params, ctx }) => taxonomy.getCollection(ctx, params.id),
    }),
    route({
      method: 'PATCH', url: '/admin/collections/:id', access: write, tags, summary: 'Change a collection; `productIds` replaces its list', params: IdParam(), body: CollectionPatch, response: { 200: CollectionDto },
      handler: async ({ params, body, ctx }) => taxonomy.updateCollection(ctx, params.id, body),
    }),
    route({
      method: 'DELETE', url: '/admin/collections/:id', access: write, tags, status: 204, summary: 'Delete a collection', params: IdParam(),
      handler: async ({ params, ctx }) => { await taxonomy.deleteCollection(ctx, params.id); },
    }),
    // --- price lists ---
    route({
      method: 'GET', url: '/admin/price-lists', access: read, tags, summary: 'Price lists with their prices', response: { 200: Items(PriceListDto) },
      handler: async ({ ctx }) => ({ items: await priceLists.list(ctx) }),
    }),
    route({
      method: 'POST', url: '/admin/price-lists', access: write, tags, summary: 'Create a price list (one currency; optional customer group and region)', body: PriceListInput, response: { 201: PriceListDto },
      handler: async ({ body, ctx }) => priceLists.create(ctx, body),
    }),
    route({
      method: 'GET', url: '/admin/price-lists/:id', access: read, tags, summary: 'One price list', params: IdParam(), response: { 200: PriceListDto },
      handler: async ({ params, ctx }) => priceLists.get(ctx, params.id),
    }),
    route({
      method: 'PATCH', url: '/admin/price-lists/:id', access: write, tags, summary: 'Change a price list', params: IdParam(), body: PriceListPatch, response: { 200: PriceListDto },
      handler: async ({ params, body, ctx }) => priceLists.update(ctx, params.id, body),
    }),
    route({
      method: 'POST', url: '/admin/price-lists/:id/prices', access: write, tags, status: 200, summary: 'Set and remove per-variant prices', params: IdParam(), body: PriceListPrices, response: { 200: PriceListDto },
      handler: async ({ params, body, ctx }) => priceLists.setPrices(ctx, params.id, body),
    }),
    route({
      method: 'DELETE', url: '/admin/price-lists/:id', access: write, tags, status: 204, summary: 'Delete a price list', params: IdParam(),
      handler: async ({ params, ctx }) => { await priceLists.delete(ctx, params.id); },
    }),
  ];
}
