import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ShippingMethod, ShippingZone } from '../contracts/service.js';
import { methodProblems, quoteOptions, rateFor } from './quote.js';

const at = '2026-01-01T00:00:00.000Z';
const zone = (id: string, areas: ShippingZone['areas']): ShippingZone => ({ id, name: id, areas, active: true, createdAt: at, updatedAt: at });
const method = (id: string, m: Partial<ShippingMethod>): ShippingMethod => ({
  id, kind: 'delivery', name: id, zoneId: null, locationId: null, currency: 'USD', brackets: [], freeOverSubtotal: null, active: true, createdAt: at, updatedAt: at, ...m,
});

describe('shipping quotes', () => {
  const zones = [zone('z_us', [{ country: 'US', region: null }]), zone('z_remote', [{ country: 'US', region: 'AK' }, { country: 'US', region: 'HI' }]), zone('z_eu', [{ country: 'DE', region: null }, { country: 'FR', region: null }])];
  const methods = [
    method('m_std', { zoneId: 'z_us', name: 'Standard', brackets: [{ upToGrams: 1000, amount: 500 }, { upToGrams: 5000, amount: 900 }, { upToGrams: null, amount: 2500 }], freeOverSubtotal: 10_000 }),
    method('m_exp', { zoneId: 'z_us', name: 'Express', brackets: [{ upToGrams: 2000, amount: 1500 }] }),
    method('m_remote', { zoneId: 'z_remote', name: 'Remote', brackets: [{ upToGrams: null, amount: 3000 }] }),
    method('m_eu', { zoneId: 'z_eu', name: 'EU', currency: 'EUR', brackets: [{ upToGrams: null, amount: 1200 }] }),
    method('m_pickup', { kind: 'pickup', name: 'Pick up downtown', currency: null, locationId: 'loc_1' }),
    method('m_curb', { kind: 'curbside', name: 'Curbside downtown', currency: null, locationId: 'loc_1' }),
    method('m_off', { zoneId: 'z_us', name: 'Old', active: false, brackets: [{ upToGrams: null, amount: 1 }] }),
  ];
  const q = (over: Partial<Parameters<typeof quoteOptions>[2]>) => quoteOptions(zones, methods, { country: 'US', weightGrams: 800, subtotal: 5000, currency: 'USD', ...over });

  it('prices by weight bracket, is free over the threshold, and adds pickup and curbside at no cost', () => {
    expect(q({}).map((o) => [o.id, o.amount])).toEqual([['m_std', 500], ['m_exp', 1500], ['m_curb', 0], ['m_pickup', 0]]);
    expect(q({ weightGrams: 3000 }).map((o) => [o.id, o.amount])).toEqual([['m_std', 900], ['m_curb', 0], ['m_pickup', 0]]);
    expect(q({ subtotal: 10_000 })[0]).toMatchObject({ id: 'm_std', amount: 0, rate: 500, freeOverSubtotal: 10_000 });
    expect(q({ region: 'ak' }).map((o) => o.id)).toEqual(['m_remote', 'm_curb', 'm_pickup']);
    expect(q({ country: 'DE', currency: 'EUR' }).map((o) => o.id)).toEqual(['m_eu', 'm_curb', 'm_pickup']);
    expect(q({ country: 'DE' }).map((o) => o.id)).toEqual(['m_curb', 'm_pickup']);
    expect(q({ country: 'JP' }).map((o) => o.kind)).toEqual(['curbside', 'pickup']);
  });

  it('a heavier parcel never costs less under the same method', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 6 }), fc.boolean(), fc.nat(60_000), fc.nat(60_000), (limits, open, w1, w2) => {
      // Rates that rise with the limit, as merchants set them.
      const sorted = [...limits].sort((a, b) => a - b);
      const brackets = [...sorted.map((l, i) => ({ upToGrams: l as number | null, amount: 100 * (i + 1) })), ...(open ? [{ upToGrams: null, amount: 100 * (sorted.length + 1) }] : [])];
      const [light, heavy] = w1 <= w2 ? [w1, w2] : [w2, w1];
      const a = rateFor(brackets, light);
      const b = rateFor(brackets, heavy);
      if (b !== null) expect(a).not.toBeNull();
      if (a !== null && b !== null) expect(b).toBeGreaterThanOrEqual(a);
      if (open) expect(b).not.toBeNull();
    }));
  });

  it('names what a method definition lacks', () => {
    expect(methodProblems({ kind: 'delivery', name: 'x' }).map((d) => d.field)).toEqual(['body.zoneId', 'body.currency', 'body.brackets']);
    expect(methodProblems({ kind: 'pickup', name: 'x' }).map((d) => d.field)).toEqual(['body.locationId']);
    expect(methodProblems({ kind: 'curbside', name: 'x', locationId: 'loc_1', brackets: [{ upToGrams: null, amount: 1 }] }).map((d) => d.field)).toEqual(['body.brackets']);
  });
});
