/** Catalog reads shared by pages: the category list (fetched once per visit) and product queries. */
import { useEffect, useState } from 'react';
import type { paths } from '@shared/api/client';
import { api, unwrap } from './api';

export type Category = paths['/store/categories']['get']['responses'][200]['content']['application/json']['items'][number];
export type ProductList = paths['/store/products']['get']['responses'][200]['content']['application/json'];
export type ProductQuery = NonNullable<paths['/store/products']['get']['parameters']['query']>;
export type ProductDetail = paths['/store/products/{idOrHandle}']['get']['responses'][200]['content']['application/json'];

let categories: Promise<Category[]> | null = null;

export function loadCategories(): Promise<Category[]> {
  categories ??= unwrap(api.GET('/store/categories')).then((r) => r.items).catch((e) => { categories = null; throw e; });
  return categories;
}

export function useCategories(): Category[] {
  const [items, set] = useState<Category[]>([]);
  useEffect(() => { loadCategories().then(set, () => undefined); }, []);
  return items;
}

/** Lists products; `attrs` are attribute filters (`{ material: ['cotton'] }`) sent as `attr.<key>`. */
export function listProducts(query: ProductQuery & { attrs?: Record<string, string[]> }): Promise<ProductList> {
  const { attrs, ...rest } = query;
  const q: Record<string, unknown> = { ...rest };
  for (const [k, v] of Object.entries(attrs ?? {})) if (v.length) q[`attr.${k}`] = v;
  return unwrap(api.GET('/store/products', { params: { query: q as ProductQuery } }));
}

export function getProduct(handle: string): Promise<ProductDetail> {
  return unwrap(api.GET('/store/products/{idOrHandle}', { params: { path: { idOrHandle: handle } } }));
}
