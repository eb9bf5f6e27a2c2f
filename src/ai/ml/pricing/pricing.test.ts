import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normal, seededRng } from '../common/seeded-rng.js';
import { elasticityFromJSON, optimisePrice, profitAt, trainElasticity, type PriceObservation, type PriceProblem } from './index.js';

/** Weekly history: price wanders ±15 % around 1000, demand = 200·(p/1000)^e · season · lognormal noise. */
function history(e: number, seed: number, confounded = false): PriceObservation[] {
  const rng = seededRng(seed);
  return Array.from({ length: 104 }, (_, t) => {
    const season = 1 + 0.4 * Math.sin((2 * Math.PI * t) / 52);
    // Confounded: the shop runs its promotions in the high season, so low prices coincide with high demand anyway.
    const price = Math.round(1000 * (confounded ? 1 - 0.25 * (season - 1) + 0.03 * normal(rng) : 1 + 0.15 * (rng() * 2 - 1)));
    const quantity = 200 * (price / 1000) ** e * season * Math.exp(0.1 * normal(rng));
    return { price, quantity, controls: [Math.log(season)] };
  });
}

describe('elasticity', () => {
  it.each([-0.8, -2, -3.5])('recovers a known elasticity of %s within 0.25 and covers it', (e) => {
    const est = trainElasticity({ observations: history(e, 1), controlNames: ['season'] }).estimate;
    expect(Math.abs(est.elasticity - e)).toBeLessThan(0.25);
    expect(est.low).toBeLessThan(e);
    expect(est.high).toBeGreaterThan(e);
    expect(est.reliable).toBe(true);
  });

  it('is biased by season-timed promotions without the season control, and not with it', () => {
    const obs = history(-1.5, 2, true);
    const naive = trainElasticity({ observations: obs.map(({ price, quantity }) => ({ price, quantity })) }, { trend: false }).estimate.elasticity;
    const controlled = trainElasticity({ observations: obs }, { trend: false }).estimate.elasticity;
    expect(Math.abs(controlled + 1.5)).toBeLessThan(0.3);
    expect(naive).toBeLessThan(-2.5); // the season's demand lift is credited to the lower prices
  });

  it('flags an estimate from nearly constant prices as unreliable, and round-trips through JSON', () => {
    const rng = seededRng(3);
    const obs = Array.from({ length: 52 }, () => ({ price: 1000 + Math.round(rng() * 4), quantity: 100 + 10 * rng() }));
    const model = trainElasticity({ observations: obs, label: 'Mug' });
    expect(model.estimate.reliable).toBe(false);
    expect(model.explain()).toMatch(/Not reliable/);
    const copy = elasticityFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.predict(1000)).toBeCloseTo(model.predict(1000), 10);
  });
});

describe('price optimiser', () => {
  const base: PriceProblem = { currentPrice: 1000, unitCost: 600, baseQuantity: 100, elasticity: -3, guardrails: { minMarginPct: 0.2, maxChangePct: 0.15 } };

  it('finds the textbook optimum c·e/(1+e) when it is inside the guardrails', () => {
    const d = optimisePrice(base);
    expect(d.kind).toBe('price');
    if (d.kind === 'price') { expect(d.price).toBe(900); expect(d.binding).toBe('none'); expect(d.expectedProfit).toBeGreaterThan(d.currentProfit); }
  });

  it('names the guardrail that binds', () => {
    const maxChange = optimisePrice({ ...base, guardrails: { minMarginPct: 0.2, maxChangePct: 0.05 } });
    expect(maxChange.kind === 'price' && [maxChange.price, maxChange.binding]).toEqual([950, 'max_change']);
    const margin = optimisePrice({ ...base, guardrails: { minMarginPct: 0.4, maxChangePct: 0.15 } });
    expect(margin.kind === 'price' && [margin.price, margin.binding]).toEqual([1000, 'min_margin']);
    const competitor = optimisePrice({ ...base, competitorPrice: 980, guardrails: { minMarginPct: 0.2, maxChangePct: 0.15, competitorFloorPct: 0.03 } });
    expect(competitor.kind === 'price' && [competitor.price, competitor.binding]).toEqual([951, 'competitor_floor']);
    const inelastic = optimisePrice({ ...base, elasticity: -0.6 });
    expect(inelastic.kind === 'price' && [inelastic.price, inelastic.binding]).toEqual([1150, 'inelastic']);
    expect(inelastic.kind === 'price' && inelastic.explanation).toMatch(/inelastic/);
  });

  it('returns infeasible when the margin floor is above the change limit', () => {
    const d = optimisePrice({ ...base, unitCost: 1000, guardrails: { minMarginPct: 0.2, maxChangePct: 0.1 } });
    expect(d.kind).toBe('infeasible');
    expect(d.explanation).toMatch(/minimum margin/);
  });

  it('always stays within the guardrails and no allowed integer price earns more', () => {
    fc.assert(fc.property(
      fc.integer({ min: 100, max: 10_000 }), fc.double({ min: 0.1, max: 0.9, noNaN: true }), fc.double({ min: -6, max: -0.2, noNaN: true }),
      fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0.01, max: 0.3, noNaN: true }),
      (current, costShare, e, minMargin, maxChange) => {
        const p: PriceProblem = { currentPrice: current, unitCost: Math.round(current * costShare), baseQuantity: 50, elasticity: e, guardrails: { minMarginPct: minMargin, maxChangePct: maxChange } };
        const d = optimisePrice(p);
        if (d.kind === 'infeasible') return true;
        expect(Number.isInteger(d.price)).toBe(true);
        expect(d.price).toBeLessThanOrEqual(current * (1 + maxChange) + 1e-9);
        expect(d.price).toBeGreaterThanOrEqual(current * (1 - maxChange) - 1e-9);
        expect(1 - p.unitCost / d.price).toBeGreaterThanOrEqual(minMargin - 1e-9);
        const lo = Math.max(Math.ceil(p.unitCost / (1 - minMargin)), Math.ceil(current * (1 - maxChange)));
        const hi = Math.floor(current * (1 + maxChange));
        for (let k = 0; k <= 20; k++) {
          const q = Math.round(lo + ((hi - lo) * k) / 20);
          expect(profitAt(p, d.price)).toBeGreaterThanOrEqual(profitAt(p, q) - 1e-6 * Math.abs(profitAt(p, q)));
        }
        return true;
      }), { numRuns: 300 });
  });
});
