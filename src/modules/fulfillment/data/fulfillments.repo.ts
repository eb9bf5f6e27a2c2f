/** Reads and writes of the fulfilment tables, and the mapping to the DTO. */
import { conflict, notFound } from '../../../kernel/index.js';
import { decodeCursor, encodeCursor, type Ctx, type Db } from '../../../platform/index.js';
import type { FulfillmentDto, FulfillmentLineDto } from '../contracts/schemas.js';
import type { FulfillmentListQuery } from '../contracts/service.js';
import { allowedActions, type FulfilmentKind, type FulfilmentStatus } from '../domain/status.js';

export interface FulfillmentRow {
  id: string; order_id: string; order_number: number; location_id: string; kind: FulfilmentKind; status: FulfilmentStatus;
  carrier: string | null; service: string | null; tracking_number: string | null; tracking_url: string | null; label_url: string | null;
  picking_at: string | null; packed_at: string | null; shipped_at: string | null; delivered_at: string | null; ready_at: string | null;
  arrived_at: string | null; picked_up_at: string | null; cancelled_at: string | null; cancel_reason: string | null;
  arrival_vehicle: string | null; arrival_bay: string | null; arrival_note: string | null;
  created_at: string; updated_at: string; version: number;
  lines: FulfillmentLineDto[];
}

export const fulfillmentNotFound = (id: string) => notFound('fulfillment.not_found', 'fulfillment', id);

async function withLines(db: Db, rows: any[]): Promise<FulfillmentRow[]> {
  if (!rows.length) return [];
  const lines = await db.selectFrom('fulfillment_lines').selectAll().where('fulfillment_id', 'in', rows.map((r) => r.id)).orderBy('fulfillment_id').orderBy('position').execute();
  const by = new Map<string, FulfillmentLineDto[]>();
  for (const l of lines as any[]) {
    const list = by.get(l.fulfillment_id) ?? [];
    list.push({ orderLineId: l.order_line_id, variantId: l.variant_id, sku: l.sku, title: l.title, quantity: Number(l.quantity) });
    by.set(l.fulfillment_id, list);
  }
  return rows.map((r) => ({ ...r, order_number: Number(r.order_number), version: Number(r.version), lines: by.get(r.id) ?? [] }));
}

export async function loadFulfillment(db: Db, id: string): Promise<FulfillmentRow> {
  const r = await db.selectFrom('fulfillments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw fulfillmentNotFound(id);
  return (await withLines(db, [r]))[0];
}

export async function loadForOrder(db: Db, orderId: string): Promise<FulfillmentRow[]> {
  const rows = await db.selectFrom('fulfillments').selectAll().where('order_id', '=', orderId).orderBy('created_at').orderBy('id').execute();
  return withLines(db, rows);
}

export async function loadByTracking(db: Db, trackingNumber: string): Promise<FulfillmentRow | null> {
  const r = await db.selectFrom('fulfillments').selectAll().where('tracking_number', '=', trackingNumber).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
  return r ? (await withLines(db, [r]))[0] : null;
}

/** Oldest first (a work queue), keyset on (created_at, id). */
export async function listFulfillments(db: Db, q: FulfillmentListQuery): Promise<{ items: FulfillmentRow[]; nextCursor: string | null }> {
  const after = decodeCursor<{ t: string; id: string }>(q.cursor);
  const rows = await db.selectFrom('fulfillments').selectAll()
    .$if(!!q.orderId, (b) => b.where('order_id', '=', q.orderId!))
    .$if(!!q.locationId, (b) => b.where('location_id', '=', q.locationId!))
    .$if(!!q.status, (b) => b.where('status', '=', q.status!))
    .$if(!!q.kind, (b) => b.where('kind', '=', q.kind!))
    .$if(!!after, (b) => b.where((eb) => eb.or([eb('created_at', '>', after!.t), eb.and([eb('created_at', '=', after!.t), eb('id', '>', after!.id)])])))
    .orderBy('created_at').orderBy('id').limit(q.limit + 1).execute();
  const more = rows.length > q.limit;
  const page = await withLines(db, rows.slice(0, q.limit));
  const last = page[page.length - 1];
  return { items: page, nextCursor: more && last ? encodeCursor({ t: last.created_at, id: last.id }) : null };
}

/** Units of each order line held by live (not cancelled) fulfilments of an order, and by those in the customer's hands. */
export async function unitsByLine(db: Db, orderId: string, statuses: 'live' | readonly FulfilmentStatus[]): Promise<Map<string, number>> {
  const rows = await db.selectFrom('fulfillment_lines as l').innerJoin('fulfillments as f', 'f.id', 'l.fulfillment_id')
    .select((eb) => ['l.order_line_id', eb.fn.sum<number>('l.quantity').as('q')])
    .where('f.order_id', '=', orderId)
    .$if(statuses === 'live', (b) => b.where('f.status', '!=', 'cancelled'))
    .$if(statuses !== 'live', (b) => b.where('f.status', 'in', statuses as FulfilmentStatus[]))
    .groupBy('l.order_line_id').execute();
  return new Map(rows.map((r: any) => [r.order_line_id as string, Number(r.q)]));
}

/** Serialises fulfilment creation per order: the upsert takes the row's lock until the transaction ends. */
export async function lockOrder(c: Ctx, orderId: string): Promise<void> {
  const now = c.clock.now().toISOString();
  await c.db.insertInto('fulfillment_orders').values({ order_id: orderId, revision: 0, updated_at: now })
    .onConflict((oc) => oc.column('order_id').doUpdateSet((eb) => ({ revision: eb('fulfillment_orders.revision', '+', 1), updated_at: now })))
    .execute();
}

/** Applies a move on the version the row was read at; a concurrent move makes this a 409. */
export async function saveMove(c: Ctx, f: FulfillmentRow, set: Record<string, unknown>): Promise<void> {
  const res = await c.db.updateTable('fulfillments').set({ ...set, version: f.version + 1, updated_at: c.clock.now().toISOString() })
    .where('id', '=', f.id).where('version', '=', f.version).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw conflict('fulfillment.changed', `fulfilment '${f.id}' changed meanwhile; reload and try again`);
  Object.assign(f, set, { version: f.version + 1 });
}

export function toDto(r: FulfillmentRow): FulfillmentDto {
  const arrived = r.arrival_vehicle !== null || r.arrival_bay !== null || r.arrival_note !== null;
  return {
    id: r.id, orderId: r.order_id, orderNumber: r.order_number, locationId: r.location_id, kind: r.kind, status: r.status,
    carrier: r.carrier, service: r.service, trackingNumber: r.tracking_number, trackingUrl: r.tracking_url, labelUrl: r.label_url,
    pickingAt: r.picking_at, packedAt: r.packed_at, shippedAt: r.shipped_at, deliveredAt: r.delivered_at, readyAt: r.ready_at,
    arrivedAt: r.arrived_at, pickedUpAt: r.picked_up_at, cancelledAt: r.cancelled_at, cancelReason: r.cancel_reason,
    arrival: arrived ? { vehicle: r.arrival_vehicle, bay: r.arrival_bay, note: r.arrival_note } : null,
    lines: r.lines, actions: allowedActions(r.kind, r.status), createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
  };
}
