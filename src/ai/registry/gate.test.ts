import { describe, expect, it } from 'vitest';
import { assignArm, promotionGate } from './gate.js';

const window = { holdoutFrom: '2026-11-01T00:00:00.000Z', holdoutTo: '2026-11-15T00:00:00.000Z' };

describe('promotion gate', () => {
  it('promotes the first version', () => {
    const d = promotionGate({ primaryMetric: 'ndcg@10', candidate: { 'ndcg@10': 0.1, users: 5 }, window });
    expect(d).toMatchObject({ promote: true, decision: 'first' });
  });
  it('promotes only a candidate that beats the active version', () => {
    const active = { version: 3, metrics: { 'ndcg@10': 0.2, users: 40 } };
    expect(promotionGate({ primaryMetric: 'ndcg@10', candidate: { 'ndcg@10': 0.25, users: 40 }, active, window })).toMatchObject({ promote: true, decision: 'promoted' });
    const worse = promotionGate({ primaryMetric: 'ndcg@10', candidate: { 'ndcg@10': 0.15, users: 40 }, active, window });
    expect(worse).toMatchObject({ promote: false, decision: 'rejected' });
    expect(worse.reason).toContain("v3's 0.2000");
    expect(promotionGate({ primaryMetric: 'ndcg@10', candidate: { 'ndcg@10': 0.2, users: 40 }, active, window }).promote).toBe(false);
    expect(promotionGate({ primaryMetric: 'ndcg@10', candidate: { 'ndcg@10': 0.9, users: 0 }, active, window }).promote).toBe(false);
  });
});

describe('A/B split', () => {
  it('is deterministic per subject and follows the configured share', () => {
    expect(assignArm('exp_1', 'c:cus_1', 30)).toBe(assignArm('exp_1', 'c:cus_1', 30));
    let treated = 0;
    for (let i = 0; i < 10_000; i++) if (assignArm('exp_1', `s:${i}`, 30) === 'treatment') treated++;
    expect(treated / 10_000).toBeGreaterThan(0.27);
    expect(treated / 10_000).toBeLessThan(0.33);
  });
});
