/**
 * Urgency of a customer message, from signals a support lead would name: explicit urgency words,
 * deadlines, escalation threats, repeated contact, shouting, strong negative sentiment and the
 * kind of problem (money taken, parcel missing). Rules, because each point must be explainable in
 * the support console ("high: mentions a chargeback, third contact").
 */

export type UrgencyLevel = 'low' | 'medium' | 'high';

export interface Urgency { level: UrgencyLevel; score: number; reasons: string[] }

const SIGNALS: { re: RegExp; weight: number; reason: string }[] = [
  { re: /\b(urgent(ly)?|asap|a\.s\.a\.p|immediately|right now|emergency|as soon as possible|straight away)\b/i, weight: 0.4, reason: 'asks for urgency' },
  { re: /\b(by|before|until)\s+(tomorrow|tonight|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend|christmas)\b|\b(for|it'?s)\s+(my|a|her|his)\s+(wedding|birthday|funeral|flight|trip|event)\b|\bdeadline\b/i, weight: 0.25, reason: 'has a deadline' },
  { re: /\b(chargeback|charge back|dispute|lawyer|solicitor|legal action|sue|court|report (you|this)|trading standards|consumer protection|bbb|fraud|scam|police)\b/i, weight: 0.4, reason: 'threatens escalation' },
  { re: /\b(second|third|fourth|fifth|\d+(st|nd|rd|th)?)\s+time\b|\b(again|already (asked|told|emailed|called|wrote)|still (no|not|nothing|waiting|haven'?t)|nobody (answers|replies|helps|responds)|no (answer|reply|response))\b/i, weight: 0.3, reason: 'repeated contact' },
  { re: /\b(charged twice|double charged|charged (me )?two times|money (was )?taken|stolen|hacked|someone else (logged|used))\b/i, weight: 0.3, reason: 'money or account at risk' },
  { re: /\b(never arrived|lost|not (arrived|delivered)|missing|damaged|broken|wrong item)\b/i, weight: 0.15, reason: 'delivery failed' },
];

const INTENT_WEIGHT: Record<string, number> = { payment_problem: 0.15, delivery_problem: 0.1, complaint: 0.1, human_agent: 0.1, cancel_order: 0.1, change_address: 0.1 };

/** Scores urgency in [0, 1] with the reasons behind it; `intent` and `sentiment` (−1…1) refine it when known. */
export function assessUrgency(text: string, context: { intent?: string; sentiment?: number } = {}): Urgency {
  let score = 0;
  const reasons: string[] = [];
  for (const s of SIGNALS) if (s.re.test(text)) { score += s.weight; reasons.push(s.reason); }
  const shouted = (text.match(/\b[A-Z]{3,}\b/g) ?? []).filter((w) => !/^(ORD|USD|EUR|GBP|ASAP|UK|USA|EU|VAT|XL|XXL)$/.test(w)).length;
  if ((text.match(/!/g) ?? []).length >= 2 || shouted >= 2) { score += 0.15; reasons.push('shouting'); }
  if (context.sentiment !== undefined && context.sentiment <= -0.5) { score += 0.15; reasons.push('very negative'); }
  if (context.intent && INTENT_WEIGHT[context.intent]) { score += INTENT_WEIGHT[context.intent]; reasons.push(`time-sensitive request (${context.intent})`); }
  score = Math.min(1, score);
  const level: UrgencyLevel = score >= 0.6 ? 'high' : score >= 0.3 ? 'medium' : 'low';
  return { level, score: Number(score.toFixed(2)), reasons };
}
