/** Feature view shapes (TypeBox, for the admin routes and the typed client) and the service other AI code reads. */
import { Type, type Static } from '@sinclair/typebox';
import type { Ctx } from '../../platform/index.js';
import { Nullable } from '../../platform/index.js';

const CategoryRef = Type.Object({ id: Type.String(), name: Type.String() });

export const CustomerFeaturesDto = Type.Object({
  customerId: Type.String(),
  orders: Type.Integer(), spend: Type.Integer({ description: 'minor units, store currency' }), currency: Type.String(),
  firstOrderAt: Nullable(Type.String()), lastOrderAt: Nullable(Type.String()),
  recencyDays: Nullable(Type.Number({ description: 'days since the last order' })),
  favouriteCategories: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), units: Type.Integer() })),
  lastBought: Type.Array(Type.String({ description: 'product ids, newest first' })),
  lastViewed: Type.Array(Type.String({ description: 'product ids, newest first' })),
  cartUpdates: Type.Integer(), lastCartAt: Nullable(Type.String()),
  updatedAt: Type.String(),
});
export type CustomerFeaturesDto = Static<typeof CustomerFeaturesDto>;

export const ProductFeaturesDto = Type.Object({
  productId: Type.String(), handle: Type.String(), title: Type.String(), thumbnail: Nullable(Type.String()),
  status: Type.String(), published: Type.Boolean(),
  categories: Type.Array(CategoryRef),
  price: Nullable(Type.Integer()), currency: Type.String(),
  available: Type.Integer({ description: 'units available across locations (tracked variants)' }), inStock: Type.Boolean(),
  unitsSold: Type.Integer(), orders: Type.Integer(), revenue: Type.Integer(),
  salesVelocity: Type.Number({ description: 'units per day, exponentially decayed (14-day time constant)' }),
  views: Type.Integer(), viewVelocity: Type.Number({ description: 'storefront views per day, decayed like sales' }),
  lastSoldAt: Nullable(Type.String()), lastViewedAt: Nullable(Type.String()),
  coPurchased: Type.Array(Type.Object({ productId: Type.String(), count: Type.Integer() })),
  productCreatedAt: Type.String(), updatedAt: Type.String(),
});
export type ProductFeaturesDto = Static<typeof ProductFeaturesDto>;

/** A product as serving needs it (no co-purchase list). */
export type ProductSnapshot = Omit<ProductFeaturesDto, 'coPurchased'>;

export interface StorefrontView { productId: string; customerId: string | null; at: string }

/** Read side of the feature views. */
export interface FeatureViews {
  customer(ctx: Ctx, customerId: string): Promise<CustomerFeaturesDto | undefined>;
  product(ctx: Ctx, productId: string): Promise<ProductFeaturesDto | undefined>;
  /** Every product row (serving keeps them in memory), or those changed since `updatedSince` (an ISO time). */
  products(ctx: Ctx, opts?: { updatedSince?: string }): Promise<ProductSnapshot[]>;
  /** Products bought in the same orders as this one, most often first. */
  coPurchased(ctx: Ctx, productId: string, k: number): Promise<{ productId: string; count: number }[]>;
  /** Storefront product views (buffered by the caller; applied in one transaction). */
  recordViews(ctx: Ctx, views: StorefrontView[]): Promise<void>;
  /** Recomputes everything from the orders and the catalogue (after an import, or on request). */
  rebuild(ctx: Ctx): Promise<{ orders: number; products: number; customers: number }>;
  /** Told (shortly after the change commits) when product rows changed. */
  onProductsChanged(listener: () => void): () => void;
}
