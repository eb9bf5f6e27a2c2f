/**
 * Profit-maximising price under guardrails, for constant-elasticity demand q(p) = q0·(p/p0)^e.
 * Profit (p − c)·q(p) is unimodal in p, peaking at c·e/(1+e) when e < −1 and rising without
 * limit when demand is inelastic (e ≥ −1), so the best allowed price is that peak clamped to the
 * guardrail interval. Prices are integer minor units, never floats.
 */

export interface Guardrails {
  /** Minimum gross margin on the new price, e.g. 0.2 = price ≥ cost / 0.8. */
  minMarginPct: number;
  /** Largest move from the current price in one step, e.g. 0.1 = ±10 %. */
  maxChangePct: number;
  /** With a competitor price: never price below competitor × (1 − this), e.g. 0.05. */
  competitorFloorPct?: number;
}

export interface PriceProblem {
  currentPrice: number;
  unitCost: number;
  /** Units per period at the current price. */
  baseQuantity: number;
  elasticity: number;
  competitorPrice?: number;
  guardrails: Guardrails;
}

export type Binding = 'none' | 'min_margin' | 'max_change' | 'competitor_floor' | 'inelastic';

export type PriceDecision =
  | { kind: 'price'; price: number; changePct: number; expectedQuantity: number; expectedProfit: number; currentProfit: number; binding: Binding; unconstrained: number | null; explanation: string }
  | { kind: 'infeasible'; reason: string; explanation: string };

/** Expected profit per period at `price` under constant elasticity. */
export function profitAt(p: PriceProblem, price: number): number {
  return (price - p.unitCost) * quantityAt(p, price);
}

/** Expected units per period at `price`. */
export function quantityAt(p: PriceProblem, price: number): number {
  return p.baseQuantity * (price / p.currentPrice) ** p.elasticity;
}

/** Chooses the price; an empty guardrail interval is returned as an `infeasible` outcome, not thrown. */
export function optimisePrice(p: PriceProblem): PriceDecision {
  if (!(p.currentPrice > 0) || !(p.unitCost >= 0) || !(p.baseQuantity >= 0) || !Number.isFinite(p.elasticity)) {
    throw new Error('pricing.invalid_problem: prices and quantities must be positive and elasticity finite');
  }
  const g = p.guardrails;
  const lower: [number, Binding][] = [
    [Math.ceil(p.unitCost / (1 - g.minMarginPct)), 'min_margin'],
    [Math.ceil(p.currentPrice * (1 - g.maxChangePct)), 'max_change'],
  ];
  if (p.competitorPrice !== undefined && g.competitorFloorPct !== undefined) lower.push([Math.ceil(p.competitorPrice * (1 - g.competitorFloorPct)), 'competitor_floor']);
  const [lo, loBy] = lower.reduce((a, b) => (b[0] > a[0] ? b : a));
  const hi = Math.floor(p.currentPrice * (1 + g.maxChangePct));
  if (lo > hi) {
    const reason = `the ${words(loBy)} requires at least ${lo}, above the ${Math.round(g.maxChangePct * 100)} % change limit of ${hi}`;
    return { kind: 'infeasible', reason, explanation: `No allowed price: ${reason}. A person must decide.` };
  }
  const unconstrained = p.elasticity < -1 ? (p.unitCost * p.elasticity) / (1 + p.elasticity) : null;
  let price: number;
  let binding: Binding;
  if (unconstrained === null) { price = hi; binding = 'inelastic'; }
  else if (unconstrained < lo) { price = lo; binding = loBy; }
  else if (unconstrained > hi) { price = hi; binding = 'max_change'; }
  else {
    // Rounding to minor units: take whichever neighbour earns more.
    const a = Math.floor(unconstrained); const b = Math.ceil(unconstrained);
    price = profitAt(p, Math.max(a, lo)) >= profitAt(p, Math.min(b, hi)) ? Math.max(a, lo) : Math.min(b, hi);
    binding = 'none';
  }
  const expectedQuantity = quantityAt(p, price);
  const expectedProfit = profitAt(p, price);
  const currentProfit = profitAt(p, p.currentPrice);
  const changePct = price / p.currentPrice - 1;
  const why = binding === 'none' ? 'it is the profit-maximising price for this elasticity'
    : binding === 'inelastic' ? `demand is inelastic (${p.elasticity.toFixed(2)}), so the highest allowed price earns most`
    : `the best price (${unconstrained === null ? '-' : Math.round(unconstrained)}) is outside the guardrails; the ${words(binding)} limits it`;
  const explanation = `Set ${price} (${changePct >= 0 ? '+' : ''}${(changePct * 100).toFixed(1)} % from ${p.currentPrice}) because ${why}. Expected ${expectedQuantity.toFixed(1)} units and profit ${Math.round(expectedProfit)} per period, against ${Math.round(currentProfit)} now.`;
  return { kind: 'price', price, changePct, expectedQuantity, expectedProfit, currentProfit, binding, unconstrained, explanation };
}

function words(b: Binding): string {
  return { none: 'optimum', min_margin: 'minimum margin', max_change: 'maximum change', competitor_floor: 'competitor floor', inelastic: 'inelastic demand' }[b];
}
