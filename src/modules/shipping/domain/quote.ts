/** Pure shipping arithmetic: which zone a destination falls in, which bracket a parcel falls in, what it costs. */
import type { ErrorDetail } from '../../../kernel/index.js';
import type { MethodInput, QuoteQuery, ShippingMethod, ShippingQuote, ShippingZone, WeightBracket, ZoneArea } from '../contracts/service.js';

const up = (s: string | null | undefined) => (s ?? '').trim().toUpperCase();

/** 2 for a region match, 1 for a whole-country match, 0 for no match. */
export function areaMatch(areas: ZoneArea[], country: string, region?: string | null): number {
  let best = 0;
  for (const a of areas) {
    if (up(a.country) !== up(country)) continue;
    if (!a.region) best = Math.max(best, 1);
    else if (up(a.region) === up(region)) best = 2;
  }
  return best;
}

/** The rate for a weight: the first bracket (by ascending limit, open-ended last) that holds it; null when too heavy. */
export function rateFor(brackets: WeightBracket[], weightGrams: number): number | null {
  const sorted = [...brackets].sort((a, b) => (a.upToGrams ?? Infinity) - (b.upToGrams ?? Infinity));
  return sorted.find((b) => b.upToGrams == null || weightGrams <= b.upToGrams)?.amount ?? null;
}

/** Problems with a method's definition, each naming its field. */
export function methodProblems(m: MethodInput): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  if (m.kind === 'delivery') {
    if (!m.zoneId) out.push({ field: 'body.zoneId', message: 'is required for a delivery method' });
    if (!m.currency) out.push({ field: 'body.currency', message: 'is required for a delivery method' });
    if (!m.brackets?.length) out.push({ field: 'body.brackets', message: 'a delivery method needs at least one weight bracket' });
    if (m.locationId) out.push({ field: 'body.locationId', message: 'is only for pickup and curbside' });
    const limits = (m.brackets ?? []).map((b) => b.upToGrams);
    if (limits.filter((l) => l == null).length > 1) out.push({ field: 'body.brackets', message: 'only one bracket may be open-ended' });
    if (new Set(limits).size !== limits.length) out.push({ field: 'body.brackets', message: 'bracket limits must differ' });
  } else {
    if (!m.locationId) out.push({ field: 'body.locationId', message: `is required for a ${m.kind} method` });
    if (m.zoneId) out.push({ field: 'body.zoneId', message: `is not used by a ${m.kind} method` });
    if (m.brackets?.length) out.push({ field: 'body.brackets', message: `${m.kind} costs nothing; it has no brackets` });
    if (m.freeOverSubtotal != null) out.push({ field: 'body.freeOverSubtotal', message: `${m.kind} is always free` });
  }
  if (m.freeOverSubtotal != null && !m.currency) out.push({ field: 'body.currency', message: 'is required with freeOverSubtotal' });
  return out;
}

/**
 * Quotes every option for a destination and parcel: the delivery methods of the most specific
 * matching active zone(s) priced in the asked currency (a region zone beats a country zone), then
 * pickup and curbside at no cost. Cheapest delivery first.
 */
export function quoteOptions(zones: ShippingZone[], methods: ShippingMethod[], q: QuoteQuery): ShippingQuote[] {
  const currency = up(q.currency);
  const scored = zones.filter((z) => z.active).map((z) => ({ z, score: areaMatch(z.areas, q.country, q.region) })).filter((x) => x.score > 0);
  const top = Math.max(0, ...scored.map((x) => x.score));
  const zoneIds = new Set(scored.filter((x) => x.score === top).map((x) => x.z.id));
  const delivery: ShippingQuote[] = [];
  const local: ShippingQuote[] = [];
  for (const m of methods) {
    if (!m.active) continue;
    if (m.kind === 'delivery') {
      if (!m.zoneId || !zoneIds.has(m.zoneId) || up(m.currency) !== currency) continue;
      const rate = rateFor(m.brackets, q.weightGrams);
      if (rate == null) continue;
      const free = m.freeOverSubtotal != null && q.subtotal >= m.freeOverSubtotal;
      delivery.push({ id: m.id, kind: m.kind, name: m.name, rate, amount: free ? 0 : rate, currency, freeOverSubtotal: m.freeOverSubtotal, zoneId: m.zoneId, locationId: null });
    } else {
      local.push({ id: m.id, kind: m.kind, name: m.name, rate: 0, amount: 0, currency, freeOverSubtotal: null, zoneId: null, locationId: m.locationId });
    }
  }
  delivery.sort((a, b) => a.amount - b.amount || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
  local.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
  return [...delivery, ...local];
}
