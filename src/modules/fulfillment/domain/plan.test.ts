import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceTo, haversineKm, mergeLines, planShipment, type CandidateLocation } from './plan.js';

const loc = (id: string, stock: Record<string, number>, over: Partial<CandidateLocation> = {}): CandidateLocation => ({
  id, name: id.toUpperCase(), country: 'US', region: 'OR', postalCode: null, latitude: null, longitude: null, priority: 0,
  available: new Map(Object.entries(stock)), ...over,
});
const portland = { country: 'US', region: 'OR', postalCode: '97201', latitude: 45.52, longitude: -122.68 };

describe('haversineKm', () => {
  it('measures great-circle distance', () => {
    // Portland to Seattle is about 233 km as the crow flies.
    expect(haversineKm(45.52, -122.68, 47.61, -122.33)).toBeGreaterThan(225);
    expect(haversineKm(45.52, -122.68, 47.61, -122.33)).toBeLessThan(240);
    expect(haversineKm(10, 10, 10, 10)).toBe(0);
  });
});

describe('distanceTo', () => {
  it('uses coordinates when both sides have them, the address otherwise', () => {
    expect(distanceTo(loc('a', {}, { latitude: 47.61, longitude: -122.33, region: 'WA' }), portland)).toMatchObject({ measured: true, tier: 'country' });
    expect(distanceTo(loc('a', {}), portland)).toMatchObject({ measured: false, tier: 'region' });
    expect(distanceTo(loc('a', {}), { country: 'us', region: 'or' }).tier).toBe('region');
    expect(distanceTo(loc('a', {}, { postalCode: '97201' }), portland).tier).toBe('postal_code');
    expect(distanceTo(loc('a', {}, { region: 'CA' }), portland).tier).toBe('country');
    expect(distanceTo(loc('a', {}, { country: 'CA' }), portland).tier).toBe('elsewhere');
  });
});

describe('mergeLines', () => {
  it('sums repeated variants and drops empty lines', () => {
    expect(mergeLines([{ variantId: 'a', quantity: 1 }, { variantId: 'b', quantity: 0 }, { variantId: 'a', quantity: 2 }])).toEqual([{ variantId: 'a', quantity: 3 }]);
  });
});

