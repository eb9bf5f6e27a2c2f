/** Facts about returns, each written in the transaction that moves the return (and its order's timeline). */
import { Type } from '@sinclair/typebox';
import { defineEvent, Nullable } from '../../../platform/index.js';

const ref = { returnId: Type.String(), orderId: Type.String(), number: Type.Integer({ description: "the order's number" }) };

export const ReturnRequested = defineEvent('return.requested', 1, 'A customer, a guest or staff asked to return units of an order (for money back or an exchange).',
  Type.Object({
    ...ref, source: Type.String(), exchange: Type.Boolean(),
    lines: Type.Array(Type.Object({ orderLineId: Type.String(), quantity: Type.Integer(), reason: Type.String() })),
  }));
export const ReturnAuthorized = defineEvent('return.authorized', 1, 'Staff accepted a return request; the customer may send the units back.',
  Type.Object({ ...ref, restockingFee: Type.Integer() }));
export const ReturnRejected = defineEvent('return.rejected', 1, 'Staff turned a return request down, with a reason.',
  Type.Object({ ...ref, reason: Type.String() }));
export const ReturnReceived = defineEvent('return.received', 1, 'Returned units arrived: each line restocked or written off.',
  Type.Object({ ...ref, lines: Type.Array(Type.Object({ orderLineId: Type.String(), quantity: Type.Integer(), disposition: Type.String(), locationId: Nullable(Type.String()), value: Type.Integer() })) }));
export const ReturnRefunded = defineEvent('return.refunded', 1, 'The money for a return went back, to the original payment or as store credit.',
  Type.Object({ ...ref, amount: Type.Integer(), currency: Type.String(), method: Type.String() }));
export const ReturnExchanged = defineEvent('return.exchanged', 1, 'A replacement order was placed for a return; any difference in value was refunded.',
  Type.Object({ ...ref, exchangeOrderId: Type.String(), exchangeNumber: Type.Integer(), cost: Type.Integer(), refunded: Type.Integer(), currency: Type.String() }));
export const ReturnCancelled = defineEvent('return.cancelled', 1, 'A return request was withdrawn before the units came back.',
  Type.Object({ ...ref, reason: Nullable(Type.String()) }));
