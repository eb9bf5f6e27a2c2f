import { describe, expect, it } from 'vitest';
import { pickAgent, type AgentSkills } from './assignment.js';
import { dueEscalation } from './escalation.js';
import { maxPriority, route } from './routing.js';

const base = { intent: 'order_status', language: 'en', sentiment: 0, urgency: 0, spend: null, vipSpend: 50_000, storeLanguage: 'en' };

describe('routing', () => {
  it('files by intent, or by language when it is not the store\'s', () => {
    expect(route(base)).toMatchObject({ queue: 'orders', priority: 'normal', vip: false });
    expect(route({ ...base, intent: 'refund' }).queue).toBe('returns');
    expect(route({ ...base, intent: 'invoice' }).queue).toBe('billing');
    expect(route({ ...base, intent: 'unknown' }).queue).toBe('general');
    expect(route({ ...base, language: 'fr' })).toMatchObject({ queue: 'lang-fr', reasons: expect.arrayContaining(['written in fr']) });
  });
  it('raises priority with urgency, mood and customer value, and says why', () => {
    expect(route({ ...base, urgency: 0.7 }).priority).toBe('high');
    expect(route({ ...base, urgency: 0.7, sentiment: -0.8 }).priority).toBe('urgent');
    const vip = route({ ...base, sentiment: -0.6, urgency: 0.4, spend: 90_000 });
    expect(vip).toMatchObject({ priority: 'urgent', vip: true, reasons: expect.arrayContaining(['upset', 'high-value customer', 'some urgency']) });
    expect(route({ ...base, intent: 'greeting', sentiment: 0.6 }).priority).toBe('low');
    expect(maxPriority('high', 'normal')).toBe('high');
  });
});

describe('assignment', () => {
  const agent = (over: Partial<AgentSkills>): AgentSkills => ({ staffId: 'a', name: 'A', languages: [], queues: [], maxLoad: 5, lead: false, available: true, load: 0, lastAssignedAt: null, ...over });
  it('takes the least-loaded available agent with the skills', () => {
    const agents = [agent({ staffId: 'busy', load: 3 }), agent({ staffId: 'free', load: 1 }), agent({ staffId: 'off', available: false }), agent({ staffId: 'full', load: 5 })];
    expect(pickAgent(agents, { queue: 'orders', language: 'en' })?.staffId).toBe('free');
    expect(pickAgent([agent({ staffId: 'fr', languages: ['fr'] }), agent({ staffId: 'en', languages: ['en'], load: 4 })], { queue: 'general', language: 'en' })?.staffId).toBe('en');
    expect(pickAgent([agent({ staffId: 'q', queues: ['billing'] })], { queue: 'orders', language: 'en' })).toBeNull();
    expect(pickAgent([agent({ staffId: 'fr', queues: ['general'], languages: ['fr'] })], { queue: 'lang-fr', language: 'fr' })?.staffId).toBe('fr');
    expect(pickAgent([agent({ staffId: 'x' }), agent({ staffId: 'lead', lead: true, load: 4 })], { queue: 'senior', language: null, leadsOnly: true })?.staffId).toBe('lead');
  });
});

describe('escalation rules', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const snap = { sentiment: 0, vip: false, firstResponseAt: null, firstResponseDueAt: '2026-01-01T13:00:00Z', resolutionDueAt: '2026-01-02T00:00:00Z', status: 'open', applied: [] as string[] };
  it('each applies once, in order, to active conversations only', () => {
    expect(dueEscalation(snap, now)).toBeNull();
    expect(dueEscalation({ ...snap, vip: true, sentiment: -0.7 }, now)?.name).toBe('upset_high_value');
    expect(dueEscalation({ ...snap, vip: true, sentiment: -0.7, applied: ['upset_high_value'] }, now)).toBeNull();
    expect(dueEscalation({ ...snap, firstResponseDueAt: '2026-01-01T11:00:00Z' }, now)).toMatchObject({ name: 'first_response_breached', queue: 'senior', toLead: true });
    expect(dueEscalation({ ...snap, firstResponseAt: '2026-01-01T10:00:00Z', firstResponseDueAt: '2026-01-01T11:00:00Z' }, now)).toBeNull();
    expect(dueEscalation({ ...snap, resolutionDueAt: '2026-01-01T11:00:00Z' }, now)?.name).toBe('resolution_breached');
    expect(dueEscalation({ ...snap, status: 'pending', resolutionDueAt: '2026-01-01T11:00:00Z' }, now)).toBeNull();
    expect(dueEscalation({ ...snap, status: 'resolved', vip: true, sentiment: -0.9 }, now)).toBeNull();
  });
});
