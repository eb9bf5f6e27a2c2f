/**
 * Predicting customer satisfaction (CSAT) for a support conversation before (or without) a survey
 * answer. Features a support lead would name: how the customer's mood moved, how long the first
 * answer and the resolution took, reopenings, escalations, whether it is resolved and whether a
 * person was involved. With enough answered surveys a logistic regression learns P(rating ≥ 4);
 * with few, a transparent rule scores the same features. Either way the reasons come with it.
 */
import { fitLogistic, logisticMargin, sigmoid, type LogisticState } from '../common/logistic-regression.js';

export interface CsatConversation {
  /** Customer message sentiments (−1…1) in order; unanalysed ones left out. */
  sentiments: number[];
  firstResponseMinutes: number | null;
  /** Minutes from the first message to resolution (or to now, when still open). */
  resolutionMinutes: number;
  firstResponseBreached: boolean;
  reopenCount: number;
  escalationCount: number;
  resolved: boolean;
  /** Messages from people on the store's side (an agent answered at all). */
  agentMessages: number;
  customerMessages: number;
}

export const CSAT_FEATURES = [
  'last_sentiment', 'sentiment_change', 'lowest_sentiment', 'log_first_response_hours', 'log_resolution_hours',
  'first_response_breached', 'reopens', 'escalations', 'resolved', 'human_involved', 'log_customer_messages',
] as const;

const LABELS: Record<(typeof CSAT_FEATURES)[number], [string, string]> = {
  last_sentiment: ['the customer sounded positive at the end', 'the customer sounded negative at the end'],
  sentiment_change: ['the customer\'s mood improved', 'the customer\'s mood got worse'],
  lowest_sentiment: ['the customer never got upset', 'the customer was upset at some point'],
  log_first_response_hours: ['a quick first answer', 'a slow first answer'],
  log_resolution_hours: ['a quick resolution', 'a long time to resolve'],
  first_response_breached: ['the first answer was within target', 'the first answer missed its target'],
  reopens: ['it never reopened', 'it was reopened'],
  escalations: ['no escalation', 'it was escalated'],
  resolved: ['it is resolved', 'it is not resolved'],
  human_involved: ['a person answered', 'no person answered'],
  log_customer_messages: ['few messages were needed', 'the customer had to write many times'],
};

export function csatFeatures(c: CsatConversation): number[] {
  const s = c.sentiments;
  const last = s.length ? s[s.length - 1] : 0;
  const first = s.length ? s[0] : 0;
  return [
    last, last - first, s.length ? Math.min(...s) : 0,
    Math.log1p((c.firstResponseMinutes ?? c.resolutionMinutes) / 60), Math.log1p(c.resolutionMinutes / 60),
    c.firstResponseBreached ? 1 : 0, Math.min(5, c.reopenCount), Math.min(5, c.escalationCount), c.resolved ? 1 : 0, c.agentMessages > 0 ? 1 : 0,
    Math.log1p(c.customerMessages),
  ];
}

/** The rule used until enough surveys are answered: weights a support lead would set by hand. */
export const RULE_WEIGHTS: number[] = [1.6, 0.8, 0.6, -0.35, -0.25, -0.8, -0.7, -0.5, 1.0, 0.2, -0.3];
export const RULE_INTERCEPT = 0.4;

export interface CsatModel {
  method: 'rule' | 'model';
  state: LogisticState;
  /** Centre and scale of each feature (the model is fitted on standardised features). */
  mean: number[];
  scale: number[];
  /** Answered surveys it learnt from (0 for the rule). */
  trainedOn: number;
  /** Held-back accuracy when trained (null for the rule). */
  accuracy: number | null;
}

/** What the rule counts as ordinary (its centre): a first answer within an hour, resolved within a day, two customer messages. */
const RULE_CENTRE: number[] = [0, 0, 0, Math.log1p(1), Math.log1p(24), 0, 0, 0, 0.5, 0.5, Math.log1p(2)];

export const ruleModel = (): CsatModel => ({
  method: 'rule', state: { weights: RULE_WEIGHTS, intercept: RULE_INTERCEPT },
  mean: RULE_CENTRE, scale: CSAT_FEATURES.map(() => 1), trainedOn: 0, accuracy: null,
});

/** Minimum answered surveys (and of each outcome) before a learnt model replaces the rule. */
export const MIN_SURVEYS = 30;
const MIN_PER_CLASS = 5;

/** Learns P(rating ≥ 4) from answered surveys; the rule when there are too few of either outcome. */
export function trainCsat(examples: { conversation: CsatConversation; rating: number }[]): CsatModel {
  const y = examples.map((e) => (e.rating >= 4 ? 1 : 0));
  const pos = y.reduce((a: number, b) => a + b, 0);
  if (examples.length < MIN_SURVEYS || pos < MIN_PER_CLASS || examples.length - pos < MIN_PER_CLASS) return ruleModel();
  const x = examples.map((e) => csatFeatures(e.conversation));
  const d = CSAT_FEATURES.length;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((a, r) => a + r[j], 0) / x.length);
  const scale = Array.from({ length: d }, (_, j) => Math.sqrt(x.reduce((a, r) => a + (r[j] - mean[j]) ** 2, 0) / x.length) || 1);
  const z = x.map((r) => r.map((v, j) => (v - mean[j]) / scale[j]));
  // Every fifth example is held back to report accuracy; the final model learns from all of them.
  const trainIdx = z.map((_, i) => i).filter((i) => i % 5 !== 0);
  const testIdx = z.map((_, i) => i).filter((i) => i % 5 === 0);
  const held = fitLogistic(trainIdx.map((i) => z[i]), trainIdx.map((i) => y[i]), { l2: 1 });
  const correct = testIdx.filter((i) => (sigmoid(logisticMargin(held, z[i])) >= 0.5 ? 1 : 0) === y[i]).length;
  const state = fitLogistic(z, y, { l2: 1 });
  return { method: 'model', state, mean, scale, trainedOn: examples.length, accuracy: testIdx.length ? correct / testIdx.length : null };
}

export interface CsatPrediction {
  /** Probability the customer would rate 4 or 5. */
  satisfied: number;
  /** The same on the survey's scale (1–5), for display. */
  score: number;
  method: 'rule' | 'model';
  /** The strongest reasons, most influential first. */
  reasons: string[];
}

export function predictCsat(model: CsatModel, c: CsatConversation): CsatPrediction {
  const raw = csatFeatures(c);
  const z = raw.map((v, j) => (v - model.mean[j]) / model.scale[j]);
  const p = sigmoid(logisticMargin(model.state, z));
  const contributions = z.map((v, j) => ({ j, c: v * model.state.weights[j] })).filter((x) => Math.abs(x.c) >= 0.05)
    .sort((a, b) => Math.abs(b.c) - Math.abs(a.c)).slice(0, 3);
  const reasons = contributions.map(({ j, c: k }) => LABELS[CSAT_FEATURES[j]][k >= 0 ? 0 : 1]);
  return { satisfied: Number(p.toFixed(3)), score: Number((1 + 4 * p).toFixed(1)), method: model.method, reasons };
}
