import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/kernel/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { placeOrder, setupShop } from '../support/shop.js';

const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
let t: TestApp;
let admin: { id: string; token: string };
let lead: { id: string; token: string };
const agents: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({
    ACCESS_TOKEN_TTL: '86400', SUPPORT_VIP_SPEND: '1000', SUPPORT_ASSISTANT: 'false',
    SUPPORT_SLA_FIRST_RESPONSE: 'normal=30,high=20,urgent=10', SUPPORT_SLA_RESOLUTION: 'normal=600,high=300,urgent=120',
  }, { clock });
  admin = await t.staff('admin');
  lead = await t.staff('owner');
  const ctx = t.app.systemCtx();
  for (const [key, name] of [['en', 'Emma English'], ['fr', 'François French'], ['orders', 'Olga Orders']] as const) {
    const s = await t.app.modules.identity.service.staff.create(ctx, { email: `${key}-agent@test.emporia`, name, role: 'support', password: 'correct horse battery staple' });
    agents[key] = s.id;
  }
  const skills = async (id: string, body: Record<string, unknown>) => {
    const res = await t.api('PUT', `/admin/support/agents/${id}/skills`, { token: admin.token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  await skills(agents.en, { languages: ['en'], queues: ['returns', 'billing', 'general', 'product'], maxLoad: 5, available: true });
  await skills(agents.fr, { languages: ['fr', 'en'], queues: ['lang-fr'], maxLoad: 5, available: true });
  await skills(agents.orders, { languages: ['en'], queues: ['orders'], maxLoad: 1, available: true });
  await skills(admin.id, { available: false, lead: false });
  await skills(lead.id, { available: true, lead: true, queues: ['senior', 'priority'], maxLoad: 20 });
});
afterAll(async () => { await t?.close(); });

const chat = async (message: string, extra: Record<string, unknown> = {}) => {
  const res = await t.api('POST', '/store/support/conversations', { body: { message, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { conversation: any; token: string };
};
const staffView = async (id: string) => (await t.api('GET', `/admin/support/conversations/${id}`, { token: admin.token })).body;
/** Runs the consumers and waits until every customer message of the conversations is read and routed (a background worker may hold one). */
async function settled(...ids: string[]) {
  for (let i = 0; i < 100; i++) {
    await t.drain();
    const views = await Promise.all(ids.map(staffView));
    if (views.every((c) => c.routingReason && c.messages.every((m: any) => m.author.kind !== 'customer' || m.analysedAt))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`conversations ${ids.join(', ')} were not analysed and routed`);
}

describe('support: message understanding and routing', () => {
  it('every customer message is understood (language, intent, entities, sentiment, urgency) after the request, and routed by it', async () => {
    const g = await chat('Hi, where is my order #1042? It still has not shipped.', { email: 'olly@example.com' });
    await settled(g.conversation.id);
    const c = await staffView(g.conversation.id);
    expect(c.messages[0].author.kind).toBe('customer');
    expect(c.messages[0]).toMatchObject({ language: 'en', intent: 'order_status', analysedAt: expect.any(String) });
    expect(c.messages[0].entities).toEqual(expect.arrayContaining([{ type: 'order_number', value: '1042' }]));
    expect(typeof c.messages[0].sentiment).toBe('number');
    expect(typeof c.messages[0].urgency).toBe('number');
    expect(c).toMatchObject({ queue: 'orders', intent: 'order_status', language: 'en', assigneeId: agents.orders });
    expect(c.routingReason).toContain('intent order_status');
    expect(c.notes.map((n: any) => n.body)).toEqual(expect.arrayContaining([expect.stringMatching(/^Routed to orders/), 'Assigned to Olga Orders (skills and load)']));

    // Later messages are read too; the queue stays, the priority rises with the mood.
    await t.api('POST', `/store/support/conversations/${g.conversation.id}/messages`, {
      headers: { 'x-support-token': g.token }, body: { body: 'This is the THIRD time I ask!! Nobody answers, I want a chargeback immediately. Terrible service.' },
    });
    await settled(g.conversation.id);
    const after = await staffView(g.conversation.id);
    const customerMessages = after.messages.filter((m: any) => m.author.kind === 'customer');
    expect(customerMessages[1].urgency).toBeGreaterThanOrEqual(0.6);
    expect(customerMessages[1].sentiment).toBeLessThan(0);
    expect(after.queue).toBe('orders');
    expect(['high', 'urgent']).toContain(after.priority);
    const analysed = await t.app.database.db.selectFrom('outbox').select('type').where('aggregate_id', '=', g.conversation.id).where('type', '=', 'support.message_analysed').execute();
    expect(analysed).toHaveLength(2);
  });

  it('a French message goes to the French queue and to the agent who reads French; a full agent gets no more', async () => {
    const fr = await chat('Bonjour, je voudrais retourner ma commande, la taille ne convient pas. Merci beaucoup.');
    const busy = await chat('Can you tell me the tracking number of my parcel please, order 2211');
    await settled(fr.conversation.id, busy.conversation.id);
    const c = await staffView(fr.conversation.id);
    expect(c).toMatchObject({ language: 'fr', queue: 'lang-fr', assigneeId: agents.fr });
    // Olga (orders, at most one) already holds a conversation: this one waits in the queue.
    const b = await staffView(busy.conversation.id);
    expect(b).toMatchObject({ queue: 'orders', assigneeId: null });
    const queues = (await t.api('GET', '/admin/support/queues', { token: admin.token })).body.items;
    expect(queues).toEqual(expect.arrayContaining([{ queue: 'orders', active: 2, unassigned: 1, oldestWaitingSince: expect.any(String) }]));
    const list = (await t.api('GET', '/admin/support/agents', { token: admin.token })).body.items;
    expect(list.find((a: any) => a.id === agents.orders)).toMatchObject({ assigned: 1, maxLoad: 1, queues: ['orders'], languages: ['en'] });
  });

  it('the escalation schedule sends SLA breaches to a lead, once; upset high-value customers go to the priority queue', async () => {
    const shop = await setupShop(t);
    await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 2 }], email: 'vip@example.com' });
    const vip = await chat('I am really angry, the parcel arrived damaged and this is a disgrace. Awful.', { email: 'vip@example.com' });
    const plain = await chat('Do you sell gift cards?');
    await settled(vip.conversation.id, plain.conversation.id);
    expect(await staffView(vip.conversation.id)).toMatchObject({ vip: true, customerSpend: { amount: expect.any(Number), currency: 'USD' } });

    let run = await t.api('POST', '/admin/support/escalations/run', { token: admin.token });
    expect(run.status).toBe(200);
    const v = await staffView(vip.conversation.id);
    expect(v).toMatchObject({ queue: 'priority', priority: 'urgent', escalated: true, escalationRules: ['upset_high_value'], escalationReason: 'an upset high-value customer' });

    // Half an hour later nobody has answered the plain one: its first-response target (normal=30 min) has passed.
    clock.advance(31 * 60_000);
    run = await t.api('POST', '/admin/support/escalations/run', { token: admin.token });
    expect(run.body.escalated).toBeGreaterThanOrEqual(1);
    const p = await staffView(plain.conversation.id);
    expect(p).toMatchObject({ queue: 'senior', escalated: true, assigneeId: lead.id, slaBreached: true });
    expect(p.escalationRules).toContain('first_response_breached');
    const events = await t.app.database.db.selectFrom('outbox').select('type').where('aggregate_id', '=', plain.conversation.id).where('type', '=', 'support.escalated').execute();
    expect(events).toHaveLength(1);
    // A second pass changes nothing for it.
    await t.api('POST', '/admin/support/escalations/run', { token: admin.token });
    expect((await t.app.database.db.selectFrom('outbox').select('type').where('aggregate_id', '=', plain.conversation.id).where('type', '=', 'support.escalated').execute())).toHaveLength(1);
  });

  it('skills are checked: unknown staff and bad values are 4xx naming the field', async () => {
    const bad = await t.api('PUT', '/admin/support/agents/stf_nope/skills', { token: admin.token, body: { maxLoad: 3 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('params.id');
    const badLang = await t.api('PUT', `/admin/support/agents/${agents.en}/skills`, { token: admin.token, body: { languages: ['English'] } });
    expect(badLang.status).toBe(400);
    expect(JSON.stringify(badLang.body.error.details)).toContain('languages');
  });
});
