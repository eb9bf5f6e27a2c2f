/** Shipping routes: staff manage zones and methods; the storefront asks for a quote. Thin. */
import { Type } from '@sinclair/typebox';
import { access, IdParam, Nullable, route, Strict, type AnyRoute } from '../../../platform/index.js';
import { METHOD_KINDS, type ShippingService } from '../contracts/service.js';

// Rates are a store setting; reading them is everyday order work.
const read = access.staff('orders:read');
const write = access.staff('settings:manage');
const tags = ['admin: shipping'];

const Country = Type.String({ pattern: '^[A-Za-z]{2}$', maxLength: 2, description: 'ISO 3166-1 alpha-2' });
const Region = Type.String({ minLength: 1, maxLength: 10, pattern: '^[A-Za-z0-9\\- ]+$', description: 'region or state code, e.g. CA' });
const Currency = Type.String({ pattern: '^[A-Za-z]{3}$', maxLength: 3, description: 'ISO 4217' });
const Money = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'minor units' });
const Ref = Type.String({ minLength: 1, maxLength: 120 });
const Kind = Type.Union(METHOD_KINDS.map((k) => Type.Literal(k)));

const Area = Strict({ country: Country, region: Type.Optional(Nullable(Region)) });
const zoneFields = { name: Type.String({ minLength: 1, maxLength: 120 }), areas: Type.Array(Area, { minItems: 1, maxItems: 300 }), active: Type.Optional(Type.Boolean()) };
const Bracket = Strict({ upToGrams: Nullable(Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'heaviest parcel this bracket holds; null: any weight' })), amount: Money });
const methodFields = {
  kind: Kind, name: Type.String({ minLength: 1, maxLength: 120 }),
  zoneId: Type.Optional(Nullable(Ref)), locationId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 120, description: 'a stock location id (pickup, curbside)' }))),
  currency: Type.Optional(Nullable(Currency)), brackets: Type.Optional(Type.Array(Bracket, { maxItems: 50 })),
  freeOverSubtotal: Type.Optional(Nullable(Money)), active: Type.Optional(Type.Boolean()),
};

const ZoneDto = Type.Object({ id: Type.String(), name: Type.String(), areas: Type.Array(Type.Object({ country: Type.String(), region: Nullable(Type.String()) })), active: Type.Boolean(), createdAt: Type.String(), updatedAt: Type.String() });
const MethodDto = Type.Object({
  id: Type.String(), kind: Type.String(), name: Type.String(), zoneId: Nullable(Type.String()), locationId: Nullable(Type.String()), currency: Nullable(Type.String()),
  brackets: Type.Array(Type.Object({ upToGrams: Nullable(Type.Integer()), amount: Type.Integer() })), freeOverSubtotal: Nullable(Type.Integer()),
  active: Type.Boolean(), createdAt: Type.String(), updatedAt: Type.String(),
});
const QuoteDto = Type.Object({
  id: Type.String(), kind: Type.String(), name: Type.String(), rate: Type.Integer(), amount: Type.Integer(), currency: Type.String(),
  freeOverSubtotal: Nullable(Type.Integer()), zoneId: Nullable(Type.String()), locationId: Nullable(Type.String()),
});

export function shippingRoutes(shipping: ShippingService): AnyRoute[] {
  return [
    route({
      method: 'GET', url: '/admin/shipping/zones', access: read, tags, summary: 'Shipping zones',
      query: Strict({ includeInactive: Type.Optional(Type.Boolean({ default: false })) }),
      response: { 200: Type.Object({ items: Type.Array(ZoneDto) }) },
      handler: async ({ query, ctx }) => ({ items: await shipping.listZones(ctx, query) }),
    }),
    route({
      method: 'POST', url: '/admin/shipping/zones', access: write, tags, summary: 'Add a shipping zone (countries, or regions of a country)',
      body: Strict(zoneFields), response: { 201: ZoneDto },
      handler: async ({ body, ctx }) => shipping.createZone(ctx, body),
    }),
    route({
      method: 'GET', url: '/admin/shipping/zones/:id', access: read, tags, summary: 'One shipping zone',
      params: IdParam(), response: { 200: ZoneDto },
      handler: async ({ params, ctx }) => shipping.getZone(ctx, params.id),
    }),
    route({
      method: 'PATCH', url: '/admin/shipping/zones/:id', access: write, tags, summary: 'Change a shipping zone (areas replace the list)',
      params: IdParam(), body: Strict({ name: Type.Optional(zoneFields.name), areas: Type.Optional(zoneFields.areas), active: zoneFields.active }, { minProperties: 1 }),
      response: { 200: ZoneDto },
      handler: async ({ params, body, ctx }) => shipping.updateZone(ctx, params.id, body),
    }),
    route({
      method: 'DELETE', url: '/admin/shipping/zones/:id', access: write, tags, status: 204, summary: 'Archive a shipping zone (its methods stop being offered)',
      params: IdParam(),
      handler: async ({ params, ctx }) => { await shipping.archiveZone(ctx, params.id); },
    }),
    route({
      method: 'GET', url: '/admin/shipping/methods', access: read, tags, summary: 'Delivery, pickup and curbside methods',
      query: Strict({ zoneId: Type.Optional(Ref), kind: Type.Optional(Kind), includeInactive: Type.Optional(Type.Boolean({ default: false })) }),
      response: { 200: Type.Object({ items: Type.Array(MethodDto) }) },
      handler: async ({ query, ctx }) => ({ items: await shipping.listMethods(ctx, query) }),
    }),
    route({
      method: 'POST', url: '/admin/shipping/methods', access: write, tags,
      summary: 'Add a method: delivery (a zone, weight brackets, optional free-over threshold) or pickup / curbside at a stock location (free)',
      body: Strict(methodFields), response: { 201: MethodDto },
      handler: async ({ body, ctx }) => shipping.createMethod(ctx, body),
    }),
    route({
      method: 'GET', url: '/admin/shipping/methods/:id', access: read, tags, summary: 'One shipping method',
      params: IdParam(), response: { 200: MethodDto },
      handler: async ({ params, ctx }) => shipping.getMethod(ctx, params.id),
    }),
    route({
      method: 'PATCH', url: '/admin/shipping/methods/:id', access: write, tags, summary: 'Change a shipping method (the merged definition is checked again)',
      params: IdParam(), body: Strict({ ...methodFields, kind: Type.Optional(Kind), name: Type.Optional(methodFields.name) }, { minProperties: 1 }),
      response: { 200: MethodDto },
      handler: async ({ params, body, ctx }) => shipping.updateMethod(ctx, params.id, body),
    }),
    route({
      method: 'DELETE', url: '/admin/shipping/methods/:id', access: write, tags, status: 204, summary: 'Archive a shipping method',
      params: IdParam(),
      handler: async ({ params, ctx }) => { await shipping.archiveMethod(ctx, params.id); },
    }),
    route({
      method: 'GET', url: '/store/shipping-options', access: access.public, tags: ['store: shipping'],
      summary: 'Shipping options for a destination, parcel weight and subtotal: delivery priced by weight (free over a threshold), pickup and curbside',
      query: Strict({
        country: Country, region: Type.Optional(Region),
        weightGrams: Type.Integer({ minimum: 0, maximum: 10_000_000 }), subtotal: Money, currency: Currency,
      }),
      response: { 200: Type.Object({ items: Type.Array(QuoteDto) }) },
      handler: async ({ query, ctx }) => ({ items: await shipping.quote(ctx, query) }),
    }),
  ];
}
