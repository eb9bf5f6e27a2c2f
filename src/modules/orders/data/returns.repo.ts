/** Rows of the returns tables and their public shape (imported history and returns made here alike). */
import type { OrderReturnDto } from '../contracts/schemas.js';
import { returnActions } from '../domain/returns.js';
import type { ReturnStatus } from '../domain/status.js';

export interface ExchangeLine {
  variantId: string; productId: string | null; sku: string | null; title: string; variantTitle: string | null;
  quantity: number; unitPrice: number; taxTotal: number; total: number; weightGrams: number | null;
}

export const exchangeLinesOf = (r: { exchange_lines?: string | null }): ExchangeLine[] => (r.exchange_lines ? JSON.parse(r.exchange_lines) : []);

export function toReturnDto(x: any, lines: any[]): OrderReturnDto {
  const exchange = exchangeLinesOf(x);
  return {
    id: x.id, status: x.status, reason: x.reason ?? null, refundTotal: Number(x.refund_total), requestedAt: x.requested_at,
    receivedAt: x.received_at ?? null, refundedAt: x.refunded_at ?? null,
    lines: lines.map((l) => ({
      orderLineId: l.order_line_id, quantity: Number(l.quantity), restock: !!l.restock, reason: l.reason ?? null, disposition: l.disposition ?? null,
      condition: l.condition ?? null, locationId: l.location_id ?? null, value: l.value === null || l.value === undefined ? null : Number(l.value),
    })),
    orderId: x.order_id, source: x.source ?? null, note: x.note ?? null, restockingFee: Number(x.restocking_fee ?? 0),
    rejectionReason: x.rejection_reason ?? null, refundMethod: x.refund_method ?? null, authorizedAt: x.authorized_at ?? null, closedAt: x.closed_at ?? null,
    exchange: exchange.map(({ weightGrams: _w, ...e }) => e), exchangeOrderId: x.exchange_order_id ?? null,
    actions: x.source ? returnActions(x.status as ReturnStatus, exchange.length > 0) : [],
  };
}
