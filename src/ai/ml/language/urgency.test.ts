import { describe, expect, it } from 'vitest';
import { assessUrgency } from './urgency.js';

describe('assessUrgency', () => {
  it('is low for a calm question', () => {
    expect(assessUrgency('do you ship to canada?')).toEqual({ level: 'low', score: 0, reasons: [] });
  });

  it('rises with explicit urgency and a deadline', () => {
    const u = assessUrgency('I need this changed asap, it is for my wedding');
    expect(u.level).toBe('high');
    expect(u.reasons).toEqual(['asks for urgency', 'has a deadline']);
    expect(assessUrgency('please change it asap').level).toBe('medium');
  });

  it('is high for threats of escalation on money taken', () => {
    const u = assessUrgency('You CHARGED me TWICE!! I will file a chargeback', { intent: 'payment_problem', sentiment: -0.9 });
    expect(u.level).toBe('high');
    expect(u.reasons).toContain('threatens escalation');
    expect(u.score).toBeLessThanOrEqual(1);
  });

  it('does not count currency codes or order prefixes as shouting', () => {
    expect(assessUrgency('order ORD-123 cost 20 USD and 10 EUR').reasons).not.toContain('shouting');
  });
});
