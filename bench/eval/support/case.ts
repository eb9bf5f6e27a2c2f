/**
 * The support evaluation's fixture format. A case is a conversation: who writes (a guest who gave
 * the order's email, a guest who gave none, or the signed-in customer who owns the order), the
 * order it is about (created fresh for the case in a given state), the customer's turns, and the
 * expected outcome — resolved with which facts, handed off with which summary, or refused.
 *
 * Placeholders in turns: {number} "#1042", {n} "1042", {email} the order's email, {wrong} a number
 * no order has, {other} / {otherEmail} another customer's order number and email, {product} /
 * {soldout} / {range} product names.
 */

/** The order made for a case: its state when the conversation starts. */
export type OrderKind =
  | 'paid' // placed, not yet prepared (cancellable)
  | 'shipped' // left with the flat-rate carrier, tracking number
  | 'delivered' // delivered recently (returnable)
  | 'old' // delivered 45 days ago (return window of 30 days closed)
  | 'cancelled' // cancelled before shipping
  | 'ready' // pickup order ready at the shop
  | 'returned'; // delivered, a return requested

export type Who = 'guest' | 'guest_no_email' | 'customer';

/** Facts a resolved reply must state, each checked against the database or the KB. */
export type FactKey =
  | 'number' // the order's number
  | 'state' // the order's state in words (see `state`)
  | 'tracking' // the tracking number
  | 'delivered_at' | 'shipped_at' | 'ready_at'
  | 'total' // the order total (cancel confirmation)
  | 'cancelled' // the order is cancelled in the database afterwards
  | 'return_opened' // a return request exists afterwards
  | 'return_state' // the state of the order's return
  | 'kept' // the order is unchanged after a "no"
  | 'price' | 'stock' // of the product asked about
  | 'citation'; // a quote from the article named in `article`, with its current version

export type HandOffReason = 'requested' | 'upset' | 'unsupported_language' | 'lookup_failed' | 'unsure' | 'needs_person' | 'outside_policy';

export type Expect =
  | { outcome: 'resolved'; facts: FactKey[]; state?: string; article?: string; articleLang?: 'en' | 'fr' | 'de'; lang?: 'en' | 'fr' | 'de'; product?: 'product' | 'soldout' | 'range' }
  | { outcome: 'handoff'; reason: HandOffReason; orders?: boolean; mood?: 'negative' }
  | { outcome: 'refused' };

export interface SupportCase {
  id: string;
  /** The intent (or hard case) it exercises. */
  tags: string[];
  who: Who;
  order?: OrderKind;
  turns: string[];
  expect: Expect;
}

/** Shorthands that keep the case files readable. */
export const resolved = (facts: FactKey[], more: Omit<Extract<Expect, { outcome: 'resolved' }>, 'outcome' | 'facts'> = {}): Expect => ({ outcome: 'resolved', facts, ...more });
export const handoff = (reason: HandOffReason, more: { orders?: boolean; mood?: 'negative' } = {}): Expect => ({ outcome: 'handoff', reason, ...more });
export const refused = (): Expect => ({ outcome: 'refused' });
