/**
 * The fulfillment module's public service interface. The checkout asks `planShipment` where to
 * take stock from before it reserves; staff create fulfilments for orders and move them along
 * (pick, pack, ship, deliver; ready, picked up); curbside customers check in on arrival. Moves
 * report progress to the orders module and capture an authorized payment when goods first leave.
 */
import type { Ctx } from '../../../platform/index.js';
import type { Destination, PlanLine, ShipmentPlan } from '../domain/plan.js';
import type { FulfilmentStatus, FulfilmentKind } from '../domain/status.js';
import type { FulfillmentDto, TrackingDto } from './schemas.js';

export type { Destination, PlanLine, ShipmentPlan, PlannedLine } from '../domain/plan.js';

export interface CreateFulfillmentsInput {
  /** Lines and quantities to send; default every unit not yet in a live fulfilment. */
  lines?: { orderLineId: string; quantity: number }[];
  /** Where to send from, for lines whose stock location is unknown (imported or POS orders). */
  locationId?: string;
}

export interface ShipInput {
  /** A registered carrier ('flat-rate') buys a label; any other name is a manual carrier and needs a tracking number. */
  carrier?: string;
  service?: string;
  trackingNumber?: string;
  trackingUrl?: string;
}

export interface ArrivalInput { vehicle?: string; bay?: string; note?: string }

/** Who the shopper is when they check in or look: a signed-in customer, or a guest by the order's email. */
export type ShopperProof = { customerId: string } | { email: string };

export interface FulfillmentListQuery {
  orderId?: string;
  locationId?: string;
  status?: FulfilmentStatus;
  kind?: FulfilmentKind;
  limit: number;
  cursor?: string;
}

export interface FulfillmentService {
  /** Chooses the stock location(s) to send lines to a destination from: fewest splits, then distance, then priority. */
  planShipment(ctx: Ctx, input: { lines: PlanLine[]; destination: Destination }): Promise<ShipmentPlan>;

  /** Creates one fulfilment per stock location for an order's lines (all unfulfilled units by default). */
  create(ctx: Ctx, orderId: string, input: CreateFulfillmentsInput): Promise<FulfillmentDto[]>;
  get(ctx: Ctx, id: string): Promise<FulfillmentDto>;
  listForOrder(ctx: Ctx, orderId: string): Promise<FulfillmentDto[]>;
  /** A work queue: oldest first, filtered by location, status, kind or order. */
  list(ctx: Ctx, q: FulfillmentListQuery): Promise<{ items: FulfillmentDto[]; nextCursor: string | null }>;

  /** pending → picking; the order goes to `fulfilling`. */
  startPicking(ctx: Ctx, id: string): Promise<FulfillmentDto>;
  /** picking → packed (delivery). */
  pack(ctx: Ctx, id: string): Promise<FulfillmentDto>;
  /** packed → shipped: buys a label or records a manual tracking number, captures an authorized payment, reports the units to the order. */
  ship(ctx: Ctx, id: string, input: ShipInput): Promise<FulfillmentDto>;
  /** shipped → delivered; completes the order when every unit is in the customer's hands. */
  deliver(ctx: Ctx, id: string): Promise<FulfillmentDto>;
  /** picking → ready_for_pickup (pickup, curbside). */
  markReady(ctx: Ctx, id: string): Promise<FulfillmentDto>;
  /** A curbside customer is here: ready_for_pickup → arrived, with where to find them. */
  checkIn(ctx: Ctx, orderId: string, id: string, proof: ShopperProof, input: ArrivalInput): Promise<FulfillmentDto>;
  /** ready (pickup) or arrived (curbside) → picked_up: captures, reports and completes like a delivery. */
  markPickedUp(ctx: Ctx, id: string): Promise<FulfillmentDto>;
  /** Any state before the goods leave → cancelled; the units can be fulfilled again. */
  cancel(ctx: Ctx, id: string, reason: string): Promise<FulfillmentDto>;

  /** A shopper's own order's fulfilments (a wrong customer or email answers like a missing order). */
  listForShopper(ctx: Ctx, orderId: string, proof: ShopperProof): Promise<FulfillmentDto[]>;
  /** The public tracking page's answer; no personal data. */
  track(ctx: Ctx, trackingNumber: string): Promise<TrackingDto>;
}
