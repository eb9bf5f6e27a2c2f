import { describe, expect, it } from 'vitest';
import { codeKey, definitionProblems, liveness } from './rules.js';

describe('promotion rules', () => {
  it('matches codes case-insensitively', () => {
    expect(codeKey(' spring10 ')).toBe(codeKey('SPRING10'));
  });

  it('names the fields a kind needs or does not use', () => {
    expect(definitionProblems({ name: 'x', kind: 'percentage' }).map((d) => d.field)).toEqual(['body.percent']);
    expect(definitionProblems({ name: 'x', kind: 'fixed_amount', amount: 500 }).map((d) => d.field)).toEqual(['body.amountScope', 'body.currency']);
    expect(definitionProblems({ name: 'x', kind: 'free_shipping', percent: 5 }).map((d) => d.field)).toEqual(['body.percent']);
    expect(definitionProblems({ name: 'x', kind: 'buy_x_get_y', buyX: { quantity: 2 }, getY: { quantity: 1 }, percent: 100, maxApplications: 2 })).toEqual([]);
    expect(definitionProblems({ name: 'x', kind: 'free_shipping', startsAt: '2026-02-01T00:00:00.000Z', endsAt: '2026-01-01T00:00:00.000Z' }).map((d) => d.field)).toEqual(['body.endsAt']);
    expect(definitionProblems({ name: 'x', kind: 'free_shipping', usageLimit: 1, perCustomerLimit: 2 }).map((d) => d.field)).toEqual(['body.perCustomerLimit']);
  });

  it('is live inside its window [startsAt, endsAt) only', () => {
    const p = { active: true, startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2026-02-01T00:00:00.000Z' };
    expect(liveness(p, '2025-12-31T23:59:59.999Z')).toBe('not_started');
    expect(liveness(p, '2026-01-01T00:00:00.000Z')).toBe('live');
    expect(liveness(p, '2026-02-01T00:00:00.000Z')).toBe('expired');
    expect(liveness({ ...p, active: false }, '2026-01-15T00:00:00.000Z')).toBe('inactive');
  });
});
