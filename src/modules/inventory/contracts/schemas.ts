/** Request and response shapes of the inventory HTTP API. */
import { Type } from '@sinclair/typebox';
import { Nullable, Strict } from '../../../platform/index.js';
import { ADJUSTMENT_REASONS } from './service.js';

export const VariantId = Type.String({ minLength: 1, maxLength: 120, description: 'a catalog variant id' });
export const LocationId = Type.String({ minLength: 1, maxLength: 120 });
const Quantity = Type.Integer({ minimum: 1, maximum: 1_000_000 });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
export const LocationKindSchema = Type.Union([Type.Literal('warehouse'), Type.Literal('store')]);

export const AddressInput = Strict({
  line1: Text(200), line2: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  city: Text(100), region: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  postalCode: Text(20), country: Type.String({ pattern: '^[A-Z]{2}$', maxLength: 2, description: 'ISO 3166-1 alpha-2' }),
});

const locationFields = {
  name: Text(120),
  code: Type.Optional(Type.String({ maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9_\\-]{0,39}$', description: 'short unique code, e.g. WH-EAST' })),
  kind: LocationKindSchema,
  pickup: Type.Optional(Type.Boolean({ description: 'shoppers may collect orders here (BOPIS)' })),
  address: AddressInput,
  latitude: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  longitude: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: 'lower is preferred when allocating stock' })),
};
export const LocationCreate = Strict(locationFields);
export const LocationPatch = Strict({
  name: Type.Optional(locationFields.name), code: locationFields.code, kind: Type.Optional(LocationKindSchema), pickup: locationFields.pickup,
  address: Type.Optional(AddressInput), latitude: locationFields.latitude, longitude: locationFields.longitude, priority: locationFields.priority,
  active: Type.Optional(Type.Boolean()),
}, { minProperties: 1 });

const AddressDto = Type.Object({ line1: Type.String(), line2: Nullable(Type.String()), city: Type.String(), region: Nullable(Type.String()), postalCode: Type.String(), country: Type.String() });
export const LocationDto = Type.Object({
  id: Type.String(), code: Nullable(Type.String()), name: Type.String(), kind: Type.String(), pickup: Type.Boolean(), active: Type.Boolean(),
  address: AddressDto, latitude: Nullable(Type.Number()), longitude: Nullable(Type.Number()), priority: Type.Integer(), createdAt: Type.String(), updatedAt: Type.String(),
});
export const StoreLocationDto = Type.Object({
  id: Type.String(), name: Type.String(), kind: Type.String(), pickup: Type.Boolean(), address: AddressDto, latitude: Nullable(Type.Number()), longitude: Nullable(Type.Number()),
});

export const LevelDto = Type.Object({
  variantId: Type.String(), locationId: Type.String(), locationName: Type.String(), onHand: Type.Integer(), reserved: Type.Integer(), available: Type.Integer(),
  incoming: Type.Integer(), reorderPoint: Nullable(Type.Integer()), lowStock: Type.Boolean(), updatedAt: Type.String(),
});

export const AdjustmentReasonSchema = Type.Union(ADJUSTMENT_REASONS.map((r) => Type.Literal(r)));
export const AdjustmentCreate = Strict({
  variantId: VariantId, locationId: LocationId, reason: AdjustmentReasonSchema,
  delta: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: 'units to add (negative to remove)' })),
  onHand: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'set on hand to this counted quantity instead of a delta' })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});

export const MovementDto = Type.Object({
  id: Type.String(), variantId: Type.String(), locationId: Type.String(), delta: Type.Integer(), onHandAfter: Type.Integer(), reason: Type.String(),
  reference: Nullable(Type.String()), note: Nullable(Type.String()), actor: Type.String(), createdAt: Type.String(),
});

export const TransferCreate = Strict({
  fromLocationId: LocationId, toLocationId: LocationId,
  lines: Type.Array(Strict({ variantId: VariantId, quantity: Quantity }), { minItems: 1, maxItems: 500 }),
  inTransit: Type.Optional(Type.Boolean({ description: 'ship now and receive later; the destination shows the units as incoming until then' })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});
export const TransferStatusSchema = Type.Union([Type.Literal('in_transit'), Type.Literal('received'), Type.Literal('cancelled')]);
export const TransferDto = Type.Object({
  id: Type.String(), fromLocationId: Type.String(), toLocationId: Type.String(), status: Type.String(), note: Nullable(Type.String()),
  lines: Type.Array(Type.Object({ variantId: Type.String(), quantity: Type.Integer() })),
  createdAt: Type.String(), receivedAt: Nullable(Type.String()), cancelledAt: Nullable(Type.String()),
});

export const ReservationCreate = Strict({
  reference: Text(200),
  lines: Type.Array(Strict({ variantId: VariantId, quantity: Quantity, locationId: Type.Optional(LocationId) }), { minItems: 1, maxItems: 200 }),
  ttlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 86_400, description: 'how long the hold lasts (default RESERVATION_TTL)' })),
});
const ReservationLineDto = Type.Object({ variantId: Type.String(), locationId: Type.String(), quantity: Type.Integer() });
export const ReservationDto = Type.Object({
  id: Type.String(), reference: Type.String(), status: Type.String(), expiresAt: Type.String(), lines: Type.Array(ReservationLineDto),
  createdAt: Type.Optional(Type.String()), updatedAt: Type.Optional(Type.String()),
});

export const AvailabilityDto = Type.Object({
  variantId: Type.String(), available: Type.Integer(),
  byLocation: Type.Array(Type.Object({ locationId: Type.String(), locationName: Type.String(), kind: Type.String(), onHand: Type.Integer(), reserved: Type.Integer(), available: Type.Integer(), pickup: Type.Boolean() })),
});