describe('planShipment', () => {
  const lines = [{ variantId: 'v1', quantity: 2 }, { variantId: 'v2', quantity: 1 }];

  it('ships from one location that has everything rather than splitting from nearer ones', () => {
    const near1 = loc('near1', { v1: 5 }, { latitude: 45.5, longitude: -122.6 });
    const near2 = loc('near2', { v2: 5 }, { latitude: 45.5, longitude: -122.7 });
    const far = loc('far', { v1: 2, v2: 1 }, { latitude: 40.7, longitude: -74.0, region: 'NY' });
    const plan = planShipment(lines, portland, [near1, near2, far]);
    expect(plan).toMatchObject({ locations: ['far'], splits: 0, shortfalls: [] });
    expect(plan.lines).toEqual([{ variantId: 'v1', quantity: 2, locationId: 'far' }, { variantId: 'v2', quantity: 1, locationId: 'far' }]);
    expect(plan.reason).toMatch(/FAR/);
  });

  it('among whole locations picks the nearest by haversine, then priority', () => {
    const seattle = loc('sea', { v1: 9, v2: 9 }, { latitude: 47.61, longitude: -122.33, region: 'WA' });
    const eugene = loc('eug', { v1: 9, v2: 9 }, { latitude: 44.05, longitude: -123.09 });
    expect(planShipment(lines, portland, [seattle, eugene]).locations).toEqual(['eug']);
    const twinA = loc('a', { v1: 9, v2: 9 }, { latitude: 44.05, longitude: -123.09, priority: 5 });
    const twinB = loc('b', { v1: 9, v2: 9 }, { latitude: 44.05, longitude: -123.09, priority: 1 });
    const plan = planShipment(lines, portland, [twinA, twinB]);
    expect(plan.locations).toEqual(['b']);
    expect(plan.reason).toMatch(/by priority/);
  });

  it('without coordinates: same region beats same country beats elsewhere', () => {
    const abroad = loc('abroad', { v1: 9, v2: 9 }, { country: 'CA', region: 'BC', priority: -10 });
    const country = loc('country', { v1: 9, v2: 9 }, { region: 'TX', priority: -5 });
    const region = loc('region', { v1: 9, v2: 9 }, { priority: 3 });
    const dest = { country: 'US', region: 'OR' };
    expect(planShipment(lines, dest, [abroad, country, region]).locations).toEqual(['region']);
    expect(planShipment(lines, dest, [abroad, country]).locations).toEqual(['country']);
    expect(planShipment(lines, dest, [abroad]).locations).toEqual(['abroad']);
  });

  it('covers greedily by most units, then distance, when no location has everything', () => {
    const a = loc('a', { v1: 1, v2: 1 }, { latitude: 45.5, longitude: -122.6 });
    const b = loc('b', { v1: 2 }, { latitude: 47.61, longitude: -122.33 });
    const c = loc('c', { v1: 2 }, { latitude: 44.05, longitude: -123.09 });
    const plan = planShipment([{ variantId: 'v1', quantity: 3 }, { variantId: 'v2', quantity: 1 }], portland, [a, b, c]);
    // a, b and c each cover 2 units; a is nearest. Then 2 units of v1 are left; c (Eugene) is nearer than b (Seattle).
    expect(plan.locations).toEqual(['a', 'c']);
    expect(plan.splits).toBe(1);
    expect(plan.lines).toEqual([
      { variantId: 'v1', quantity: 1, locationId: 'a' }, { variantId: 'v2', quantity: 1, locationId: 'a' }, { variantId: 'v1', quantity: 2, locationId: 'c' },
    ]);
    expect(plan.reason).toMatch(/split into 2 shipments/);
  });

  it('plans what it can and names the shortfall', () => {
    const plan = planShipment([{ variantId: 'v1', quantity: 5 }, { variantId: 'v3', quantity: 1 }], portland, [loc('a', { v1: 3 }), loc('b', { v1: -2 })]);
    expect(plan.lines).toEqual([{ variantId: 'v1', quantity: 3, locationId: 'a' }]);
    expect(plan.shortfalls).toEqual([{ variantId: 'v1', missing: 2 }, { variantId: 'v3', missing: 1 }]);
    expect(plan.reason).toMatch(/3 unit\(s\) of 2 item\(s\) cannot be planned/);
    const none = planShipment([{ variantId: 'v1', quantity: 1 }], portland, []);
    expect(none).toMatchObject({ lines: [], locations: [], splits: 0, shortfalls: [{ variantId: 'v1', missing: 1 }] });
    expect(none.reason).toMatch(/No active location/);
    expect(planShipment([], portland, [loc('a', { v1: 1 })])).toMatchObject({ lines: [], reason: 'Nothing to ship.' });
  });

  it('property: never plans more than a location has, and covers every unit when stock suffices', () => {
    const variants = ['v1', 'v2', 'v3', 'v4'];
    const arbLoc = (i: number) => fc.record({
      stock: fc.dictionary(fc.constantFrom(...variants), fc.integer({ min: -3, max: 12 })),
      lat: fc.option(fc.double({ min: -80, max: 80, noNaN: true }), { nil: null }),
      lon: fc.option(fc.double({ min: -179, max: 179, noNaN: true }), { nil: null }),
      region: fc.constantFrom('OR', 'WA', null), country: fc.constantFrom('US', 'CA'), priority: fc.integer({ min: 0, max: 5 }),
    }).map((r) => loc(`l${i}`, r.stock, { latitude: r.lat, longitude: r.lon, region: r.region, country: r.country, priority: r.priority }));
    const arbLocs = fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbLoc(i))));
    const arbLines = fc.array(fc.record({ variantId: fc.constantFrom(...variants), quantity: fc.integer({ min: 1, max: 15 }) }), { maxLength: 6 });
    fc.assert(fc.property(arbLines, arbLocs, fc.option(fc.record({ latitude: fc.double({ min: -80, max: 80, noNaN: true }), longitude: fc.double({ min: -179, max: 179, noNaN: true }) }), { nil: undefined }), (lines, locs, point) => {
      const plan = planShipment(lines, { country: 'US', region: 'OR', ...point }, locs);
      const byId = new Map(locs.map((l) => [l.id, l]));
      const perPair = new Map<string, number>();
      for (const p of plan.lines) {
        expect(p.quantity).toBeGreaterThan(0);
        perPair.set(`${p.locationId} ${p.variantId}`, (perPair.get(`${p.locationId} ${p.variantId}`) ?? 0) + p.quantity);
      }
      for (const [key, q] of perPair) {
        const [l, v] = key.split(' ');
        expect(q).toBeLessThanOrEqual(byId.get(l)!.available.get(v) ?? 0);
      }
      for (const want of mergeLines(lines)) {
        const total = locs.reduce((s, l) => s + Math.max(0, l.available.get(want.variantId) ?? 0), 0);
        const planned = plan.lines.filter((p) => p.variantId === want.variantId).reduce((s, p) => s + p.quantity, 0);
        const missing = plan.shortfalls.find((s) => s.variantId === want.variantId)?.missing ?? 0;
        expect(planned + missing).toBe(want.quantity);
        if (total >= want.quantity) expect(planned).toBe(want.quantity);
        else expect(planned).toBe(total);
      }
      expect(new Set(plan.locations).size).toBe(plan.locations.length);
      expect(plan.splits).toBe(Math.max(0, plan.locations.length - 1));
      // Fewest splits first: when one location could send everything, exactly one is used.
      const wanted = mergeLines(lines);
      if (wanted.length && locs.some((l) => wanted.every((w) => (l.available.get(w.variantId) ?? 0) >= w.quantity))) expect(plan.locations).toHaveLength(1);
    }), { numRuns: 400 });
  });
});
