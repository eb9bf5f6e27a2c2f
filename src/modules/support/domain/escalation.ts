/**
 * Escalation rules the schedule applies to active conversations. Each rule fires at most once per
 * conversation and names where the conversation goes and why; the reason is what the console shows.
 */
import type { Priority } from './status.js';

export interface EscalationSnapshot {
  sentiment: number | null;
  vip: boolean;
  firstResponseAt: string | null;
  firstResponseDueAt: string;
  resolutionDueAt: string;
  status: string;
  /** Rules already applied. */
  applied: string[];
}

export interface EscalationRule {
  name: string;
  /** Where it goes: a queue, and whether a lead must take it. */
  queue: string;
  toLead: boolean;
  priority: Priority;
  reason: string;
  when(c: EscalationSnapshot, now: Date): boolean;
}

export const ESCALATION_RULES: EscalationRule[] = [
  {
    name: 'upset_high_value', queue: 'priority', toLead: false, priority: 'urgent',
    reason: 'an upset high-value customer', when: (c) => c.vip && (c.sentiment ?? 0) <= -0.5,
  },
  {
    name: 'first_response_breached', queue: 'senior', toLead: true, priority: 'urgent',
    reason: 'no first answer within the SLA', when: (c, now) => c.firstResponseAt == null && Date.parse(c.firstResponseDueAt) < now.getTime(),
  },
  {
    name: 'resolution_breached', queue: 'senior', toLead: true, priority: 'urgent',
    reason: 'not resolved within the SLA', when: (c, now) => c.status === 'open' && Date.parse(c.resolutionDueAt) < now.getTime(),
  },
];

/** The first rule that applies and has not been applied yet (one step at a time, in rule order). */
export function dueEscalation(c: EscalationSnapshot, now: Date, rules = ESCALATION_RULES): EscalationRule | null {
  if (c.status !== 'open' && c.status !== 'pending') return null;
  return rules.find((r) => !c.applied.includes(r.name) && r.when(c, now)) ?? null;
}
