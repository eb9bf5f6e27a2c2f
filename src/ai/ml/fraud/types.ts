/** Shapes of the fraud family: what the store knows when an order is placed, and the verdict. */
import type { FeatureRecord } from '../common/tabular-encoder.js';

/** Signals available at order placement; leave a field undefined when the store does not know it. */
export interface OrderSignals {
  orderValue: number;
  /** The customer's first order with the store. */
  isFirstOrder?: boolean;
  /** Minutes from account sign-up to this order. */
  accountAgeMinutes?: number;
  /** Hour of day (0–23) in the shop's time zone. */
  localHour?: number;
  /** Distinct accounts seen on this device / IP address so far, this order's account included. */
  accountsOnDevice?: number;
  accountsOnIp?: number;
  /** Orders from this device in the last 24 hours, this one included. */
  ordersFromDevice24h?: number;
  /** ISO country codes or names, compared only for equality. */
  ipCountry?: string;
  billingCountry?: string;
  shippingCountry?: string;
  /** Any further shop-specific signals (channel, browser, payment method...) for the learned model. */
  extra?: FeatureRecord;
}

export interface RuleHit { rule: string; description: string }

export interface FraudVerdict {
  /** Probability-like risk in [0, 1]. */
  score: number;
  /** `review` when the score is above the threshold set for the target review rate. */
  action: 'accept' | 'review';
  rules: RuleHit[];
}
