/** Inventory routes for staff and the storefront. Thin: parse, call one service method, map the result. */
import { Type } from '@sinclair/typebox';
import { AppError, type Result } from '../../../kernel/index.js';
import { access, Cursor, IdParam, Limit, Nullable, Page, route, Strict, type AnyRoute } from '../../../platform/index.js';
import {
  AdjustmentCreate, AdjustmentReasonSchema, AvailabilityDto, LevelDto, LocationCreate, LocationDto, LocationId, LocationPatch, MovementDto,
  ReservationCreate, ReservationDto, StoreLocationDto, TransferCreate, TransferDto, TransferStatusSchema, VariantId,
} from '../contracts/schemas.js';
import type { InventoryService, StockError } from '../contracts/service.js';

/** Insufficient stock is an expected outcome of the service; over HTTP it is a 409 listing the shortages. */
function orConflict<T>(r: Result<T, StockError>): T {
  if (r.ok) return r.value;
  throw new AppError(r.error.code, r.error.message, 409, { shortages: r.error.shortages });
}

const read = access.staff('inventory:read');
const write = access.staff('inventory:write');
const tagLoc = ['admin: locations'];
const tagInv = ['admin: inventory'];

export function inventoryRoutes(inventory: InventoryService): AnyRoute[] {
  return [
    // --- locations ---
    route({
      method: 'GET', url: '/admin/locations', access: read, tags: tagLoc, summary: 'Stock locations (warehouses and stores)',
      query: Strict({ includeInactive: Type.Optional(Type.Boolean({ default: false })) }),
      response: { 200: Type.Object({ items: Type.Array(LocationDto) }) },
      handler: async ({ query, ctx }) => ({ items: await inventory.listLocations(ctx, { includeInactive: query.includeInactive }) }),
    }),
    route({
      method: 'POST', url: '/admin/locations', access: write, tags: tagLoc, summary: 'Add a stock location',
      body: LocationCreate, response: { 201: LocationDto },
      handler: async ({ body, ctx }) => inventory.createLocation(ctx, body),
    }),
    route({
      method: 'GET', url: '/admin/locations/:id', access: read, tags: tagLoc, summary: 'One stock location',
      params: IdParam(), response: { 200: LocationDto },
      handler: async ({ params, ctx }) => inventory.getLocation(ctx, params.id),
    }),
    route({
      method: 'PATCH', url: '/admin/locations/:id', access: write, tags: tagLoc, summary: 'Change a stock location (address replaces the whole address)',
      params: IdParam(), body: LocationPatch, response: { 200: LocationDto },
      handler: async ({ params, body, ctx }) => inventory.updateLocation(ctx, params.id, body),
    }),
    route({
      method: 'DELETE', url: '/admin/locations/:id', access: write, tags: tagLoc, status: 204,
      summary: 'Archive a stock location (refused while it holds, reserves or expects stock; its history stays)',
      params: IdParam(),
      handler: async ({ params, ctx }) => { await inventory.archiveLocation(ctx, params.id); },
    }),
    route({
      method: 'GET', url: '/store/locations', access: access.public, tags: ['store: locations'], summary: 'Stores where orders can be picked up',
      response: { 200: Type.Object({ items: Type.Array(StoreLocationDto) }) },
      handler: async ({ ctx }) => ({
        items: (await inventory.listLocations(ctx, { pickupOnly: true }))
          .map(({ id, name, kind, pickup, address, latitude, longitude }) => ({ id, name, kind, pickup, address, latitude, longitude })),
      }),
    }),

    // --- levels and availability ---
    route({
      method: 'GET', url: '/admin/inventory/levels', access: read, tags: tagInv, summary: 'Stock levels by variant and location',
      query: Strict({
        locationId: Type.Optional(LocationId), variantId: Type.Optional(VariantId),
        lowStock: Type.Optional(Type.Boolean({ description: 'only levels at or below their reorder point (or the store threshold)' })),
        limit: Limit(200, 50), cursor: Type.Optional(Cursor),
      }),
      response: { 200: Page(LevelDto) },
      handler: async ({ query, ctx }) => inventory.listLevels(ctx, query),
    }),
    route({
      method: 'PUT', url: '/admin/inventory/levels/reorder-point', access: write, tags: tagInv, status: 200,
      summary: 'Set a level\'s reorder point (null uses the store\'s low-stock threshold)',
      body: Strict({ variantId: VariantId, locationId: LocationId, reorderPoint: Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 })) }),
      response: { 200: LevelDto },
      handler: async ({ body, ctx }) => inventory.setReorderPoint(ctx, body.variantId, body.locationId, body.reorderPoint),
    }),
    route({
      method: 'GET', url: '/admin/inventory/variants/:variantId', access: read, tags: tagInv, summary: 'Availability of one variant, summed and per location',
      params: Strict({ variantId: VariantId }), response: { 200: AvailabilityDto },
      handler: async ({ params, ctx }) => (await inventory.availability(ctx, [params.variantId])).get(params.variantId) ?? { variantId: params.variantId, available: 0, byLocation: [] },
    }),

    // --- adjustments and the ledger ---
    route({
      method: 'POST', url: '/admin/inventory/adjustments', access: write, tags: tagInv,
      summary: 'Adjust stock with a reason: a delta, or an absolute counted on-hand (409 when it would leave less than is reserved)',
      body: AdjustmentCreate,
      response: { 201: Type.Object({ level: LevelDto, movement: MovementDto }) },
      handler: async ({ body, ctx }) => orConflict(await inventory.adjust(ctx, body)),
    }),
    route({
      method: 'GET', url: '/admin/inventory/movements', access: read, tags: tagInv, summary: 'The movement ledger, newest first',
      query: Strict({
        variantId: Type.Optional(VariantId), locationId: Type.Optional(LocationId),
        reason: Type.Optional(Type.Union([AdjustmentReasonSchema, ...['initial', 'sold', 'transfer_out', 'transfer_in', 'transfer_cancelled'].map((r) => Type.Literal(r))])),
        reference: Type.Optional(Type.String({ maxLength: 200 })),
        limit: Limit(200, 50), cursor: Type.Optional(Cursor),
      }),
      response: { 200: Page(MovementDto) },
      handler: async ({ query, ctx }) => inventory.listMovements(ctx, query),
    }),

    // --- transfers ---
    route({
      method: 'POST', url: '/admin/inventory/transfers', access: write, tags: tagInv,
      summary: 'Move stock between locations in one transaction (or ship now with inTransit and receive later)',
      body: TransferCreate, response: { 201: TransferDto },
      handler: async ({ body, ctx }) => orConflict(await inventory.transfer(ctx, body)),
    }),
    route({
      method: 'GET', url: '/admin/inventory/transfers', access: read, tags: tagInv, summary: 'Transfers, newest first',
      query: Strict({ status: Type.Optional(TransferStatusSchema), limit: Limit(200, 50), cursor: Type.Optional(Cursor) }),
      response: { 200: Page(TransferDto) },
      handler: async ({ query, ctx }) => inventory.listTransfers(ctx, query),
    }),
    route({
      method: 'GET', url: '/admin/inventory/transfers/:id', access: read, tags: tagInv, summary: 'One transfer',
      params: IdParam(), response: { 200: TransferDto },
      handler: async ({ params, ctx }) => inventory.getTransfer(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/admin/inventory/transfers/:id/receive', access: write, tags: tagInv, status: 200, summary: 'Receive an in-transit transfer at its destination',
      params: IdParam(), response: { 200: TransferDto },
      handler: async ({ params, ctx }) => inventory.receiveTransfer(ctx, params.id),
    }),
    route({
      method: 'POST', url: '/admin/inventory/transfers/:id/cancel', access: write, tags: tagInv, status: 200, summary: 'Cancel an in-transit transfer; the stock returns to its source',
      params: IdParam(), response: { 200: TransferDto },
      handler: async ({ params, ctx }) => inventory.cancelTransfer(ctx, params.id),
    }),

    // --- reservations ---
    route({
      method: 'POST', url: '/admin/inventory/reservations', access: write, tags: tagInv,
      summary: 'Hold stock for a reference until commit, release or expiry; all lines or none (409 inventory.insufficient_stock)',
      body: ReservationCreate, response: { 201: ReservationDto },
      handler: async ({ body, ctx }) => ({ ...orConflict(await inventory.reserve(ctx, body)), status: 'active' }),
    }),
    route({
      method: 'GET', url: '/admin/inventory/reservations/:id', access: read, tags: tagInv, summary: 'One reservation',
      params: IdParam(), response: { 200: ReservationDto },
      handler: async ({ params, ctx }) => inventory.getReservation(ctx, params.id),
    }),
    route({
      method: 'DELETE', url: '/admin/inventory/reservations/:id', access: write, tags: tagInv, status: 204, summary: 'Release a reservation (idempotent)',
      params: IdParam(),
      handler: async ({ params, ctx }) => { await inventory.release(ctx, params.id); },
    }),
    route({
      method: 'POST', url: '/admin/inventory/reservations/:id/commit', access: write, tags: tagInv, status: 200,
      summary: 'Commit a reservation as sold: on hand and reserved both go down (idempotent)',
      params: IdParam(), response: { 200: ReservationDto },
      handler: async ({ params, ctx }) => { await inventory.commit(ctx, params.id); return inventory.getReservation(ctx, params.id); },
    }),
  ];
}
