import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/kernel/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const clock = fixedClock(new Date('2026-04-01T09:00:00Z'));
let t: TestApp;
let agent: { id: string; token: string };
let owner: { id: string; token: string };
const at = (hhmm: string, day = '2026-04-01') => clock.set(new Date(`${day}T${hhmm}:00Z`));

beforeAll(async () => {
  t = await startTestApp({ ACCESS_TOKEN_TTL: '86400', PUBLIC_URL: 'https://shop.example' }, { clock });
  agent = await t.staff('support');
  owner = await t.staff('owner');
  // These figures are about people and the seam the assistant uses; its own automatic answers stay off here.
  await t.api('PATCH', '/admin/support/assistant', { token: owner.token, body: { enabled: false } });
});
afterAll(async () => { await t?.close(); });

const chat = async (message: string, extra: Record<string, unknown> = {}) => {
  const res = await t.api('POST', '/store/support/conversations', { body: { message, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { conversation: any; token: string };
};
const reply = (id: string, body: string, resolve = false) => t.api('POST', `/admin/support/conversations/${id}/replies`, { token: agent.token, body: { body, resolve } });
/** Runs the consumers until every one is done (a background worker may hold a delivery for a moment). */
async function settle() {
  for (let i = 0; i < 100; i++) {
    await t.drain();
    const pending = await t.app.database.db.selectFrom('event_deliveries').select('consumer').where('status', '=', 'pending').limit(1).execute();
    if (!pending.length) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

describe('support: CSAT and analytics', () => {
  it('a resolution offers a survey: by email link when there is an address, in the chat otherwise; each is answered once', async () => {
    at('09:00');
    const a = await chat('My parcel is late, can you check?', { email: 'ann@example.com' });
    const b = await chat('How do I change my password?');
    const c = await chat('Do you ship to Norway?');
    const d = await chat('I want to speak to someone about an invoice');
    Object.assign(ids, { a: a.conversation.id, b: b.conversation.id, c: c.conversation.id, d: d.conversation.id });
    Object.assign(tokens, { a: a.token, b: b.token, c: c.token });
    // Let message understanding, routing (and any assistant) finish with the first messages before people act.
    await settle();
    at('09:30'); expect((await reply(ids.a, 'It ships today.')).status).toBe(201);
    at('10:00'); expect((await t.api('POST', `/admin/support/conversations/${ids.a}/resolve`, { token: agent.token, body: {} })).status).toBe(200);
    at('10:00'); await reply(ids.b, 'Use the reset link on the sign-in page.');
    at('11:00'); await t.api('POST', `/admin/support/conversations/${ids.b}/resolve`, { token: agent.token, body: {} });
    // The assistant's seam settles C on its own, five minutes in.
    at('09:05');
    await t.app.modules.support.service.assistantReply(t.app.systemCtx(), ids.c, { body: 'Yes, we ship to Norway in 3–5 days.', source: 'assistant@test', resolve: true, settled: true } as any);
    at('12:00');
    await settle();

    // Before resolution there is nothing to rate.
    const early = await t.api('POST', `/store/support/conversations/${ids.d}/csat`, { headers: { 'x-support-token': d.token }, body: { rating: 4 } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('support.csat_not_requested');

    // Ann got a "How did we do?" email with a link that opens her survey.
    const mail = t.app.mailer.recent().find((m) => m.to === 'ann@example.com' && m.subject === 'How did we do?');
    expect(mail).toBeTruthy();
    const token = /csat\?token=([A-Za-z0-9_-]+)/.exec(mail!.text)![1];
    expect(mail!.text).toContain('https://shop.example/csat?token=');
    const survey = await t.api('GET', `/store/support/csat/${token}`);
    expect(survey.body).toEqual({ subject: null, rating: null, answeredAt: null });
    const answered = await t.api('POST', `/store/support/csat/${token}`, { body: { rating: 5, comment: 'Quick and kind' } });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ rating: 5, comment: 'Quick and kind', channel: 'email' });
    const twice = await t.api('POST', `/store/support/csat/${token}`, { body: { rating: 1 } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('support.csat_answered');
    expect((await t.api('GET', `/store/support/csat/${'x'.repeat(43)}`)).status).toBe(404);

    // B rates in the chat widget; someone else's secret cannot.
    const pub = await t.api('GET', `/store/support/conversations/${ids.b}`, { headers: { 'x-support-token': tokens.b } });
    expect(pub.body.csat).toEqual({ rating: null, answeredAt: null });
    expect((await t.api('POST', `/store/support/conversations/${ids.b}/csat`, { headers: { 'x-support-token': tokens.a }, body: { rating: 1 } })).status).toBe(404);
    const bad = await t.api('POST', `/store/support/conversations/${ids.b}/csat`, { headers: { 'x-support-token': tokens.b }, body: { rating: 6 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('rating');
    const rated = await t.api('POST', `/store/support/conversations/${ids.b}/csat`, { headers: { 'x-support-token': tokens.b }, body: { rating: 2, comment: 'Took a while' } });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ rating: 2, channel: 'web' });
    expect((await t.api('GET', `/store/support/conversations/${ids.b}`, { headers: { 'x-support-token': tokens.b } })).body.csat.rating).toBe(2);
  });

  it('predicts satisfaction for open and resolved conversations with its reasons (a rule while surveys are few)', async () => {
    const view = await t.api('GET', `/admin/support/conversations/${ids.a}/csat`, { token: agent.token });
    expect(view.status).toBe(200);
    expect(view.body.survey).toMatchObject({ rating: 5, comment: 'Quick and kind' });
    expect(view.body.prediction).toMatchObject({ method: 'rule', trainedOn: 0 });
    expect(view.body.prediction.reasons.length).toBeGreaterThan(0);
    const open = (await t.api('GET', `/admin/support/conversations/${ids.d}/csat`, { token: agent.token })).body;
    expect(open.survey).toBeNull();
    expect(open.prediction.reasons.length).toBeGreaterThan(0);
    // Resolved quickly beats three hours unanswered.
    expect(view.body.prediction.satisfied).toBeGreaterThan(open.prediction.satisfied);
  });

  it('analytics: resolution rate, automated resolution rate, first response and handling time, CSAT — from the known day', async () => {
    const res = await t.api('GET', '/admin/support/analytics?from=2026-04-01&to=2026-04-01', { token: agent.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      conversations: 4, resolved: 3, automated: 1,
      resolutionRate: 0.75, automatedResolutionRate: 0.333,
      // First answers after 30, 60 and 5 minutes; resolutions after 60, 120 and 5.
      firstResponseMinutes: { median: 30, average: 31.7 },
      handlingMinutes: { median: 60, average: 61.7 },
      csat: { average: 3.5, responses: 2, satisfiedShare: 0.5 },
      byChannel: { chat: 4 },
    });
    expect(res.body.series).toEqual([
      { start: '2026-04-01', conversations: 4, resolved: 3, automated: 1, firstResponseMinutes: 30, handlingMinutes: 60, csatAverage: 3.5, csatResponses: 2 },
    ]);
    const week = await t.api('GET', '/admin/support/analytics?from=2026-03-30&to=2026-04-12&bucket=week', { token: agent.token });
    expect(week.body.series.map((s: any) => [s.start, s.conversations])).toEqual([['2026-03-30', 4], ['2026-04-06', 0]]);
    const backwards = await t.api('GET', '/admin/support/analytics?from=2026-04-02&to=2026-04-01', { token: agent.token });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body.error.details)).toContain('query.to');
  });
});
