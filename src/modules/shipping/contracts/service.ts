/**
 * The shipping module's public service interface. The cart asks `quote` for the options of a
 * destination and parcel; checkout passes the chosen quote to the totals calculator as is.
 */
import type { Ctx } from '../../../platform/index.js';

export interface ZoneArea { country: string; region: string | null }
export interface ShippingZone { id: string; name: string; areas: ZoneArea[]; active: boolean; createdAt: string; updatedAt: string }
export interface ZoneInput { name: string; areas: { country: string; region?: string | null }[]; active?: boolean }

export type MethodKind = 'delivery' | 'pickup' | 'curbside';
export const METHOD_KINDS: readonly MethodKind[] = ['delivery', 'pickup', 'curbside'];

/** Up to and including `upToGrams` (null: any weight) the rate is `amount`. */
export interface WeightBracket { upToGrams: number | null; amount: number }

export interface ShippingMethod {
  id: string; kind: MethodKind; name: string;
  /** Delivery methods belong to a zone. */
  zoneId: string | null;
  /** Pickup and curbside happen at a stock location (an inventory location id). */
  locationId: string | null;
  /** Delivery rates are in one currency; pickup and curbside cost nothing in any. */
  currency: string | null;
  brackets: WeightBracket[];
  freeOverSubtotal: number | null;
  active: boolean; createdAt: string; updatedAt: string;
}

export interface MethodInput {
  kind: MethodKind; name: string; zoneId?: string | null; locationId?: string | null; currency?: string | null;
  brackets?: WeightBracket[]; freeOverSubtotal?: number | null; active?: boolean;
}

export interface QuoteQuery { country: string; region?: string | null; weightGrams: number; subtotal: number; currency: string }

export interface ShippingQuote {
  /** The method id. */
  id: string; kind: MethodKind; name: string;
  /** What it costs for this parcel before any free-over threshold. */
  rate: number;
  /** What it costs at the quoted subtotal (0 when the threshold is met). */
  amount: number;
  currency: string;
  freeOverSubtotal: number | null;
  zoneId: string | null;
  locationId: string | null;
}

export interface ShippingService {
  listZones(ctx: Ctx, q?: { includeInactive?: boolean }): Promise<ShippingZone[]>;
  getZone(ctx: Ctx, id: string): Promise<ShippingZone>;
  createZone(ctx: Ctx, input: ZoneInput): Promise<ShippingZone>;
  updateZone(ctx: Ctx, id: string, patch: Partial<ZoneInput>): Promise<ShippingZone>;
  archiveZone(ctx: Ctx, id: string): Promise<void>;
  listMethods(ctx: Ctx, q?: { zoneId?: string; kind?: MethodKind; includeInactive?: boolean }): Promise<ShippingMethod[]>;
  getMethod(ctx: Ctx, id: string): Promise<ShippingMethod>;
  createMethod(ctx: Ctx, input: MethodInput): Promise<ShippingMethod>;
  updateMethod(ctx: Ctx, id: string, patch: Partial<MethodInput>): Promise<ShippingMethod>;
  archiveMethod(ctx: Ctx, id: string): Promise<void>;
  /** The options for a destination, weight and subtotal: delivery in the most specific matching zone, plus pickup and curbside. */
  quote(ctx: Ctx, q: QuoteQuery): Promise<ShippingQuote[]>;
}
