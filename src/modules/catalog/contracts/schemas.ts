/** Request and response shapes of the catalog module. Money is always integer minor units + ISO currency. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Strict } from '../../../platform/index.js';

export const Currency = Type.String({ pattern: '^[A-Z]{3}$', maxLength: 3, description: 'ISO 4217 code, upper case' });
export const Amount = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'minor units (cents), never a float' });
export const Handle = Type.String({ minLength: 1, maxLength: 120, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', description: 'URL-safe: lower-case letters, digits and single dashes' });
export const Status = Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('archived')]);
export type ProductStatus = Static<typeof Status>;
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Ref = Type.String({ minLength: 1, maxLength: 120 });
const Tag = Type.String({ minLength: 1, maxLength: 60 });
export const AttributeKey = '^[a-z0-9_]{1,40}$';
export const Attributes = Type.Record(Type.String({ pattern: AttributeKey }), Type.String({ minLength: 1, maxLength: 200 }), { maxProperties: 50, description: 'facet attributes, e.g. { "material": "cotton" }' });
export const OptionValues = Type.Record(Type.String({ minLength: 1, maxLength: 60 }), Type.String({ minLength: 1, maxLength: 100 }), { maxProperties: 5 });
export const ImageUrl = Type.String({ maxLength: 2000, pattern: '^(https?://[^\\s]+|/uploads/[A-Za-z0-9_.\\-]+)$', description: 'http(s) URL or a path returned by the upload endpoint' });

export const PriceInput = Strict({ currency: Currency, amount: Amount });
export const OptionInput = Strict({ name: Text(60, 1), values: Type.Array(Text(100, 1), { minItems: 1, maxItems: 100, uniqueItems: true }) });
export const ImageInput = Strict({ url: ImageUrl, alt: Type.Optional(Text(300)) });

export const VariantInput = Strict({
  sku: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._\\-/]+$' })),
  barcode: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9\\-]+$' })),
  title: Type.Optional(Text(200, 1)),
  options: Type.Optional(OptionValues),
  weightGrams: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  manageInventory: Type.Optional(Type.Boolean({ description: 'false: always sellable, stock is not tracked' })),
  prices: Type.Array(PriceInput, { maxItems: 50 }),
});
export type VariantInput = Static<typeof VariantInput>;

export const ProductInput = Strict({
  title: Text(200, 1),
  handle: Type.Optional(Handle),
  description: Type.Optional(Text(20_000)),
  status: Type.Optional(Status),
  tags: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
  attributes: Type.Optional(Attributes),
  options: Type.Optional(Type.Array(OptionInput, { maxItems: 5 })),
  variants: Type.Array(VariantInput, { minItems: 1, maxItems: 250 }),
  images: Type.Optional(Type.Array(ImageInput, { maxItems: 50 })),
  categoryIds: Type.Optional(Type.Array(Ref, { maxItems: 50 })),
  collectionIds: Type.Optional(Type.Array(Ref, { maxItems: 50 })),
});
export type ProductInput = Static<typeof ProductInput> & { createdAt?: string };

export const ProductPatch = Strict({
  title: Type.Optional(Text(200, 1)),
  handle: Type.Optional(Handle),
  description: Type.Optional(Text(20_000)),
  status: Type.Optional(Status),
  tags: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
  attributes: Type.Optional(Attributes),
  options: Type.Optional(Type.Array(OptionInput, { maxItems: 5 })),
  categoryIds: Type.Optional(Type.Array(Ref, { maxItems: 50 })),
  collectionIds: Type.Optional(Type.Array(Ref, { maxItems: 50 })),
}, { minProperties: 1 });
export type ProductPatch = Static<typeof ProductPatch>;

export const VariantPatch = Strict({
  sku: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._\\-/]+$' }))),
  barcode: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9\\-]+$' }))),
  title: Type.Optional(Text(200, 1)),
  options: Type.Optional(OptionValues),
  weightGrams: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 }))),
  manageInventory: Type.Optional(Type.Boolean()),
  prices: Type.Optional(Type.Array(PriceInput, { maxItems: 50, description: 'replaces all base prices' })),
}, { minProperties: 1 });
export type VariantPatch = Static<typeof VariantPatch>;

export const Money = Type.Object({ amount: Type.Integer(), currency: Type.String() });
export const ImageDto = Type.Object({ id: Type.String(), url: Type.String(), alt: Nullable(Type.String()), position: Type.Integer() });
export type ImageDto = Static<typeof ImageDto>;
export const OptionDto = Type.Object({ name: Type.String(), values: Type.Array(Type.String()) });
const StringMap = Type.Record(Type.String(), Type.String());

export const VariantDto = Type.Object({
  id: Type.String(), productId: Type.String(), sku: Nullable(Type.String()), barcode: Nullable(Type.String()), title: Type.String(),
  options: StringMap, weightGrams: Nullable(Type.Integer()), manageInventory: Type.Boolean(), position: Type.Integer(),
  prices: Type.Array(Money),
});
export type VariantDto = Static<typeof VariantDto>;

export const ProductDto = Type.Object({
  id: Type.String(), handle: Type.String(), title: Type.String(), description: Type.String(), status: Type.String(),
  tags: Type.Array(Type.String()), attributes: StringMap, options: Type.Array(OptionDto),
  variants: Type.Array(VariantDto), images: Type.Array(ImageDto), categoryIds: Type.Array(Type.String()), collectionIds: Type.Array(Type.String()),
  createdAt: Type.String(), updatedAt: Type.String(),
});
export type ProductDto = Static<typeof ProductDto>;

export const CategoryInput = Strict({ name: Text(120, 1), handle: Type.Optional(Handle), description: Type.Optional(Text(5000)), parentId: Type.Optional(Nullable(Ref)), position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })) });
export const CategoryPatch = Strict({ name: Type.Optional(Text(120, 1)), handle: Type.Optional(Handle), description: Type.Optional(Text(5000)), parentId: Type.Optional(Nullable(Ref)), position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })) }, { minProperties: 1 });
export const CategoryDto = Type.Object({ id: Type.String(), parentId: Nullable(Type.String()), name: Type.String(), handle: Type.String(), description: Type.String(), position: Type.Integer() });
export type CategoryDto = Static<typeof CategoryDto>;
export type CategoryInput = Static<typeof CategoryInput>;

export const CollectionInput = Strict({ title: Text(200, 1), handle: Type.Optional(Handle), description: Type.Optional(Text(5000)), productIds: Type.Optional(Type.Array(Ref, { maxItems: 1000 })) });
export const CollectionPatch = Strict({ title: Type.Optional(Text(200, 1)), handle: Type.Optional(Handle), description: Type.Optional(Text(5000)), productIds: Type.Optional(Type.Array(Ref, { maxItems: 1000, description: 'replaces the manual product list, in order' })) }, { minProperties: 1 });
export const CollectionDto = Type.Object({ id: Type.String(), title: Type.String(), handle: Type.String(), description: Type.String(), productIds: Type.Array(Type.String()) });
export type CollectionDto = Static<typeof CollectionDto>;
export type CollectionInput = Static<typeof CollectionInput>;

export const PriceListInput = Strict({
  name: Text(120, 1), currency: Currency,
  customerGroup: Type.Optional(Nullable(Text(60, 1))), region: Type.Optional(Nullable(Text(60, 1))),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('draft')])),
  prices: Type.Optional(Type.Array(Strict({ variantId: Ref, amount: Amount }), { maxItems: 10_000 })),
});
export const PriceListPatch = Strict({
  name: Type.Optional(Text(120, 1)), customerGroup: Type.Optional(Nullable(Text(60, 1))), region: Type.Optional(Nullable(Text(60, 1))),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('draft')])),
}, { minProperties: 1 });
export const PriceListPrices = Strict({
  set: Type.Optional(Type.Array(Strict({ variantId: Ref, amount: Amount }), { maxItems: 10_000 })),
  remove: Type.Optional(Type.Array(Ref, { maxItems: 10_000 })),
}, { minProperties: 1 });
export const PriceListDto = Type.Object({
  id: Type.String(), name: Type.String(), currency: Type.String(), customerGroup: Nullable(Type.String()), region: Nullable(Type.String()), status: Type.String(),
  prices: Type.Array(Type.Object({ variantId: Type.String(), amount: Type.Integer() })),
});
export type PriceListDto = Static<typeof PriceListDto>;
export type PriceListInput = Static<typeof PriceListInput>;

// --- storefront shapes (served from the in-memory read model) ---
export const StoreVariant = Type.Object({
  id: Type.String(), sku: Nullable(Type.String()), title: Type.String(), options: StringMap,
  price: Nullable(Money), originalPrice: Nullable(Money),
  available: Nullable(Type.Integer({ description: 'units available across locations; null when stock is not tracked' })), inStock: Type.Boolean(),
});
export const PriceRange = Nullable(Type.Object({ min: Type.Integer(), max: Type.Integer(), currency: Type.String() }));
export const StoreProductSummary = Type.Object({
  id: Type.String(), handle: Type.String(), title: Type.String(), thumbnail: Nullable(Type.String()),
  tags: Type.Array(Type.String()), attributes: StringMap, categoryIds: Type.Array(Type.String()),
  priceRange: PriceRange, inStock: Type.Boolean(), createdAt: Type.String(), variants: Type.Array(StoreVariant),
});
export type StoreProductSummary = Static<typeof StoreProductSummary>;
const Count = Type.Integer();
export const Facets = Type.Object({
  categories: Type.Array(Type.Object({ id: Type.String(), handle: Type.String(), name: Type.String(), count: Count })),
  collections: Type.Array(Type.Object({ id: Type.String(), handle: Type.String(), title: Type.String(), count: Count })),
  tags: Type.Array(Type.Object({ value: Type.String(), count: Count })),
  attributes: Type.Array(Type.Object({ key: Type.String(), values: Type.Array(Type.Object({ value: Type.String(), count: Count })) })),
  price: Type.Object({
    currency: Type.String(), min: Nullable(Type.Integer()), max: Nullable(Type.Integer()),
    buckets: Type.Array(Type.Object({ from: Type.Integer(), to: Nullable(Type.Integer()), count: Count })),
  }),
  availability: Type.Object({ inStock: Count, outOfStock: Count }),
});
export type Facets = Static<typeof Facets>;
export const StoreProductList = Type.Object({ items: Type.Array(StoreProductSummary), nextCursor: Nullable(Type.String()), total: Type.Integer(), facets: Facets });
export type StoreProductList = Static<typeof StoreProductList>;

export const LocationAvailabilityDto = Type.Object({
  locationId: Type.String(), locationName: Type.String(), kind: Type.String(), onHand: Type.Integer(), reserved: Type.Integer(), available: Type.Integer(), pickup: Type.Boolean(),
});
export const StoreVariantDetail = Type.Composite([StoreVariant, Type.Object({ barcode: Nullable(Type.String()), weightGrams: Nullable(Type.Integer()), locations: Type.Array(LocationAvailabilityDto) })]);
export const StoreProductDetail = Type.Object({
  id: Type.String(), handle: Type.String(), title: Type.String(), description: Type.String(),
  tags: Type.Array(Type.String()), attributes: StringMap, options: Type.Array(OptionDto), images: Type.Array(ImageDto),
  categories: Type.Array(Type.Object({ id: Type.String(), handle: Type.String(), name: Type.String() })),
  collections: Type.Array(Type.Object({ id: Type.String(), handle: Type.String(), title: Type.String() })),
  priceRange: PriceRange, inStock: Type.Boolean(), createdAt: Type.String(), updatedAt: Type.String(),
  variants: Type.Array(StoreVariantDetail),
});
export type StoreProductDetail = Static<typeof StoreProductDetail>;
export const StoreCategory = Type.Object({ id: Type.String(), parentId: Nullable(Type.String()), name: Type.String(), handle: Type.String(), description: Type.String(), position: Type.Integer(), productCount: Type.Integer() });
export const StoreCollection = Type.Object({ id: Type.String(), title: Type.String(), handle: Type.String(), description: Type.String(), productCount: Type.Integer() });

export const SortOrder = Type.Union(['relevance', 'price_asc', 'price_desc', 'newest', 'title'].map((s) => Type.Literal(s)));
export type SortOrder = 'relevance' | 'price_asc' | 'price_desc' | 'newest' | 'title';

/** A storefront query, already validated. */
export interface StoreQuery {
  q?: string;
  category?: string[];
  collection?: string[];
  tag?: string[];
  attributes?: Record<string, string[]>;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  sort?: SortOrder;
  limit: number;
  cursor?: string;
  /** Default: the price list's currency, else the store's. */
  currency?: string;
  priceList?: string;
}

/** What carts and orders need of a variant. */
export interface VariantSummary {
  id: string; productId: string; productTitle: string; title: string; sku: string | null; status: string;
  price: { amount: number; currency: string } | null; manageInventory: boolean; weightGrams: number | null;
  /** The product's categories (promotions target them). */
  categoryIds: string[];
}
