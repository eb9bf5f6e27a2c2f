/**
 * The inventory module's public service interface: what other modules (catalog, checkout, POS,
 * purchasing) may call. Expected outcomes such as "not enough stock" are returned, not thrown.
 */
import type { Ctx } from '../../../platform/index.js';
import type { Result } from '../../../kernel/index.js';

export interface LocationAvailability { locationId: string; locationName: string; kind: 'warehouse' | 'store'; onHand: number; reserved: number; available: number; pickup: boolean }

export interface VariantAvailability { variantId: string; available: number; byLocation: LocationAvailability[] }

export interface ReservationLine { variantId: string; quantity: number; locationId?: string }

export interface Reservation { id: string; reference: string; expiresAt: string; lines: { variantId: string; locationId: string; quantity: number }[] }

export type ReserveError = { code: 'inventory.insufficient_stock'; message: string; shortages: { variantId: string; requested: number; available: number }[] };

export interface InventoryService {
  /** Availability of the given variants (all variants when omitted), summed and per location. */
  availability(ctx: Ctx, variantIds?: string[]): Promise<Map<string, VariantAvailability>>;
  /** Holds stock for a reference (e.g. a cart or checkout) until it is committed, released or expires. */
  reserve(ctx: Ctx, input: { reference: string; lines: ReservationLine[]; ttlSeconds?: number }): Promise<Result<Reservation, ReserveError>>;
  /** Gives reserved stock back (idempotent). */
  release(ctx: Ctx, reservationId: string): Promise<void>;
  /** Turns a reservation into a sale: on hand and reserved both go down (idempotent). */
  commit(ctx: Ctx, reservationId: string): Promise<void>;
}
