/**
 * The inventory module's public service interface: what other modules (catalog, checkout, POS,
 * purchasing) and the seeder may call. Expected outcomes such as "not enough stock" are returned,
 * not thrown; a missing reservation or location is thrown as a 404.
 */
import type { Ctx } from '../../../platform/index.js';
import type { Result } from '../../../kernel/index.js';

export type LocationKind = 'warehouse' | 'store';

export interface LocationAvailability { locationId: string; locationName: string; kind: LocationKind; onHand: number; reserved: number; available: number; pickup: boolean }

export interface VariantAvailability { variantId: string; available: number; byLocation: LocationAvailability[] }

export interface ReservationLine { variantId: string; quantity: number; locationId?: string }

export type ReservationStatus = 'active' | 'committed' | 'released' | 'expired';

export interface Reservation { id: string; reference: string; expiresAt: string; lines: { variantId: string; locationId: string; quantity: number }[] }

export interface ReservationDetail extends Reservation { status: ReservationStatus; createdAt: string; updatedAt: string }

/** One variant that could not be covered: how much was asked and how much was available. */
export interface Shortage { variantId: string; locationId?: string; requested: number; available: number }

export type ReserveError = { code: 'inventory.insufficient_stock'; message: string; shortages: Shortage[] };

/** Adjustments and transfers fail the same way as reservations when stock is short. */
export type StockError = ReserveError;

export interface Address { line1: string; line2?: string | null; city: string; region?: string | null; postalCode: string; country: string }

export interface LocationInput {
  name: string;
  /** Short unique code for imports and the POS, e.g. `WH-EAST`. */
  code?: string;
  kind: LocationKind;
  pickup?: boolean;
  address: Address;
  latitude?: number | null;
  longitude?: number | null;
  /** Lower is preferred when stock is allocated to a reservation without a location. */
  priority?: number;
}

export interface Location {
  id: string; code: string | null; name: string; kind: LocationKind; pickup: boolean; active: boolean;
  address: { line1: string; line2: string | null; city: string; region: string | null; postalCode: string; country: string };
  latitude: number | null; longitude: number | null; priority: number; createdAt: string; updatedAt: string;
}

export interface Level {
  variantId: string; locationId: string; locationName: string; onHand: number; reserved: number; available: number;
  /** Units shipped to this location by a transfer and not received yet. */
  incoming: number;
  reorderPoint: number | null; lowStock: boolean; updatedAt: string;
}

export const ADJUSTMENT_REASONS = ['received', 'counted', 'damaged', 'shrinkage', 'returned', 'correction', 'cycle_count', 'production', 'sample'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];
/** Every reason a movement can carry: staff adjustments plus those the module writes itself. */
export type MovementReason = AdjustmentReason | 'initial' | 'sold' | 'transfer_out' | 'transfer_in' | 'transfer_cancelled';

export interface AdjustmentInput {
  variantId: string; locationId: string; reason: AdjustmentReason;
  /** Add (or, negative, remove) this many units… */
  delta?: number;
  /** …or set on hand to this absolute count (a stock count). Exactly one of the two. */
  onHand?: number;
  note?: string;
}

export interface Movement {
  id: string; variantId: string; locationId: string; delta: number; onHandAfter: number; reason: MovementReason;
  reference: string | null; note: string | null; actor: string; createdAt: string;
}

export type TransferStatus = 'in_transit' | 'received' | 'cancelled';

export interface TransferInput {
  fromLocationId: string; toLocationId: string; lines: { variantId: string; quantity: number }[];
  /** When true the stock leaves now and arrives on `receiveTransfer`; otherwise both happen at once. */
  inTransit?: boolean;
  note?: string;
}

export interface Transfer {
  id: string; fromLocationId: string; toLocationId: string; status: TransferStatus; note: string | null;
  lines: { variantId: string; quantity: number }[]; createdAt: string; receivedAt: string | null; cancelledAt: string | null;
}

export interface SeedLevelRow { variantId: string; locationId: string; onHand: number; reorderPoint?: number | null }

export interface Page<T> { items: T[]; nextCursor: string | null }

export interface InventoryService {
  /** Availability of the given variants (all variants when omitted), summed and per location. */
  availability(ctx: Ctx, variantIds?: string[]): Promise<Map<string, VariantAvailability>>;
  /** Holds stock for a reference (e.g. a cart or checkout) until it is committed, released or expires. All lines or none. */
  reserve(ctx: Ctx, input: { reference: string; lines: ReservationLine[]; ttlSeconds?: number }): Promise<Result<Reservation, ReserveError>>;
  /** Gives reserved stock back (idempotent). */
  release(ctx: Ctx, reservationId: string): Promise<void>;
  /** Turns a reservation into a sale: on hand and reserved both go down (idempotent). */
  commit(ctx: Ctx, reservationId: string): Promise<void>;
  /** One reservation with its status. */
  getReservation(ctx: Ctx, reservationId: string): Promise<ReservationDetail>;
  /** Releases every active reservation whose time is up; returns how many. The scheduled job calls it. */
  expireDue(ctx: Ctx, limit?: number): Promise<number>;

  createLocation(ctx: Ctx, input: LocationInput): Promise<Location>;
  listLocations(ctx: Ctx, q?: { includeInactive?: boolean; pickupOnly?: boolean }): Promise<Location[]>;
  getLocation(ctx: Ctx, id: string): Promise<Location>;
  updateLocation(ctx: Ctx, id: string, patch: Partial<LocationInput> & { active?: boolean }): Promise<Location>;
  /** Deactivates a location; refused while it holds stock. */
  archiveLocation(ctx: Ctx, id: string): Promise<void>;

  listLevels(ctx: Ctx, q: { locationId?: string; variantId?: string; lowStock?: boolean; limit: number; cursor?: string }): Promise<Page<Level>>;
  /** Sets a level's reorder point (null falls back to the store's low-stock threshold). */
  setReorderPoint(ctx: Ctx, variantId: string, locationId: string, reorderPoint: number | null): Promise<Level>;
  /** Adds, removes or counts stock at one location, with a reason, as a movement in the ledger. */
  adjust(ctx: Ctx, input: AdjustmentInput): Promise<Result<{ level: Level; movement: Movement }, StockError>>;
  listMovements(ctx: Ctx, q: { variantId?: string; locationId?: string; reason?: string; reference?: string; limit: number; cursor?: string }): Promise<Page<Movement>>;
  /** Moves stock between locations in one transaction (optionally via an in-transit state). */
  transfer(ctx: Ctx, input: TransferInput): Promise<Result<Transfer, StockError>>;
  receiveTransfer(ctx: Ctx, id: string): Promise<Transfer>;
  cancelTransfer(ctx: Ctx, id: string): Promise<Transfer>;
  getTransfer(ctx: Ctx, id: string): Promise<Transfer>;
  listTransfers(ctx: Ctx, q: { status?: TransferStatus; limit: number; cursor?: string }): Promise<Page<Transfer>>;
  /** Bulk load for the demo seeder and imports: sets on hand per (variant, location), in one transaction. */
  seedLevels(ctx: Ctx, rows: SeedLevelRow[]): Promise<{ levels: number }>;
}
