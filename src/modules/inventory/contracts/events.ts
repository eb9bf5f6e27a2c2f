/** Facts the inventory module announces. Payloads are small; subscribers read details through the service. */
import { Type } from '@sinclair/typebox';
import { defineEvent } from '../../../platform/index.js';

export const InventoryLevelChanged = defineEvent('inventory.level_changed', 1,
  'On hand, reserved or available changed for a variant at a location (the catalog keeps its search index fresh from this).',
  Type.Object({
    variantId: Type.String(), locationId: Type.String(),
    onHand: Type.Integer(), reserved: Type.Integer(), available: Type.Integer(),
    reason: Type.String({ description: 'what moved it: an adjustment reason, reserved, released, expired, sold, transfer_out, transfer_in…' }),
  }));

export const InventoryLowStock = defineEvent('inventory.low_stock', 1,
  'Available stock of a variant at a location dropped to or below its reorder point (or the store threshold).',
  Type.Object({ variantId: Type.String(), locationId: Type.String(), available: Type.Integer(), threshold: Type.Integer() }));

export const InventoryReservationExpired = defineEvent('inventory.reservation_expired', 1,
  'A reservation ran out of time and its stock went back on sale.',
  Type.Object({ reservationId: Type.String(), reference: Type.String() }));

export const StockLocationChanged = defineEvent('stock_location.changed', 1,
  'A stock location was created, changed or archived.',
  Type.Object({ locationId: Type.String(), change: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('archived')]) }));
