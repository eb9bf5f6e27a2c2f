/**
 * An order line whose stock was reserved at several locations becomes one line per location, so
 * each fulfilment ships its own lines. The line's discount and tax are shared by units, largest
 * remainder first, so the parts add up to the whole exactly.
 */
export interface Splittable { quantity: number; discountTotal: number; taxTotal: number; locationId: string | null }

export function splitAcrossLocations<L extends Splittable>(line: L, held: { locationId: string; quantity: number }[]): L[] {
  const parts = held.filter((h) => h.quantity > 0);
  if (!parts.length) return [line];
  if (parts.length === 1) return [{ ...line, locationId: parts[0].locationId }];
  const quantities = parts.map((p) => p.quantity);
  const discounts = shareByUnits(line.discountTotal, quantities);
  const taxes = shareByUnits(line.taxTotal, quantities);
  return parts.map((p, i) => ({ ...line, quantity: p.quantity, discountTotal: discounts[i], taxTotal: taxes[i], locationId: p.locationId }));
}

/** Splits an amount in proportion to unit counts, by largest remainder (ties to the earlier part). */
export function shareByUnits(amount: number, units: number[]): number[] {
  const total = units.reduce((s, u) => s + u, 0);
  if (total === 0) return units.map(() => 0);
  const exact = units.map((u) => (amount * u) / total);
  const out = exact.map(Math.floor);
  let left = amount - out.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) { if (left <= 0) break; out[i]++; left--; }
  return out;
}
