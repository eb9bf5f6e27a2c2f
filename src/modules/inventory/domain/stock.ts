/** Pure stock arithmetic: availability, low-stock crossings, adjustment rules, allocation across locations. */
import type { AdjustmentReason } from '../contracts/service.js';

export const availableOf = (l: { onHand: number; reserved: number }): number => l.onHand - l.reserved;

/**
 * Whether a change should announce low stock: only when available crosses down to or below the
 * threshold, so a level sitting at 2 does not raise an alert on every sale.
 */
export function crossedLowStock(before: number, after: number, threshold: number): boolean {
  return after <= threshold && before > threshold;
}

/** Reasons that can only take stock away, and those that can only add it; the rest go either way. */
const REMOVES: ReadonlySet<AdjustmentReason> = new Set(['damaged', 'shrinkage', 'sample']);
const ADDS: ReadonlySet<AdjustmentReason> = new Set(['received', 'returned', 'production']);

export interface AdjustmentProblem { field: string; message: string }

/**
 * Turns an adjustment (a delta, or an absolute count) into the delta to apply, or names the field
 * that makes it meaningless. `onHand` is the level's current on hand.
 */
export function resolveDelta(input: { reason: AdjustmentReason; delta?: number; onHand?: number }, onHand: number): { delta: number } | { problem: AdjustmentProblem } {
  const hasDelta = input.delta !== undefined;
  const hasCount = input.onHand !== undefined;
  if (hasDelta === hasCount) return { problem: { field: hasDelta ? 'body.onHand' : 'body.delta', message: 'give exactly one of delta or onHand' } };
  if (hasDelta && input.delta === 0) return { problem: { field: 'body.delta', message: 'must not be 0' } };
  const delta = hasDelta ? input.delta! : input.onHand! - onHand;
  const field = hasDelta ? 'body.delta' : 'body.onHand';
  if (REMOVES.has(input.reason) && delta > 0) return { problem: { field, message: `a '${input.reason}' adjustment can only remove stock` } };
  if (ADDS.has(input.reason) && delta < 0) return { problem: { field, message: `a '${input.reason}' adjustment can only add stock` } };
  return { delta };
}

export interface Candidate { locationId: string; available: number; priority: number }

/**
 * Decides where a line's units come from: the preferred single location that covers the whole
 * line when there is one (fewer split shipments), otherwise the fullest locations first. Returns
 * null when all of them together are short.
 */
export function planAllocation(candidates: Candidate[], quantity: number): { locationId: string; quantity: number }[] | null {
  const usable = candidates.filter((c) => c.available > 0);
  const total = usable.reduce((s, c) => s + c.available, 0);
  if (total < quantity) return null;
  const whole = usable.filter((c) => c.available >= quantity)
    .sort((a, b) => a.priority - b.priority || b.available - a.available || a.locationId.localeCompare(b.locationId))[0];
  if (whole) return [{ locationId: whole.locationId, quantity }];
  const plan: { locationId: string; quantity: number }[] = [];
  let left = quantity;
  for (const c of [...usable].sort((a, b) => b.available - a.available || a.priority - b.priority || a.locationId.localeCompare(b.locationId))) {
    if (left === 0) break;
    const take = Math.min(left, c.available);
    plan.push({ locationId: c.locationId, quantity: take });
    left -= take;
  }
  return plan;
}

/** Sums repeated variants (and variant+location pairs) so a reservation touches each level once. */
export function mergeLines<L extends { variantId: string; quantity: number; locationId?: string }>(lines: L[]): { variantId: string; quantity: number; locationId?: string }[] {
  const byKey = new Map<string, { variantId: string; quantity: number; locationId?: string }>();
  for (const l of lines) {
    const key = `${l.variantId}\u0000${l.locationId ?? ''}`;
    const have = byKey.get(key);
    if (have) have.quantity += l.quantity;
    else byKey.set(key, { variantId: l.variantId, quantity: l.quantity, ...(l.locationId ? { locationId: l.locationId } : {}) });
  }
  // A stable order (by variant) keeps concurrent multi-line reservations from locking rows in opposite orders.
  return [...byKey.values()].sort((a, b) => a.variantId.localeCompare(b.variantId) || (a.locationId ?? '').localeCompare(b.locationId ?? ''));
}
