/**
 * Fulfilments: creating them for an order (one per stock location) and moving them through the
 * transition table. Each move is one transaction that updates the fulfilment on its version,
 * reports progress to the orders module through its front door (joining this transaction) and
 * emits the event. Outside effects come first and outside the transaction: the payment capture
 * and the carrier label; a failure there leaves the fulfilment where it was.
 */
import { AppError, conflict, newId, notFound } from '../../../kernel/index.js';
import { audit, emit, inTransaction, withDb, type Ctx } from '../../../platform/index.js';
import type { InventoryService } from '../../inventory/index.js';
import type { OrderDto, OrdersService } from '../../orders/index.js';
import type { PaymentsService } from '../../payments/index.js';
import type { Carrier, Shipment } from '../carriers/carrier.js';
import {
  FulfillmentCancelled, FulfillmentCreated, FulfillmentCustomerArrived, FulfillmentDelivered, FulfillmentPacked, FulfillmentPickedUp,
  FulfillmentPickingStarted, FulfillmentReadyForPickup, FulfillmentShipped,
} from '../contracts/events.js';
import type { FulfillmentDto, TrackingDto } from '../contracts/schemas.js';
import type {
  ArrivalInput, CreateFulfillmentsInput, FulfillmentListQuery, FulfillmentService, ShipInput, ShopperProof,
} from '../contracts/service.js';
import type { Destination, PlanLine, ShipmentPlan } from '../domain/plan.js';
import { allowedActions, FULFILMENT_KINDS, HANDED_OVER, nextStatus, type FulfilmentAction, type FulfilmentKind, type FulfilmentStatus } from '../domain/status.js';
import {
  fulfillmentNotFound, listFulfillments, loadByTracking, loadForOrder, loadFulfillment, lockOrder, saveMove, toDto, unitsByLine, type FulfillmentRow,
} from '../data/fulfillments.repo.js';
import { captureIfAuthorized } from './capture.js';
import { planFromInventory } from './planning.js';

export interface FulfillmentUses { orders: OrdersService; inventory: InventoryService; payments: PaymentsService }

/** Orders whose goods may be picked, packed and sent. */
const FULFILLABLE = ['paid', 'fulfilling', 'partially_fulfilled'];

const ACTION_WORDS: Record<FulfilmentAction, string> = {
  pick: 'start picking', pack: 'pack', ship: 'ship', deliver: 'mark delivered', ready: 'mark ready for pickup',
  arrive: 'check in', picked_up: 'mark picked up', cancel: 'cancel',
};

const units = (f: FulfillmentRow) => f.lines.reduce((s, l) => s + l.quantity, 0);

export class FulfillmentServiceImpl implements FulfillmentService {
  constructor(private readonly uses: FulfillmentUses, private readonly carriers: ReadonlyMap<string, Carrier>) {}

  planShipment(ctx: Ctx, input: { lines: PlanLine[]; destination: Destination }): Promise<ShipmentPlan> {
    return planFromInventory(ctx, this.uses.inventory, input);
  }

