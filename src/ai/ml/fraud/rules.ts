/**
 * Interpretable fraud rules. Each reads the order's signals and answers fired / not fired (or
 * undefined when the signal is unknown), so a reviewer always sees named reasons; the learned model
 * then weighs the rules together with the raw signals.
 */
import type { OrderSignals, RuleHit } from './types.js';

export interface RuleThresholds {
  /** First orders at or above this value count as high value (default: learned 90th percentile). */
  highValue: number;
  /** Sign-up to purchase faster than this many minutes looks scripted. */
  instantMinutes: number;
  /** Hours [from, to) counted as risky, in the shop's time zone. */
  riskyHours: [number, number];
}

export const defaultThresholds: RuleThresholds = { highValue: 100, instantMinutes: 5, riskyHours: [0, 5] };

interface Rule { id: string; description: string; test(s: OrderSignals, t: RuleThresholds): boolean | undefined }

const known = (...xs: unknown[]): boolean => xs.every((x) => x !== undefined);

export const rules: Rule[] = [
  { id: 'device_shared', description: 'device already used by other accounts', test: (s) => (known(s.accountsOnDevice) ? s.accountsOnDevice! >= 2 : undefined) },
  { id: 'ip_shared', description: 'IP address already used by other accounts', test: (s) => (known(s.accountsOnIp) ? s.accountsOnIp! >= 2 : undefined) },
  { id: 'device_burst', description: '3 or more orders from this device in 24 hours', test: (s) => (known(s.ordersFromDevice24h) ? s.ordersFromDevice24h! >= 3 : undefined) },
  { id: 'instant_checkout', description: 'ordered within minutes of creating the account', test: (s, t) => (known(s.accountAgeMinutes) ? s.accountAgeMinutes! < t.instantMinutes : undefined) },
  { id: 'first_order_high_value', description: 'first order with a high value', test: (s, t) => (known(s.isFirstOrder) ? s.isFirstOrder! && s.orderValue >= t.highValue : undefined) },
  { id: 'risky_hour', description: 'placed in the small hours', test: (s, t) => (known(s.localHour) ? s.localHour! >= t.riskyHours[0] && s.localHour! < t.riskyHours[1] : undefined) },
  {
    id: 'address_mismatch', description: 'billing, shipping and IP countries disagree',
    test: (s) => {
      const countries = [s.billingCountry, s.shippingCountry, s.ipCountry].filter((c): c is string => c !== undefined);
      return countries.length < 2 ? undefined : new Set(countries).size > 1;
    },
  },
];

/** Runs every rule; `fired` lists hits, `flags` has 1/0 per rule (undefined = signal unknown). */
export function evaluateRules(s: OrderSignals, t: RuleThresholds = defaultThresholds): { fired: RuleHit[]; flags: Record<string, number | undefined> } {
  const fired: RuleHit[] = [];
  const flags: Record<string, number | undefined> = {};
  for (const r of rules) {
    const v = r.test(s, t);
    flags[`rule_${r.id}`] = v === undefined ? undefined : v ? 1 : 0;
    if (v) fired.push({ rule: r.id, description: r.description });
  }
  return { fired, flags };
}
