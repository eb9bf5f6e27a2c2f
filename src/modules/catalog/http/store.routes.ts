/** Storefront routes: served from the in-memory read model, with response schemas for fast serialisation. */
import { Type } from '@sinclair/typebox';
import { notFound } from '../../../kernel/index.js';
import { access, Cursor, IdParam, Limit, route, Strict, type AnyRoute } from '../../../platform/index.js';
import { AttributeKey, Currency, SortOrder, StoreCategory, StoreCollection, StoreProductDetail, StoreProductList, type StoreQuery } from '../contracts/schemas.js';
import type { CatalogReadModel } from '../read/read-model.js';
import type { UploadsService } from '../service/uploads.service.js';
import { ResponseCache } from './response-cache.js';

const Many = (max = 200) => Type.Array(Type.String({ minLength: 1, maxLength: max }), { maxItems: 20 });
const ATTR = `^attr\\.${AttributeKey.slice(1)}`;

const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'search text; typos and prefixes are tolerated' })),
  category: Type.Optional(Many()), collection: Type.Optional(Many()), tag: Type.Optional(Many(60)),
  minPrice: Type.Optional(Type.Integer({ minimum: 0, description: 'minor units' })), maxPrice: Type.Optional(Type.Integer({ minimum: 0, description: 'minor units' })),
  inStock: Type.Optional(Type.Boolean()),
  sort: Type.Optional(SortOrder),
  limit: Limit(100, 20), cursor: Type.Optional(Cursor),
  currency: Type.Optional(Currency), priceList: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
}, { additionalProperties: false, patternProperties: { [ATTR]: Many() }, description: 'filter attributes with `attr.<key>=<value>`, e.g. `attr.color=red`' });

const PriceQuery = Strict({ currency: Type.Optional(Currency), priceList: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })) });

export function storeRoutes(model: CatalogReadModel, uploads: UploadsService, defaultCurrency: string): AnyRoute[] {
  const cache = new ResponseCache();
  return [
    route({
      method: 'GET', url: '/store/products', access: access.optional, tags: ['store: catalog'],
      summary: 'Active products: search, filters (category, collection, tag, attr.*, price, stock), facets with counts, sort, cursor',
      query: ListQuery, response: { 200: StoreProductList },
      handler: async ({ query, req, reply }) => {
        await model.fresh();
        return cache.send(req, reply, model.currentVersion, async () => {
          const q = query as unknown as StoreQuery & Record<string, unknown>;
          let attributes: Record<string, string[]> | undefined;
          for (const [k, v] of Object.entries(q)) {
            if (k.startsWith('attr.')) (attributes ??= {})[k.slice(5)] = v as string[];
          }
          return model.list({ ...q, attributes }, defaultCurrency);
        });
      },
    }),
    route({
      method: 'GET', url: '/store/products/:idOrHandle', access: access.optional, tags: ['store: catalog'],
      summary: 'An active product by id or handle: variants with options, prices and availability per location',
      params: IdParam('idOrHandle'), query: PriceQuery, response: { 200: StoreProductDetail },
      handler: async ({ params, query, req, reply }) => {
        await model.fresh();
        return cache.send(req, reply, model.currentVersion, async () => {
          const p = await model.detail(params.idOrHandle, query, defaultCurrency);
          if (!p) throw notFound('catalog.product_not_found', 'product', params.idOrHandle);
          return p;
        });
      },
    }),
    route({
      method: 'GET', url: '/store/categories', access: access.public, tags: ['store: catalog'], summary: 'The category tree (flat, with parent ids) and active product counts',
      response: { 200: Type.Object({ items: Type.Array(StoreCategory) }) },
      handler: async () => ({ items: await model.categoryList() }),
    }),
    route({
      method: 'GET', url: '/store/collections', access: access.public, tags: ['store: catalog'], summary: 'Collections with active product counts',
      response: { 200: Type.Object({ items: Type.Array(StoreCollection) }) },
      handler: async () => ({ items: await model.collectionList() }),
    }),
    route({
      method: 'GET', url: '/uploads/:name', access: access.public, tags: ['store: catalog'], summary: 'An uploaded product image',
      params: Strict({ name: Type.String({ maxLength: 60 }) }),
      handler: async ({ params, reply }) => {
        const file = await uploads.open(params.name);
        if (!file) throw notFound('catalog.upload_not_found', 'upload', params.name);
        return reply.header('content-type', file.mime).header('content-length', file.size)
          .header('cache-control', 'public, max-age=31536000, immutable').header('content-security-policy', "default-src 'none'")
          .send(file.stream);
      },
    }),
  ];
}
