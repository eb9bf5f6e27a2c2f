/** The shopping assistant's shapes: what the storefront sends, what the agent understands, what it answers. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../../platform/index.js';

const Str = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });

export const OptionValue = Type.Object({ name: Str(60), value: Str(100) }, { additionalProperties: false });
export const OptionConstraint = Type.Object({
  kind: Type.Union([Type.Literal('size'), Type.Literal('colour'), Type.Literal('option')]),
  label: Str(100),
  values: Type.Array(OptionValue, { maxItems: 50 }),
}, { additionalProperties: false });

export const SortKey = Type.Union([Type.Literal('relevance'), Type.Literal('price_asc'), Type.Literal('price_desc'), Type.Literal('newest')]);

/** What to search for; the storefront shows it as chips and may send it back edited. */
export const Constraints = Type.Object({
  keywords: Type.Array(Str(60), { maxItems: 12 }),
  category: Type.Optional(Type.Object({ id: Str(120), handle: Str(120), name: Str(200) }, { additionalProperties: false })),
  tags: Type.Array(Str(60), { maxItems: 10 }),
  attributes: Type.Array(Type.Object({ key: Str(40), value: Str(200) }, { additionalProperties: false }), { maxItems: 10 }),
  options: Type.Array(OptionConstraint, { maxItems: 6 }),
  minPrice: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'minor units of the store currency' })),
  maxPrice: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'minor units of the store currency' })),
  sort: Type.Optional(SortKey),
  inStock: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type ConstraintsDto = Static<typeof Constraints>;

export const Language = Type.Union([Type.Literal('en'), Type.Literal('fr'), Type.Literal('de')]);
export const Intent = Type.Union(['search', 'availability', 'product_question', 'compare', 'add_to_cart'].map((i) => Type.Literal(i)));

/** The conversation as the storefront holds it: the product in view and the last results shown. */
export const AssistantContext = Type.Object({
  productId: Type.Optional(Str(120)),
  resultIds: Type.Optional(Type.Array(Str(120), { maxItems: 24 })),
  /** The constraints of the last search shown (a size asked earlier still counts when adding to the cart). */
  constraints: Type.Optional(Constraints),
}, { additionalProperties: false });

export const AssistantInput = Type.Object({
  message: Type.Optional(Str(500)),
  /** Edited chips: search with exactly these constraints instead of reading a message. */
  constraints: Type.Optional(Constraints),
  context: Type.Optional(AssistantContext),
  /** The storefront's language, used when a message is too short to tell. */
  language: Type.Optional(Language),
  /** The shopper's cart, if the storefront has one (its guest secret travels outside the input). */
  cartId: Type.Optional(Str(120)),
}, { additionalProperties: false });
export type AssistantInput = Static<typeof AssistantInput>;

/** What generating produces on either path: the understanding of the message. */
export const Understanding = Type.Object({
  intent: Intent,
  language: Language,
  constraints: Constraints,
  /** Products the message names or points at, by id (checked against the catalogue). */
  productIds: Type.Array(Str(120), { maxItems: 4 }),
  quantity: Type.Integer({ minimum: 1, maximum: 99 }),
  /** A currency the shopper named that is not the store's. */
  namedCurrency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
}, { additionalProperties: false });
export type Understanding = Static<typeof Understanding>;

const Money = Type.Object({ amount: Type.Integer(), currency: Type.String() });

export const VariantFact = Type.Object({
  id: Type.String(), title: Type.String(), options: Type.Record(Type.String(), Type.String()),
  price: Nullable(Money), inStock: Type.Boolean(),
  available: Nullable(Type.Integer({ description: 'units available; null when stock is not tracked' })),
});
export type VariantFact = Static<typeof VariantFact>;

export const ProductHit = Type.Object({
  id: Type.String(), handle: Type.String(), title: Type.String(), thumbnail: Nullable(Type.String()),
  priceRange: Nullable(Type.Object({ min: Type.Integer(), max: Type.Integer(), currency: Type.String() })),
  inStock: Type.Boolean(),
  /** The variants that satisfy every option and price constraint. */
  variants: Type.Array(VariantFact),
  /** Search words this product does not contain (empty: it matches everything asked). */
  missing: Type.Array(Type.String()),
});
export type ProductHit = Static<typeof ProductHit>;

export const Chip = Type.Object({
  kind: Type.Union(['keyword', 'category', 'tag', 'attribute', 'size', 'colour', 'option', 'min_price', 'max_price', 'sort', 'in_stock'].map((k) => Type.Literal(k))),
  label: Type.String(),
  /** Which constraint it is (index or key), so removing a chip removes exactly that constraint. */
  ref: Type.String(),
});
export type Chip = Static<typeof Chip>;

export const Comparison = Type.Object({
  products: Type.Array(Type.Object({ id: Type.String(), handle: Type.String(), title: Type.String(), thumbnail: Nullable(Type.String()) })),
  rows: Type.Array(Type.Object({ label: Type.String(), values: Type.Array(Type.String()), differs: Type.Boolean() })),
});
export type Comparison = Static<typeof Comparison>;

export const CartOutcome = Type.Object({
  /** `pending` only while the agent runs: validating chose the variant, responding adds it and says how it went. */
  status: Type.Union(['pending', 'added', 'needs_choice', 'unavailable', 'no_product', 'failed'].map((s) => Type.Literal(s))),
  productId: Nullable(Type.String()),
  variantId: Nullable(Type.String()),
  quantity: Type.Integer(),
  /** The choices still open ("Size": ["S", "M"]) when the variant could not be settled. */
  choices: Type.Array(Type.Object({ option: Type.String(), values: Type.Array(Type.String()) })),
  cartId: Nullable(Type.String()),
  /** A new guest cart's secret (send it as `x-cart-token`); only when the assistant started the cart. */
  cartToken: Nullable(Type.String()),
  /** The line as the cart priced it. */
  line: Nullable(Type.Object({ title: Type.String(), variantTitle: Nullable(Type.String()), quantity: Type.Integer(), unitPrice: Nullable(Type.Integer()), currency: Type.String() })),
});
export type CartOutcome = Static<typeof CartOutcome>;

export const AssistantAnswer = Type.Object({
  runId: Type.String(),
  intent: Intent,
  language: Language,
  /** Every price, stock level and attribute in it comes from the catalogue or the cart. */
  reply: Type.String(),
  chips: Type.Array(Chip),
  constraints: Constraints,
  currency: Type.String(),
  results: Type.Array(ProductHit),
  total: Type.Integer({ description: 'products matching every constraint' }),
  comparison: Nullable(Comparison),
  /** The product a question or a cart request was about. */
  productId: Nullable(Type.String()),
  cart: Nullable(CartOutcome),
  path: Type.Union([Type.Literal('offline'), Type.Literal('llm')]),
});
export type AssistantAnswer = Static<typeof AssistantAnswer>;
export const AgentOutput = Type.Omit(AssistantAnswer, ['runId', 'path']);
export type AgentOutput = Static<typeof AgentOutput>;
