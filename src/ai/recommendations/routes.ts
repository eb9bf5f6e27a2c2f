/**
 * Storefront recommendation routes: a personalised home feed, "frequently bought together" and
 * "similar items" for a product, "you may also like" for a cart, and the outcome beacon (views,
 * clicks, add-to-carts carrying the item's tracking token). Anonymous shoppers send a `session`
 * id of their own (kept in the browser) so an experiment shows them the same arm every time.
 */
import { Type } from '@sinclair/typebox';
import { AppError } from '../../kernel/index.js';
import { access, IdParam, Nullable, route, Strict, type AnyRoute, type Ctx } from '../../platform/index.js';
import type { ModelRegistry } from '../registry/index.js';
import type { RecommendationEngine, Surface } from './engine.js';

const tags = ['store: recommendations'];
const Session = Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'an anonymous shopper\'s own id (e.g. a random string kept in localStorage): the same session always sees the same experiment arm' });
const ListQuery = Strict({
  limit: Type.Integer({ minimum: 1, maximum: 24, default: 8 }),
  session: Type.Optional(Session),
});
const ProductId = Type.String({ minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9_-]+$' });

export const RecommendedItemDto = Type.Object({
  productId: Type.String(), handle: Type.String(), title: Type.String(), thumbnail: Nullable(Type.String()),
  price: Nullable(Type.Object({ amount: Type.Integer(), currency: Type.String() })),
  reason: Type.String({ description: 'why this item, in words for the shopper (e.g. "Because you bought Trail Runner", "Often bought with …", "Similar in category and price", "Popular in Shoes", "New in the shop")' }),
  source: Type.Union([Type.Literal('personal'), Type.Literal('together'), Type.Literal('similar'), Type.Literal('popular'), Type.Literal('new')]),
  because: Type.Array(Type.String({ description: 'product ids that led to this item' })),
  token: Type.String({ description: 'send back with clicks and add-to-carts (POST /store/recommendations/events)' }),
});

export const RecommendationListDto = Type.Object({
  surface: Type.Union([Type.Literal('home'), Type.Literal('together'), Type.Literal('similar'), Type.Literal('cart')]),
  items: Type.Array(RecommendedItemDto),
  model: Nullable(Type.Object({ versionId: Type.String(), version: Type.Integer() })),
  experiment: Nullable(Type.Object({ id: Type.String(), arm: Type.Union([Type.Literal('control'), Type.Literal('treatment')]) })),
  fallback: Type.Boolean({ description: 'no model answered (new store, new customer, unknown item): bestsellers and new items' }),
});

const EventBody = Strict({
  kind: Type.Union([Type.Literal('view'), Type.Literal('click'), Type.Literal('add_to_cart')]),
  token: Type.Optional(Type.String({ minLength: 1, maxLength: 600, description: 'the recommended item\'s token (required for click and add_to_cart)' })),
  productId: Type.Optional(ProductId),
  cartId: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'the shopper\'s cart, so a guest\'s later purchase is attributed' })),
  session: Type.Optional(Session),
});

const customerOf = (ctx: Ctx) => (ctx.actor.kind === 'customer' ? ctx.actor.id : null);
const invalid = (field: string, message: string) => new AppError('validation.failed', `invalid request: ${field} ${message}`, 400, [{ field, message }]);

export function recommendationRoutes(engine: RecommendationEngine, registry: ModelRegistry): AnyRoute[] {
  const list = (surface: Surface, url: string, summary: string, extra: 'product' | 'cart' | null) => route({
    method: 'GET', url, access: access.optional, tags, summary,
    params: extra === 'product' ? IdParam() : undefined,
    query: extra === 'cart' ? Strict({ ...ListQuery.properties, products: Type.String({ minLength: 1, maxLength: 2000, pattern: '^[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*$', description: 'product ids in the cart, comma-separated' }) }) : ListQuery,
    response: { 200: RecommendationListDto },
    handler: async ({ params, query, ctx }) => engine.recommend(ctx, {
      surface, customerId: customerOf(ctx), session: query.session ?? null, limit: query.limit,
      productId: extra === 'product' ? (params as { id: string }).id : undefined,
      cart: extra === 'cart' ? [...new Set((query as { products: string }).products.split(','))].slice(0, 100) : undefined,
    }),
  });
  return [
    list('home', '/store/recommendations/home', 'A personalised feed for the signed-in customer (bestsellers and new items for a guest or a new store); each item with its reason and tracking token', null),
    list('together', '/store/recommendations/products/:id/together', 'Frequently bought together with a product (in stock and published only)', 'product'),
    list('similar', '/store/recommendations/products/:id/similar', 'Items similar to a product: same category and a close price, or bought by the same customers', 'product'),
    list('cart', '/store/recommendations/cart', 'You may also like: items that go with what is in the cart', 'cart'),
    route({
      method: 'POST', url: '/store/recommendations/events', access: access.optional, tags, status: 202, rateLimit: 600,
      summary: 'Report a product view, or a click or add-to-cart on a recommended item (with its token); purchases are attributed from orders',
      description: 'A click or add-to-cart needs the item\'s `token` (400 `recommendations.invalid_token` if it was not issued by this store); a view needs `productId`.',
      body: EventBody, response: { 202: Type.Object({ recorded: Type.Boolean() }) },
      handler: async ({ body, ctx }) => {
        if (body.kind === 'view') {
          if (!body.productId) throw invalid('body.productId', 'is required for a view');
          engine.view({ productId: body.productId, customerId: customerOf(ctx), at: ctx.clock.now().toISOString() });
          return { recorded: true };
        }
        if (!body.token) throw invalid('body.token', `is required for ${body.kind}`);
        const c = engine.signer.verify(body.token);
        if (!c) throw new AppError('recommendations.invalid_token', 'the token was not issued by this store', 400, [{ field: 'body.token', message: 'is not a recommendation token' }]);
        await registry.recordTouch(ctx, {
          experimentId: c.e, arm: c.a === 'control' || c.a === 'treatment' ? c.a : '', versionId: c.v, surface: c.s, kind: body.kind,
          subject: customerOf(ctx) ? `c:${customerOf(ctx)}` : body.session ? `s:${body.session}` : 'anon', cartId: body.cartId ?? null, productId: c.p,
        });
        if (body.kind === 'click') engine.view({ productId: c.p, customerId: customerOf(ctx), at: ctx.clock.now().toISOString() });
        return { recorded: true };
      },
    }),
  ];
}
