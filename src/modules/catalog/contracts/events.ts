/** Events the catalog announces. Payloads are small: consumers reload what they need by id. */
import { Type } from '@sinclair/typebox';
import { defineEvent } from '../../../platform/index.js';

export const ProductCreated = defineEvent('product.created', 1, 'A product was added to the catalogue (in any status).',
  Type.Object({ productId: Type.String(), handle: Type.String(), status: Type.String() }));
export const ProductUpdated = defineEvent('product.updated', 1, 'A product, its variants, images or placement changed; `fields` names what.',
  Type.Object({ productId: Type.String(), fields: Type.Array(Type.String()) }));
export const ProductArchived = defineEvent('product.archived', 1, 'A product was archived and left the storefront.',
  Type.Object({ productId: Type.String() }));
export const ProductDeleted = defineEvent('product.deleted', 1, 'A product and its variants were deleted.',
  Type.Object({ productId: Type.String(), variantIds: Type.Array(Type.String()) }));
export const PriceChanged = defineEvent('price.changed', 1, 'A variant\'s base prices changed (amounts in minor units; null means removed or new).',
  Type.Object({
    productId: Type.String(), variantId: Type.String(),
    changes: Type.Array(Type.Object({ currency: Type.String(), from: Type.Union([Type.Integer(), Type.Null()]), to: Type.Union([Type.Integer(), Type.Null()]) })),
  }));
export const CategoryChanged = defineEvent('category.changed', 1, 'A category was created, renamed, moved or deleted.',
  Type.Object({ categoryId: Type.String(), change: Type.String() }));
export const CollectionChanged = defineEvent('collection.changed', 1, 'A collection or its products changed.',
  Type.Object({ collectionId: Type.String(), change: Type.String() }));
export const PriceListChanged = defineEvent('price_list.changed', 1, 'A price list or its prices changed.',
  Type.Object({ priceListId: Type.String(), change: Type.String() }));

/** Event types that change what the storefront shows; the read model follows them in the outbox. */
export const CATALOG_EVENT_TYPES = [ProductCreated, ProductUpdated, ProductArchived, ProductDeleted, PriceChanged, CategoryChanged, CollectionChanged, PriceListChanged].map((d) => d.type);
