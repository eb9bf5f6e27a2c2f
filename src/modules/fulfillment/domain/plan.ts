/**
 * Where to ship an order from. Pure: the service hands it the candidate locations with their
 * stock and the destination; the checkout then reserves exactly what the plan says.
 *
 * Order of preference: fewest shipments first (one location that can send everything beats two),
 * then distance, then the location's priority (lower first), then its id so the answer is stable.
 * When no single location has everything, a greedy cover takes the location that can send the
 * most of what is still missing (ties by distance, priority), and repeats. Shortfalls are
 * reported, never invented: the caller decides whether to refuse or to backorder.
 */

export interface PlanLine { variantId: string; quantity: number }

export interface Destination {
  country: string;
  region?: string | null;
  postalCode?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

export interface CandidateLocation {
  id: string;
  name: string;
  country: string;
  region: string | null;
  postalCode: string | null;
  latitude: number | null;
  longitude: number | null;
  priority: number;
  /** Units available now, by variant id. */
  available: ReadonlyMap<string, number>;
}

export interface PlannedLine { variantId: string; quantity: number; locationId: string }

export interface ShipmentPlan {
  lines: PlannedLine[];
  /** The locations used, in the order they were chosen. */
  locations: string[];
  /** Extra shipments beyond the first: 0 when one location sends everything (or nothing could be planned). */
  splits: number;
  /** Units that no active location can send. */
  shortfalls: { variantId: string; missing: number }[];
  /** The choice in words a merchant understands. */
  reason: string;
}

/**
 * Distance in km without coordinates, from how close the addresses are. Rough on purpose: it only
 * ranks locations (same postcode < same region < same country < elsewhere) and lets a location
 * with coordinates sit sensibly among those without.
 */
const FALLBACK_KM = { postalCode: 10, region: 300, country: 1500, elsewhere: 8000 } as const;

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance between two points, in km. */
export function haversineKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad, dLon = (bLon - aLon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const norm = (s: string | null | undefined) => (s ?? '').trim().toUpperCase();
const hasPoint = (lat: number | null | undefined, lon: number | null | undefined): boolean =>
  typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon);

export interface Distance { km: number; measured: boolean; tier: 'postal_code' | 'region' | 'country' | 'elsewhere' }

/** How far a location is from the destination: haversine when both have coordinates, otherwise by address. */
export function distanceTo(loc: Pick<CandidateLocation, 'country' | 'region' | 'postalCode' | 'latitude' | 'longitude'>, dest: Destination): Distance {
  const sameCountry = norm(loc.country) === norm(dest.country);
  const tier: Distance['tier'] = !sameCountry ? 'elsewhere'
    : dest.postalCode && norm(loc.postalCode) === norm(dest.postalCode) ? 'postal_code'
      : dest.region && norm(loc.region) === norm(dest.region) ? 'region' : 'country';
  if (hasPoint(loc.latitude, loc.longitude) && hasPoint(dest.latitude, dest.longitude)) {
    return { km: haversineKm(loc.latitude!, loc.longitude!, dest.latitude!, dest.longitude!), measured: true, tier };
  }
  const km = tier === 'postal_code' ? FALLBACK_KM.postalCode : tier === 'region' ? FALLBACK_KM.region : tier === 'country' ? FALLBACK_KM.country : FALLBACK_KM.elsewhere;
  return { km, measured: false, tier };
}

/** Sums quantities per variant, keeping first-seen order; ignores non-positive quantities. */
export function mergeLines(lines: readonly PlanLine[]): PlanLine[] {
  const out = new Map<string, number>();
  for (const l of lines) if (l.quantity > 0) out.set(l.variantId, (out.get(l.variantId) ?? 0) + l.quantity);
  return [...out].map(([variantId, quantity]) => ({ variantId, quantity }));
}

interface Ranked { loc: CandidateLocation; dist: Distance }

/** Nearer first; within a kilometre, the location's priority decides; the id keeps it stable. */
function compareRanked(a: Ranked, b: Ranked): number {
  const dk = Math.round(a.dist.km) - Math.round(b.dist.km);
  if (dk !== 0) return dk;
  if (a.loc.priority !== b.loc.priority) return a.loc.priority - b.loc.priority;
  return a.loc.id < b.loc.id ? -1 : a.loc.id > b.loc.id ? 1 : 0;
}

const avail = (loc: CandidateLocation, variantId: string) => Math.max(0, Math.floor(loc.available.get(variantId) ?? 0));

/** Chooses the location(s) to send `lines` to `destination` from. */
export function planShipment(lines: readonly PlanLine[], destination: Destination, candidates: readonly CandidateLocation[]): ShipmentPlan {
  const wanted = mergeLines(lines);
  const ranked = candidates.map((loc) => ({ loc, dist: distanceTo(loc, destination) })).sort(compareRanked);
  const units = wanted.reduce((s, l) => s + l.quantity, 0);
  if (!wanted.length) return { lines: [], locations: [], splits: 0, shortfalls: [], reason: 'Nothing to ship.' };

  const whole = ranked.find((r) => wanted.every((l) => avail(r.loc, l.variantId) >= l.quantity));
  if (whole) {
    return {
      lines: wanted.map((l) => ({ variantId: l.variantId, quantity: l.quantity, locationId: whole.loc.id })),
      locations: [whole.loc.id], splits: 0, shortfalls: [],
      reason: `All ${units} unit(s) ship from ${whole.loc.name} (${describe(whole.dist)}), the nearest location that has everything${tieNote(whole, ranked, wanted)}.`,
    };
  }

  // Greedy cover: each round takes the location that sends the most of what is still missing.
  const missing = new Map(wanted.map((l) => [l.variantId, l.quantity]));
  const planned: PlannedLine[] = [];
  const used: Ranked[] = [];
  const left = [...ranked];
  for (;;) {
    let best: { r: Ranked; units: number; index: number } | null = null;
    left.forEach((r, index) => {
      let n = 0;
      for (const [v, q] of missing) n += Math.min(q, avail(r.loc, v));
      // `left` is sorted by distance then priority, so a strict > keeps the nearer one on a tie.
      if (n > 0 && (!best || n > best.units)) best = { r, units: n, index };
    });
    if (!best) break;
    const { r, index } = best as { r: Ranked; units: number; index: number };
    left.splice(index, 1);
    used.push(r);
    for (const l of wanted) {
      const q = Math.min(missing.get(l.variantId) ?? 0, avail(r.loc, l.variantId));
      if (q <= 0) continue;
      planned.push({ variantId: l.variantId, quantity: q, locationId: r.loc.id });
      missing.set(l.variantId, (missing.get(l.variantId) ?? 0) - q);
    }
    if ([...missing.values()].every((q) => q === 0)) break;
  }
  const shortfalls = [...missing].filter(([, q]) => q > 0).map(([variantId, q]) => ({ variantId, missing: q }));
  const short = shortfalls.reduce((s, x) => s + x.missing, 0);
  const parts = used.map((r) => `${r.loc.name} ${planned.filter((p) => p.locationId === r.loc.id).reduce((s, p) => s + p.quantity, 0)} unit(s) (${describe(r.dist)})`);
  const reason = !used.length
    ? `No active location has any of the ${units} unit(s) in stock.`
    : `${used.length === 1 ? 'No location has everything' : `No single location has everything; split into ${used.length} shipments, largest first`}: ${parts.join(', ')}.`
      + (short ? ` ${short} unit(s) of ${shortfalls.length} item(s) cannot be planned: not enough stock at any active location.` : '');
  return { lines: planned, locations: used.map((r) => r.loc.id), splits: Math.max(0, used.length - 1), shortfalls, reason };
}

function describe(d: Distance): string {
  if (d.measured) return `${Math.round(d.km)} km away`;
  return d.tier === 'postal_code' ? 'same postal code' : d.tier === 'region' ? 'same region' : d.tier === 'country' ? 'same country' : 'another country';
}

/** Says when priority, not distance, decided between equally near locations. */
function tieNote(chosen: Ranked, ranked: Ranked[], wanted: PlanLine[]): string {
  const rival = ranked.find((r) => r !== chosen && Math.round(r.dist.km) === Math.round(chosen.dist.km) && r.loc.priority !== chosen.loc.priority
    && wanted.every((l) => avail(r.loc, l.variantId) >= l.quantity));
  return rival ? `; preferred over ${rival.loc.name} by priority` : '';
}
