/** Fulfilment routes: staff create and move fulfilments; shoppers see their own and check in; anyone tracks a parcel. Thin. */
import { Type } from '@sinclair/typebox';
import { validationError } from '../../../kernel/index.js';
import { access, Cursor, IdParam, Limit, Page, route, Strict, type AnyRoute, type Ctx } from '../../../platform/index.js';
import { FulfillmentDto, ShipmentPlanDto, TrackingDto } from '../contracts/schemas.js';
import type { FulfillmentService, ShopperProof } from '../contracts/service.js';
import { FULFILMENT_KINDS, FULFILMENT_STATUSES } from '../domain/status.js';

const oneOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Id = Type.String({ minLength: 1, maxLength: 120 });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const List = Type.Object({ items: Type.Array(FulfillmentDto) });
const tags = ['admin: fulfillment'];
const FulfillmentParams = Strict({ id: Id, fulfillmentId: Id });

const ArrivalBody = {
  vehicle: Type.Optional(Type.String({ maxLength: 120, description: 'e.g. "blue Volvo estate, AB12 CDE"' })),
  bay: Type.Optional(Type.String({ maxLength: 40, description: 'the numbered parking bay, if the store has them' })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
};

/** A signed-in customer proves ownership by their token; a guest by the order's email. */
function proof(ctx: Ctx, email: string | undefined): ShopperProof {
  if (ctx.actor.kind === 'customer') return { customerId: ctx.actor.id };
  if (!email) throw validationError('sign in, or give the email the order was placed with', [{ field: 'body.email', message: 'is required without a signed-in customer' }]);
  return { email };
}

export function fulfillmentRoutes(service: FulfillmentService): AnyRoute[] {
  const staffMove = (path: string, summary: string, run: (ctx: Ctx, id: string) => Promise<unknown>) => route({
    method: 'POST', url: `/admin/fulfillments/:id/${path}`, access: access.staff('orders:fulfil'), tags, summary, params: IdParam(),
    response: { 200: FulfillmentDto }, status: 200,
    handler: async ({ params, ctx }) => run(ctx, params.id),
  });
  return [
    route({
      method: 'POST', url: '/admin/fulfillments/plan', access: access.staff('orders:read'), tags, status: 200,
      summary: 'Where lines would ship from to a destination: fewest splits, then distance, then location priority',
      body: Strict({
        lines: Type.Array(Strict({ variantId: Id, quantity: Type.Integer({ minimum: 1, maximum: 100_000 }) }), { minItems: 1, maxItems: 200 }),
        destination: Strict({
          country: Type.String({ minLength: 2, maxLength: 2 }), region: Type.Optional(Type.String({ maxLength: 100 })), postalCode: Type.Optional(Type.String({ maxLength: 20 })),
          latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })), longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
        }),
      }),
      response: { 200: ShipmentPlanDto },
      handler: async ({ body, ctx }) => service.planShipment(ctx, body),
    }),
    route({
      method: 'GET', url: '/admin/orders/:id/fulfillments', access: access.staff('orders:read'), tags,
      summary: "An order's fulfilments, oldest first", params: IdParam(), response: { 200: List },
      handler: async ({ params, ctx }) => ({ items: await service.listForOrder(ctx, params.id) }),
    }),
    route({
      method: 'POST', url: '/admin/orders/:id/fulfillments', access: access.staff('orders:fulfil'), tags,
      summary: 'Create fulfilments for an order: the given lines, or every unit not yet in one; one fulfilment per stock location',
      params: IdParam(),
      body: Strict({
        lines: Type.Optional(Type.Array(Strict({ orderLineId: Id, quantity: Type.Integer({ minimum: 1, maximum: 100_000 }) }), { minItems: 1, maxItems: 200 })),
        locationId: Type.Optional(Id),
      }),
      response: { 201: List },
      handler: async ({ params, body, ctx }) => ({ items: await service.create(ctx, params.id, body) }),
    }),
    route({
      method: 'GET', url: '/admin/fulfillments', access: access.staff('orders:read'), tags,
      summary: 'Fulfilments oldest first, e.g. a store\'s pickup queue (?locationId=…&status=ready_for_pickup)',
      query: Strict({
        locationId: Type.Optional(Id), status: Type.Optional(oneOf(FULFILMENT_STATUSES)), kind: Type.Optional(oneOf(FULFILMENT_KINDS)),
        orderId: Type.Optional(Id), limit: Limit(200, 50), cursor: Type.Optional(Cursor),
      }),
      response: { 200: Page(FulfillmentDto) },
      handler: async ({ query, ctx }) => service.list(ctx, query as any),
    }),
    route({
      method: 'GET', url: '/admin/fulfillments/:id', access: access.staff('orders:read'), tags,
      summary: 'One fulfilment with its lines and next actions', params: IdParam(), response: { 200: FulfillmentDto },
      handler: async ({ params, ctx }) => service.get(ctx, params.id),
    }),
    staffMove('pick', 'Start picking (the order goes to fulfilling)', (ctx, id) => service.startPicking(ctx, id)),
    staffMove('pack', 'Mark a delivery fulfilment packed', (ctx, id) => service.pack(ctx, id)),
    route({
      method: 'POST', url: '/admin/fulfillments/:id/ship', access: access.staff('orders:fulfil'), tags, status: 200,
      summary: 'Ship a packed fulfilment: a flat-rate label by default, or a manual carrier with its tracking number; captures an authorized payment first',
      params: IdParam(),
      body: Strict({
        carrier: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: "'flat-rate' (default) or the name of a manual carrier" })),
        service: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
        trackingNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9 _.\\-]+$' })),
        trackingUrl: Type.Optional(Type.String({ maxLength: 500, pattern: '^https?://' })),
      }),
      response: { 200: FulfillmentDto },
      handler: async ({ params, body, ctx }) => service.ship(ctx, params.id, body),
    }),
    staffMove('deliver', 'Mark a shipped fulfilment delivered (completes the order when everything is delivered)', (ctx, id) => service.deliver(ctx, id)),
    staffMove('ready', 'Mark a pickup or curbside fulfilment ready to collect', (ctx, id) => service.markReady(ctx, id)),
    staffMove('picked-up', 'Hand a ready (pickup) or arrived (curbside) fulfilment to the customer; captures an authorized payment first', (ctx, id) => service.markPickedUp(ctx, id)),
    route({
      method: 'POST', url: '/admin/fulfillments/:id/cancel', access: access.staff('orders:fulfil'), tags, status: 200,
      summary: 'Cancel a fulfilment that has not left; its units can be fulfilled again', params: IdParam(),
      body: Strict({ reason: Text(500) }), response: { 200: FulfillmentDto },
      handler: async ({ params, body, ctx }) => service.cancel(ctx, params.id, body.reason),
    }),
    route({
      method: 'GET', url: '/store/account/orders/:id/fulfillments', access: access.customer, tags: ['store: account'],
      summary: "My order's parcels and pickups, with tracking", params: IdParam(), response: { 200: List },
      handler: async ({ params, ctx }) => ({ items: await service.listForShopper(ctx, params.id, proof(ctx, undefined)) }),
    }),
    route({
      method: 'POST', url: '/store/orders/:id/fulfillments/lookup', access: access.optional, tags: ['store: orders'], status: 200,
      summary: "A guest's order's parcels and pickups, by the order id and its email (a wrong pair is a 404)", params: IdParam(),
      body: Strict({ email: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })) }), response: { 200: List },
      handler: async ({ params, body, ctx }) => ({ items: await service.listForShopper(ctx, params.id, proof(ctx, body.email)) }),
    }),
    route({
      method: 'POST', url: '/store/orders/:id/fulfillments/:fulfillmentId/check-in', access: access.optional, tags: ['store: orders'], status: 200,
      summary: "I'm here: a curbside customer checks in on arrival (signed in, or with the order's email), saying where to find them",
      params: FulfillmentParams,
      body: Strict({ email: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })), ...ArrivalBody }),
      response: { 200: FulfillmentDto },
      handler: async ({ params, body, ctx }) => {
        const { email, ...arrival } = body;
        const f = await service.checkIn(ctx, params.id, params.fulfillmentId, proof(ctx, email), arrival);
        return { ...f, labelUrl: null, cancelReason: null, actions: [] };
      },
    }),
    route({
      method: 'GET', url: '/store/track/:trackingNumber', access: access.public, tags: ['store: orders'],
      summary: 'Where a parcel is: status and history by tracking number, without personal data',
      params: Strict({ trackingNumber: Type.String({ minLength: 1, maxLength: 100 }) }), response: { 200: TrackingDto },
      handler: async ({ params, ctx }) => service.track(ctx, params.trackingNumber),
    }),
  ];
}


