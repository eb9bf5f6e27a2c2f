import { describe, expect, it } from 'vitest';
import { seededRng } from '../common/seeded-rng.js';
import { MIN_SURVEYS, predictCsat, ruleModel, trainCsat, type CsatConversation } from './csat.js';

const base: CsatConversation = {
  sentiments: [0], firstResponseMinutes: 10, resolutionMinutes: 60, firstResponseBreached: false, reopenCount: 0, escalationCount: 0,
  resolved: true, agentMessages: 1, customerMessages: 2,
};

describe('CSAT prediction', () => {
  it('the rule ranks a quick, calm resolution above a slow, angry, reopened one, and says why', () => {
    const good = predictCsat(ruleModel(), { ...base, sentiments: [-0.2, 0.7] });
    const bad = predictCsat(ruleModel(), { ...base, sentiments: [-0.4, -0.9], firstResponseMinutes: 900, resolutionMinutes: 5000, firstResponseBreached: true, reopenCount: 2, escalationCount: 1 });
    expect(good.method).toBe('rule');
    expect(good.satisfied).toBeGreaterThan(0.6);
    expect(bad.satisfied).toBeLessThan(0.4);
    expect(good.score).toBeGreaterThan(bad.score);
    expect(bad.reasons.length).toBeGreaterThan(0);
    expect(bad.reasons.join(' ')).toMatch(/negative|upset|reopened|target|slow/);
  });

  it('learns from answered surveys once there are enough of both outcomes', () => {
    const rng = seededRng(7);
    const examples = Array.from({ length: 200 }, () => {
      const mood = rng() * 2 - 1;
      const reopens = rng() < 0.3 ? 1 : 0;
      const conversation = { ...base, sentiments: [0, mood], reopenCount: reopens };
      // Ground truth: mood decides, reopenings hurt.
      const rating = mood - 0.8 * reopens + (rng() - 0.5) * 0.3 > 0 ? 5 : 2;
      return { conversation, rating };
    });
    expect(trainCsat(examples.slice(0, MIN_SURVEYS - 1)).method).toBe('rule');
    const model = trainCsat(examples);
    expect(model.method).toBe('model');
    expect(model.trainedOn).toBe(200);
    expect(model.accuracy!).toBeGreaterThan(0.8);
    const happy = predictCsat(model, { ...base, sentiments: [0, 0.8] });
    const unhappy = predictCsat(model, { ...base, sentiments: [0, -0.8], reopenCount: 1 });
    expect(happy.satisfied).toBeGreaterThan(0.7);
    expect(unhappy.satisfied).toBeLessThan(0.3);
    expect(unhappy.method).toBe('model');
  });
});