  async create(ctx: Ctx, orderId: string, input: CreateFulfillmentsInput): Promise<FulfillmentDto[]> {
    const ids = await inTransaction(ctx.db, async (tx) => {
      const c = withDb(ctx, tx);
      await lockOrder(c, orderId);
      const order = await this.uses.orders.get(c, orderId);
      requireFulfillable(order);
      const live = await unitsByLine(tx, orderId, 'live');
      const lines = new Map(order.lines.map((l) => [l.id, l]));
      const open = (lineId: string) => {
        const l = lines.get(lineId)!;
        return Math.max(0, l.quantity - Math.max(live.get(lineId) ?? 0, l.fulfilledQuantity));
      };
      const wanted = input.lines ?? order.lines.map((l) => ({ orderLineId: l.id, quantity: open(l.id) })).filter((l) => l.quantity > 0);
      const seen = new Set<string>();
      const problems = wanted.flatMap((w, i) => {
        if (!lines.has(w.orderLineId)) return [{ field: `body.lines[${i}].orderLineId`, message: 'is not a line of this order', code: 'fulfillment.line_not_found' }];
        if (seen.has(w.orderLineId)) return [{ field: `body.lines[${i}].orderLineId`, message: 'is listed twice', code: 'fulfillment.duplicate_line' }];
        seen.add(w.orderLineId);
        const left = open(w.orderLineId);
        return w.quantity > left ? [{ field: `body.lines[${i}].quantity`, message: `must be at most ${left} (the units not yet in a fulfilment)`, code: 'fulfillment.over_fulfilled' }] : [];
      });
      if (problems.length) {
        throw new AppError(problems[0].code, `these lines cannot be fulfilled as asked: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, 422, problems.map(({ field, message }) => ({ field, message })));
      }
      if (!wanted.length) throw conflict('fulfillment.nothing_to_fulfil', `every unit of order ${order.displayNumber} is already in a fulfilment`);

      const kind = (FULFILMENT_KINDS as readonly string[]).includes(order.fulfilmentKind ?? '') ? order.fulfilmentKind as FulfilmentKind : 'delivery';
      // Delivery leaves from where each line's stock was taken (a split order gets one parcel per
      // location); pickup and curbside are handed over where the customer comes.
      const groups = new Map<string, typeof wanted>();
      for (const [i, w] of wanted.entries()) {
        const line = lines.get(w.orderLineId)!;
        const locationId = kind === 'delivery' ? line.locationId ?? input.locationId ?? order.locationId : order.locationId ?? line.locationId ?? input.locationId;
        if (!locationId) throw new AppError('fulfillment.location_required', `line ${i + 1} has no stock location; say where it is sent from`, 422, [{ field: 'body.locationId', message: 'is required for lines without a stock location' }]);
        groups.set(locationId, [...(groups.get(locationId) ?? []), w]);
      }
      if (input.locationId && [...groups.keys()].includes(input.locationId)) await this.uses.inventory.getLocation(c, input.locationId);

      const now = ctx.clock.now().toISOString();
      const created: string[] = [];
      for (const [locationId, group] of groups) {
        const id = newId('ful');
        const rows = group.map((w, position) => {
          const l = lines.get(w.orderLineId)!;
          return { fulfillment_id: id, order_line_id: l.id, position, variant_id: l.variantId, sku: l.sku, title: l.variantTitle ? `${l.title} — ${l.variantTitle}` : l.title, quantity: w.quantity };
        });
        await tx.insertInto('fulfillments').values({
          id, order_id: order.id, order_number: order.number, location_id: locationId, kind, status: 'pending', created_at: now, updated_at: now, version: 0,
        }).execute();
        await tx.insertInto('fulfillment_lines').values(rows).execute();
        const eventLines = rows.map((r) => ({ orderLineId: r.order_line_id, variantId: r.variant_id, sku: r.sku, title: r.title, quantity: r.quantity }));
        await emit(c, FulfillmentCreated, id, { fulfillmentId: id, orderId: order.id, orderNumber: order.number, locationId, kind, status: 'pending', lines: eventLines });
        await audit(c, { action: 'fulfillment.created', entityType: 'fulfillment', entityId: id, after: { orderId: order.id, locationId, kind, lines: eventLines } });
        created.push(id);
      }
      return created;
    });
    return Promise.all(ids.map((id) => this.get(ctx, id)));
  }

  async get(ctx: Ctx, id: string): Promise<FulfillmentDto> {
    return toDto(await loadFulfillment(ctx.db, id));
  }

  async listForOrder(ctx: Ctx, orderId: string): Promise<FulfillmentDto[]> {
    await this.uses.orders.get(ctx, orderId);
    return (await loadForOrder(ctx.db, orderId)).map(toDto);
  }

  async list(ctx: Ctx, q: FulfillmentListQuery): Promise<{ items: FulfillmentDto[]; nextCursor: string | null }> {
    const page = await listFulfillments(ctx.db, q);
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  async startPicking(ctx: Ctx, id: string): Promise<FulfillmentDto> {
    return this.move(ctx, id, 'pick', async (c, f, order) => {
      await saveMove(c, f, { status: 'picking', picking_at: now(c) });
      await this.uses.orders.recordFulfilment(c, order.id, { lines: [], started: true, message: `Picking started (${units(f)} unit(s), fulfilment ${f.id})` });
      await emit(c, FulfillmentPickingStarted, f.id, ref(f));
    });
  }

  async pack(ctx: Ctx, id: string): Promise<FulfillmentDto> {
    return this.move(ctx, id, 'pack', async (c, f) => {
      await saveMove(c, f, { status: 'packed', packed_at: now(c) });
      await emit(c, FulfillmentPacked, f.id, ref(f));
    });
  }

  async ship(ctx: Ctx, id: string, input: ShipInput): Promise<FulfillmentDto> {
    const f = await loadFulfillment(ctx.db, id);
    requireMove(f, 'ship');
    const order = await this.uses.orders.get(ctx, f.order_id);
    requireFulfillable(order);
    const carrierName = input.carrier ?? 'flat-rate';
    const carrier = this.carriers.get(carrierName);
    if (!carrier && !input.trackingNumber) {
      throw new AppError('fulfillment.tracking_number_required', `'${carrierName}' is not a carrier this store can buy labels from; give the tracking number it issued`, 422, [{ field: 'body.trackingNumber', message: `is required for the manual carrier '${carrierName}'` }]);
    }
    await captureIfAuthorized(ctx, this.uses, order, `the first goods were shipped (${f.id})`);
    const label = carrier && !input.trackingNumber
      ? await carrier.createLabel(shipment(f, order, input.service ?? null))
      : { trackingNumber: input.trackingNumber!, trackingUrl: input.trackingUrl ?? null, labelUrl: null };
    return this.move(ctx, id, 'ship', async (c, row, current) => {
      const shippedAt = now(c);
      await saveMove(c, row, {
        status: 'shipped', carrier: carrierName, service: input.service ?? null, tracking_number: label.trackingNumber,
        tracking_url: label.trackingUrl ?? null, label_url: label.labelUrl ?? null, shipped_at: shippedAt,
      });
      await this.uses.orders.recordFulfilment(c, current.id, {
        lines: row.lines.map((l) => ({ lineId: l.orderLineId, quantity: l.quantity })),
        message: `Shipped ${units(row)} unit(s) with ${carrierName}, tracking ${label.trackingNumber}`,
      });
      await emit(c, FulfillmentShipped, row.id, {
        ...ref(row), carrier: carrierName, service: input.service ?? null, trackingNumber: label.trackingNumber, trackingUrl: label.trackingUrl ?? null,
        shippedAt, lines: row.lines,
      });
    }, { version: f.version });
  }

  async deliver(ctx: Ctx, id: string): Promise<FulfillmentDto> {
    return this.move(ctx, id, 'deliver', async (c, f, order) => {
      const deliveredAt = now(c);
      await saveMove(c, f, { status: 'delivered', delivered_at: deliveredAt });
      await emit(c, FulfillmentDelivered, f.id, { ...ref(f), carrier: f.carrier, trackingNumber: f.tracking_number, deliveredAt });
      await this.completeIfHandedOver(c, order.id, 'delivered');
    }, { orderMayBeClosed: true });
  }

  async markReady(ctx: Ctx, id: string): Promise<FulfillmentDto> {
    return this.move(ctx, id, 'ready', async (c, f) => {
      const readyAt = now(c);
      await saveMove(c, f, { status: 'ready_for_pickup', ready_at: readyAt });
      await emit(c, FulfillmentReadyForPickup, f.id, { ...ref(f), readyAt, lines: f.lines });
    });
  }

  async checkIn(ctx: Ctx, orderId: string, id: string, proof: ShopperProof, input: ArrivalInput): Promise<FulfillmentDto> {
    const f = await loadFulfillment(ctx.db, id).catch(() => null);
    if (!f || f.order_id !== orderId) throw fulfillmentNotFound(id);
    await this.shopperOrder(ctx, orderId, proof);
    if (f.kind !== 'curbside') throw conflict('fulfillment.not_curbside', `this is a ${f.kind} order; check-in on arrival is for curbside pickup`, { kind: f.kind });
    const arrival = { arrival_vehicle: input.vehicle ?? null, arrival_bay: input.bay ?? null, arrival_note: input.note ?? null };
    if (f.status === 'arrived') {
      // Checking in twice (a second tap, a new parking bay) updates where to find the customer.
      await inTransaction(ctx.db, (tx) => saveMove(withDb(ctx, tx), f, arrival));
      return this.get(ctx, id);
    }
    return this.move(ctx, id, 'arrive', async (c, row) => {
      const arrivedAt = now(c);
      await saveMove(c, row, { status: 'arrived', arrived_at: arrivedAt, ...arrival });
      await emit(c, FulfillmentCustomerArrived, row.id, { ...ref(row), arrivedAt, vehicle: arrival.arrival_vehicle, bay: arrival.arrival_bay, note: arrival.arrival_note });
    }, { version: f.version });
  }

  async markPickedUp(ctx: Ctx, id: string): Promise<FulfillmentDto> {
    const f = await loadFulfillment(ctx.db, id);
    requireMove(f, 'picked_up');
    const order = await this.uses.orders.get(ctx, f.order_id);
    requireFulfillable(order);
    await captureIfAuthorized(ctx, this.uses, order, `the goods were picked up (${f.id})`);
    return this.move(ctx, id, 'picked_up', async (c, row, current) => {
      const pickedUpAt = now(c);
      await saveMove(c, row, { status: 'picked_up', picked_up_at: pickedUpAt });
      await this.uses.orders.recordFulfilment(c, current.id, {
        lines: row.lines.map((l) => ({ lineId: l.orderLineId, quantity: l.quantity })), message: `Picked up: ${units(row)} unit(s)`,
      });
      await emit(c, FulfillmentPickedUp, row.id, { ...ref(row), pickedUpAt, lines: row.lines });
      await this.completeIfHandedOver(c, current.id, 'picked up');
    }, { version: f.version });
  }

  async cancel(ctx: Ctx, id: string, reason: string): Promise<FulfillmentDto> {
    return this.move(ctx, id, 'cancel', async (c, f) => {
      const from = f.status;
      await saveMove(c, f, { status: 'cancelled', cancelled_at: now(c), cancel_reason: reason });
      await emit(c, FulfillmentCancelled, f.id, { ...ref(f), from, reason });
    }, { orderMayBeClosed: true });
  }

  async listForShopper(ctx: Ctx, orderId: string, proof: ShopperProof): Promise<FulfillmentDto[]> {
    await this.shopperOrder(ctx, orderId, proof);
    return (await loadForOrder(ctx.db, orderId)).map((f) => ({ ...toDto(f), labelUrl: null, cancelReason: null, actions: [] }));
  }

  async track(ctx: Ctx, trackingNumber: string): Promise<TrackingDto> {
    const f = await loadByTracking(ctx.db, trackingNumber);
    if (!f) throw notFound('fulfillment.tracking_not_found', 'tracking number', trackingNumber);
    const steps: [string, string | null][] = [
      ['pending', f.created_at], ['picking', f.picking_at], ['packed', f.packed_at], ['shipped', f.shipped_at], ['delivered', f.delivered_at],
      ['ready_for_pickup', f.ready_at], ['arrived', f.arrived_at], ['picked_up', f.picked_up_at], ['cancelled', f.cancelled_at],
    ];
    return {
      trackingNumber, carrier: f.carrier, service: f.service, kind: f.kind, status: f.status, itemCount: units(f),
      history: steps.filter(([, at]) => at !== null).map(([status, at]) => ({ status, at: at! })).sort((a, b) => a.at.localeCompare(b.at)),
    };
  }

  /**
   * Runs one move in a transaction: re-reads the fulfilment, checks the table (and, when a slow
   * step ran first, that nobody moved it meanwhile), checks the order can still be fulfilled.
   */
  private async move(
    ctx: Ctx, id: string, action: FulfilmentAction, apply: (c: Ctx, f: FulfillmentRow, order: OrderDto) => Promise<void>,
    opts: { version?: number; orderMayBeClosed?: boolean } = {},
  ): Promise<FulfillmentDto> {
    await inTransaction(ctx.db, async (tx) => {
      const c = withDb(ctx, tx);
      const f = await loadFulfillment(tx, id);
      if (opts.version !== undefined && f.version !== opts.version) throw conflict('fulfillment.changed', `fulfilment '${id}' changed meanwhile; reload and try again`);
      const before = f.status;
      requireMove(f, action);
      const order = await this.uses.orders.get(c, f.order_id);
      if (!opts.orderMayBeClosed) requireFulfillable(order);
      await apply(c, f, order);
      await audit(c, { action: `fulfillment.${action}`, entityType: 'fulfillment', entityId: id, before: { status: before }, after: { status: f.status } });
    });
    return this.get(ctx, id);
  }

  /** Closes the order once every unit is in the customer's hands and the order counts as fulfilled. */
  private async completeIfHandedOver(c: Ctx, orderId: string, how: string): Promise<void> {
    const order = await this.uses.orders.get(c, orderId);
    if (order.status !== 'fulfilled') return;
    const handed = await unitsByLine(c.db, orderId, HANDED_OVER);
    if (order.lines.every((l) => (handed.get(l.id) ?? 0) >= l.quantity)) {
      await this.uses.orders.complete(c, orderId, `Completed: every item ${how === 'delivered' ? 'has been' : 'was'} ${how}`);
    }
  }

  /** The order a shopper may see: their own (signed in) or matching the email it was placed with; anything else is a 404. */
  private async shopperOrder(ctx: Ctx, orderId: string, proof: ShopperProof): Promise<OrderDto> {
    const order = await this.uses.orders.get(ctx, orderId).catch(() => null);
    const owns = !!order && ('customerId' in proof
      ? order.customerId !== null && order.customerId === proof.customerId
      : order.email.toLowerCase() === proof.email.trim().toLowerCase());
    if (!order || !owns) throw notFound('orders.order_not_found', 'order', orderId);
    return order;
  }
}

const now = (c: Ctx) => c.clock.now().toISOString();

const ref = (f: FulfillmentRow) => ({ fulfillmentId: f.id, orderId: f.order_id, orderNumber: f.order_number, locationId: f.location_id, kind: f.kind });

function requireMove(f: FulfillmentRow, action: FulfilmentAction): FulfilmentStatus {
  const to = nextStatus(f.kind, f.status, action);
  if (!to) {
    throw conflict('fulfillment.invalid_transition', `a ${f.status.replace(/_/g, ' ')} ${f.kind} fulfilment cannot ${ACTION_WORDS[action]}${allowedActions(f.kind, f.status).length ? ` (next: ${allowedActions(f.kind, f.status).join(', ')})` : ''}`,
      { from: f.status, action, kind: f.kind, allowed: allowedActions(f.kind, f.status) });
  }
  return to;
}

function requireFulfillable(order: OrderDto): void {
  if (!FULFILLABLE.includes(order.status)) {
    throw conflict('fulfillment.order_not_fulfillable', `order ${order.displayNumber} is ${order.status.replace(/_/g, ' ')}; its goods cannot be sent${order.status === 'on_hold' ? ' until it is released' : ''}`, { orderId: order.id, status: order.status });
  }
}

function shipment(f: FulfillmentRow, order: OrderDto, service: string | null): Shipment {
  const a = order.shippingAddress;
  return {
    fulfillmentId: f.id, orderId: order.id, orderNumber: order.number, locationId: f.location_id, service,
    destination: a ? { country: a.country, region: a.region ?? null, postalCode: a.postalCode, city: a.city, line1: a.line1 } : null,
    lines: f.lines.map((l) => ({ orderLineId: l.orderLineId, variantId: l.variantId, quantity: l.quantity })),
  };
}
