/**
 * What a template can use: the order as the shopper should read it (money already formatted in
 * the message's language) plus the facts of the event. Each kind has its own fields, so a
 * template that names a field its kind lacks is refused when it is saved.
 */
import type { NotificationKind } from '../contracts/service.js';
import { formatMoney } from './locale.js';

/** The parts of an order a message shows (the orders module's OrderDto has all of them). */
export interface OrderView {
  displayNumber: string;
  email: string;
  currency: string;
  subtotal: number;
  discountTotal: number;
  shippingTotal: number;
  taxTotal: number;
  total: number;
  itemCount: number;
  billingAddress: { firstName?: string } | null;
  shippingAddress: { firstName?: string } | null;
  lines: { title: string; variantTitle: string | null; quantity: number; unitPrice: number; total: number }[];
}

export type EventFacts =
  | { kind: 'order_confirmation' }
  | { kind: 'order_shipped'; carrier: string | null; trackingNumber: string | null; trackingUrl: string | null }
  | { kind: 'ready_for_pickup'; location: { name: string; address: string } | null }
  | { kind: 'refund_issued'; amount: number; currency: string; method: 'original_payment' | 'store_credit' };

/** Only web links reach a template: a `javascript:` tracking URL from a carrier is dropped, not escaped. */
export function safeLink(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** The template model of one message. */
export function messageModel(order: OrderView, facts: EventFacts, locale: string): Record<string, unknown> {
  const money = (amount: number, currency = order.currency) => formatMoney(amount, currency, locale);
  const base = {
    locale,
    orderNumber: order.displayNumber,
    customerName: (order.billingAddress?.firstName || order.shippingAddress?.firstName || '').trim(),
    email: order.email,
    itemCount: order.itemCount,
    subtotal: money(order.subtotal),
    discountTotal: money(-order.discountTotal),
    hasDiscount: order.discountTotal > 0,
    shippingTotal: money(order.shippingTotal),
    hasShipping: order.shippingTotal > 0,
    taxTotal: money(order.taxTotal),
    hasTax: order.taxTotal > 0,
    total: money(order.total),
    lines: order.lines.map((l) => ({ title: l.title, variantTitle: l.variantTitle, quantity: l.quantity, unitPrice: money(l.unitPrice), total: money(l.total) })),
  };
  switch (facts.kind) {
    case 'order_confirmation': return base;
    case 'order_shipped': return { ...base, carrier: facts.carrier, trackingNumber: facts.trackingNumber, trackingUrl: safeLink(facts.trackingUrl) };
    case 'ready_for_pickup': return { ...base, locationName: facts.location?.name ?? null, locationAddress: facts.location?.address ?? null };
    case 'refund_issued': return {
      ...base, refundAmount: money(facts.amount, facts.currency), toStoreCredit: facts.method === 'store_credit', toOriginalPayment: facts.method === 'original_payment',
    };
  }
}

const SAMPLE_ORDER: OrderView = {
  displayNumber: '#1042', email: 'ada@example.com', currency: 'USD', subtotal: 5800, discountTotal: 580, shippingTotal: 499, taxTotal: 418, total: 6137,
  itemCount: 3, billingAddress: { firstName: 'Ada' }, shippingAddress: null,
  lines: [
    { title: 'Linen shirt', variantTitle: 'Blue / M', quantity: 2, unitPrice: 2400, total: 4800 },
    { title: 'Canvas tote', variantTitle: null, quantity: 1, unitPrice: 1000, total: 1000 },
  ],
};

/** A model with every field of a kind filled in, for previews and for checking a template's names. */
export function sampleModel(kind: NotificationKind, locale: string, currency: string): Record<string, unknown> {
  const order = { ...SAMPLE_ORDER, currency };
  const facts: Record<NotificationKind, EventFacts> = {
    order_confirmation: { kind: 'order_confirmation' },
    order_shipped: { kind: 'order_shipped', carrier: 'UPS', trackingNumber: '1Z999AA10123456784', trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' },
    ready_for_pickup: { kind: 'ready_for_pickup', location: { name: 'Downtown store', address: '1 Main Street, Springfield 12345, US' } },
    refund_issued: { kind: 'refund_issued', amount: 2400, currency, method: 'original_payment' },
  };
  return messageModel(order, facts[kind], locale);
}
