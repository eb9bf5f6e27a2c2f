import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: { id: string; token: string };
let admin: { id: string; token: string };
beforeAll(async () => {
  // People answering is the subject here; the assistant has its own tests (support-assistant*.test.ts).
  t = await startTestApp({ SUPPORT_ASSISTANT: 'false' });
  agent = await t.staff('support');
  admin = await t.staff('admin');
});
afterAll(async () => { await t?.close(); });

const guestStart = async (message: string, extra: Record<string, unknown> = {}) => {
  const res = await t.api('POST', '/store/support/conversations', { body: { message, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { conversation: any; token: string; created: boolean };
};
const asGuest = (token: string) => ({ 'x-support-token': token });
const staffGet = (id: string, token = agent.token) => t.api('GET', `/admin/support/conversations/${id}`, { token });
const eventsOf = async (id: string) =>
  (await t.app.database.db.selectFrom('outbox').select('type').where('aggregate_id', '=', id).orderBy('seq').execute()).map((e: any) => e.type);

describe('support: store side', () => {
  it('a guest starts a chat, gets its secret once, and reads its own conversation', async () => {
    const g = await guestStart('Hello, where is my parcel?', { email: 'Guest@Example.com', name: 'Gail Guest' });
    expect(g.created).toBe(true);
    expect(g.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(g.conversation).toMatchObject({ status: 'open', channel: 'chat', email: 'guest@example.com', name: 'Gail Guest' });
    expect(g.conversation.messages).toHaveLength(1);
    expect(g.conversation.messages[0]).toMatchObject({ author: { kind: 'customer' }, body: 'Hello, where is my parcel?' });

    const read = await t.api('GET', `/store/support/conversations/${g.conversation.id}`, { headers: asGuest(g.token) });
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(g.conversation.id);
    // Nothing about storage leaks to the customer.
    expect(JSON.stringify(read.body)).not.toMatch(/token|hash|assignee|sentiment/i);

    const more = await t.api('POST', `/store/support/conversations/${g.conversation.id}/messages`, { headers: asGuest(g.token), body: { body: 'Order #1001' } });
    expect(more.status).toBe(201);
    expect(more.body).toMatchObject({ author: { kind: 'customer' }, body: 'Order #1001' });
    // (Message understanding and routing add their own events afterwards.)
    const own = (await eventsOf(g.conversation.id)).filter((x) => x === 'support.conversation_started' || x === 'support.message_received');
    expect(own).toEqual(['support.conversation_started', 'support.message_received', 'support.message_received']);
  });

  it('a guest cannot read or write another guest\'s conversation', async () => {
    const a = await guestStart('Guest A here');
    const b = await guestStart('Guest B here');
    for (const headers of [asGuest(b.token), {}, asGuest('x'.repeat(43)), asGuest('')]) {
      const read = await t.api('GET', `/store/support/conversations/${a.conversation.id}`, { headers });
      expect(read.status).toBe(404);
      expect(read.body.error.code).toBe('support.conversation_not_found');
      const write = await t.api('POST', `/store/support/conversations/${a.conversation.id}/messages`, { headers, body: { body: 'sneaky' } });
      expect(write.status).toBe(404);
    }
    // A signed-in customer is no better off than a stranger.
    const c = await t.customer();
    expect((await t.api('GET', `/store/support/conversations/${a.conversation.id}`, { token: c.token })).status).toBe(404);
    const messages = await t.app.database.db.selectFrom('support_messages').select('body').where('conversation_id', '=', a.conversation.id).execute();
    expect(messages.map((m: any) => m.body)).toEqual(['Guest A here']);
  });

  it('a signed-in customer has one thread: a second start joins the conversation still going', async () => {
    const c = await t.customer();
    const first = await t.api('POST', '/store/support/conversations', { token: c.token, body: { message: 'First question' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ created: true, token: null });
    expect(first.body.conversation).toMatchObject({ email: c.email, name: expect.stringContaining('Test') });
    const second = await t.api('POST', '/store/support/conversations', { token: c.token, body: { message: 'Second question' } });
    expect(second.body.created).toBe(false);
    expect(second.body.conversation.id).toBe(first.body.conversation.id);
    expect(second.body.conversation.messages.map((m: any) => m.body)).toEqual(['First question', 'Second question']);
    const mine = await t.api('GET', '/store/support/conversations', { token: c.token });
    expect(mine.body.items.map((x: any) => x.id)).toEqual([first.body.conversation.id]);
    const read = await t.api('GET', `/store/support/conversations/${first.body.conversation.id}`, { token: c.token });
    expect(read.status).toBe(200);
  });
});

describe('support: the console', () => {
  it('an agent\'s reply reaches the customer; notes never do', async () => {
    const g = await guestStart('My order arrived broken', { name: 'Bea Broken' });
    const id = g.conversation.id;
    const note = await t.api('POST', `/admin/support/conversations/${id}/notes`, { token: agent.token, body: { body: 'SECRET: customer had 3 refunds already' } });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ kind: 'note', body: 'SECRET: customer had 3 refunds already', authorName: 'Test support' });

    const reply = await t.api('POST', `/admin/support/conversations/${id}/replies`, { token: agent.token, body: { body: 'Sorry to hear that! A replacement is on its way.' } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ author: { kind: 'agent', id: agent.id, name: 'Test support' } });

    const seen = await t.api('GET', `/store/support/conversations/${id}`, { headers: asGuest(g.token) });
    expect(seen.body.status).toBe('pending');
    expect(seen.body.messages.map((m: any) => [m.author.kind, m.body])).toEqual([
      ['customer', 'My order arrived broken'], ['agent', 'Sorry to hear that! A replacement is on its way.'],
    ]);
    expect(seen.body.messages[1].author.name).toBe('Test');
    expect(JSON.stringify(seen.body)).not.toContain('SECRET');

    const conv = await staffGet(id);
    expect(conv.status).toBe(200);
    expect(conv.body).toMatchObject({ status: 'pending', assigneeId: agent.id, assigneeName: 'Test support', waitingSince: null, messageCount: 2 });
    expect(conv.body.firstResponseAt).toBeTruthy();
    // (The router's own activity entry may sit among them.)
    expect(conv.body.notes.filter((n: any) => n.kind === 'note').map((n: any) => n.body)).toEqual(['SECRET: customer had 3 refunds already']);
    expect(conv.body.notes.filter((n: any) => n.kind === 'activity').map((n: any) => n.body)).toContain('Assigned on reply');
    expect(conv.body.actions).toEqual(expect.arrayContaining(['reply', 'note', 'assign', 'escalate', 'resolve', 'close']));
    expect(await eventsOf(id)).toEqual(expect.arrayContaining(['support.note_added', 'support.agent_replied', 'support.assigned']));

    // The customer writes back: it waits on the store again.
    await t.api('POST', `/store/support/conversations/${id}/messages`, { headers: asGuest(g.token), body: { body: 'Thanks!' } });
    expect((await staffGet(id)).body).toMatchObject({ status: 'open', lastAuthorKind: 'customer', lastMessagePreview: 'Thanks!' });
  });

  it('resolves, reopens when the customer writes, and refuses what the state table forbids', async () => {
    const g = await guestStart('Can I change my address?');
    const id = g.conversation.id;
    const resolved = await t.api('POST', `/admin/support/conversations/${id}/replies`, { token: agent.token, body: { body: 'Done.', resolve: true } });
    expect(resolved.status).toBe(201);
    expect((await staffGet(id)).body).toMatchObject({ status: 'resolved', actions: expect.arrayContaining(['reopen']) });
    const again = await t.api('POST', `/admin/support/conversations/${id}/resolve`, { token: agent.token, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('support.invalid_transition');

    await t.api('POST', `/store/support/conversations/${id}/messages`, { headers: asGuest(g.token), body: { body: 'One more thing' } });
    expect((await staffGet(id)).body).toMatchObject({ status: 'open', resolvedAt: null });

    expect((await t.api('POST', `/admin/support/conversations/${id}/resolve`, { token: agent.token, body: { note: 'answered' } })).status).toBe(200);
    expect((await t.api('POST', `/admin/support/conversations/${id}/reopen`, { token: agent.token })).body.status).toBe('open');
    const closed = await t.api('POST', `/admin/support/conversations/${id}/close`, { token: agent.token });
    expect(closed.body).toMatchObject({ status: 'closed', actions: ['note'] });
    const late = await t.api('POST', `/store/support/conversations/${id}/messages`, { headers: asGuest(g.token), body: { body: 'Hello?' } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('support.conversation_closed');
    expect((await t.api('POST', `/admin/support/conversations/${id}/replies`, { token: agent.token, body: { body: 'x' } })).status).toBe(409);

    const types = await eventsOf(id);
    expect(types).toEqual(expect.arrayContaining(['support.resolved', 'support.reopened', 'support.closed']));
    expect(types.filter((x) => x === 'support.reopened')).toHaveLength(2);
  });

  it('assigns to me, to another agent, unassigns; refuses someone who cannot answer support', async () => {
    const g = await guestStart('Assign me');
    const id = g.conversation.id;
    const mine = await t.api('POST', `/admin/support/conversations/${id}/assign`, { token: agent.token, body: { assigneeId: 'me' } });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ assigneeId: agent.id, assigneeName: 'Test support' });
    const toAdmin = await t.api('POST', `/admin/support/conversations/${id}/assign`, { token: agent.token, body: { assigneeId: admin.id } });
    expect(toAdmin.body.assigneeId).toBe(admin.id);
    const clerk = await t.staff('clerk');
    const bad = await t.api('POST', `/admin/support/conversations/${id}/assign`, { token: agent.token, body: { assigneeId: clerk.id } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.field)).toContain('body.assigneeId');
    const none = await t.api('POST', `/admin/support/conversations/${id}/assign`, { token: agent.token, body: { assigneeId: null } });
    expect(none.body.assigneeId).toBeNull();
    expect((await eventsOf(id)).filter((x) => x === 'support.assigned')).toHaveLength(3);

    const agents = await t.api('GET', '/admin/support/agents', { token: agent.token });
    expect(agents.body.items.map((a: any) => a.id)).toEqual(expect.arrayContaining([agent.id, admin.id]));
    expect(agents.body.items.map((a: any) => a.id)).not.toContain(clerk.id);
  });

  it('escalates to the senior queue or a named agent, with reason and hand-off summary', async () => {
    const g = await guestStart('I want to speak to a manager!!!');
    const id = g.conversation.id;
    await t.api('POST', `/admin/support/conversations/${id}/assign`, { token: agent.token, body: { assigneeId: 'me' } });
    const up = await t.api('POST', `/admin/support/conversations/${id}/escalate`, { token: agent.token, body: { reason: 'Asks for a manager', summary: 'Parcel late twice; wants a refund of shipping.' } });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body).toMatchObject({ queue: 'senior', assigneeId: null, priority: 'high', escalated: true, escalationReason: 'Asks for a manager', summary: 'Parcel late twice; wants a refund of shipping.' });
    expect(up.body.notes.at(-1).body).toBe('Escalated to the senior queue: Asks for a manager');

    const named = await t.api('POST', `/admin/support/conversations/${id}/escalate`, { token: agent.token, body: { reason: 'Owner knows this customer', assigneeId: admin.id } });
    expect(named.body).toMatchObject({ queue: 'senior', assigneeId: admin.id, assigneeName: 'Test admin' });
    const types = await eventsOf(id);
    expect(types.filter((x) => x === 'support.escalated')).toHaveLength(2);

    const escalated = await t.api('GET', '/admin/support/conversations?escalated=true&queue=senior', { token: agent.token });
    expect(escalated.body.items.map((c: any) => c.id)).toContain(id);
  });

  it('filters the inbox and counts every filter', async () => {
    // A fresh store so the counts are exact.
    const s = await startTestApp({ SUPPORT_ASSISTANT: 'false' });
    try {
      const a = await s.staff('support');
      const other = await s.staff('admin');
      const start = async (message: string, email?: string) =>
        (await s.api('POST', '/store/support/conversations', { body: { message, ...(email ? { email } : {}) } })).body.conversation.id as string;
      const c1 = await start('Where is my order?', 'ann@example.com');
      const c2 = await start('Refund please');
      const c3 = await start('Do you ship to Canada?');
      const c4 = await start('Broken zipper');
      // Routing (after message understanding) files each by intent before staff act.
      for (let i = 0; i < 100; i++) {
        await s.drain();
        const routed = await s.app.database.db.selectFrom('support_conversations').select('id').where('routed_at', 'is not', null).execute();
        if (routed.length === 4) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await s.api('POST', `/admin/support/conversations/${c1}/assign`, { token: a.token, body: { assigneeId: 'me' } });
      await s.api('POST', `/admin/support/conversations/${c2}/replies`, { token: other.token, body: { body: 'Sure' } });
      await s.api('POST', `/admin/support/conversations/${c3}/replies`, { token: a.token, body: { body: 'Yes', resolve: true } });
      await s.api('POST', `/admin/support/conversations/${c4}/escalate`, { token: a.token, body: { reason: 'Warranty question' } });
      await s.api('PATCH', `/admin/support/conversations/${c4}`, { token: a.token, body: { priority: 'urgent', tags: ['Warranty', 'warranty', 'zip'] } });

      const all = await s.api('GET', '/admin/support/conversations', { token: a.token });
      expect(all.status).toBe(200);
      expect(all.body.items.map((c: any) => c.id).sort()).toEqual([c1, c2, c3, c4].sort());
      const times = all.body.items.map((c: any) => c.lastMessageAt);
      expect([...times].sort().reverse()).toEqual(times);
      expect(all.body.counts).toEqual({
        all: 4, active: 3, open: 2, pending: 1, resolved: 1, closed: 0, mine: 1, unassigned: 1, escalated: 1, breached: 0,
        queues: { orders: 1, returns: 1, senior: 1 }, priorities: { normal: 2, urgent: 1 },
      });
      const ids = async (qs: string) => (await s.api('GET', `/admin/support/conversations?${qs}`, { token: a.token })).body.items.map((c: any) => c.id).sort();
      expect(await ids('status=open')).toEqual([c1, c4].sort());
      expect(await ids('status=active')).toEqual([c1, c2, c4].sort());
      expect(await ids('assignee=me')).toEqual([c1, c3].sort());
      expect(await ids(`assignee=${other.id}`)).toEqual([c2]);
      expect(await ids('unassigned=true&status=active')).toEqual([c4]);
      expect(await ids('queue=senior')).toEqual([c4]);
      expect(await ids('priority=urgent')).toEqual([c4]);
      expect(await ids('q=ANN@example')).toEqual([c1]);
      expect(await ids('q=zipper')).toEqual([c4]);
      expect(await ids('q=100%25')).toEqual([]);
      const tagged = (await s.api('GET', `/admin/support/conversations/${c4}`, { token: a.token })).body;
      expect(tagged.tags).toEqual(['warranty', 'zip']);

      // Pages follow the latest activity, newest first, without repeats.
      const p1 = await s.api('GET', '/admin/support/conversations?limit=3', { token: a.token });
      const p2 = await s.api('GET', `/admin/support/conversations?limit=3&cursor=${p1.body.nextCursor}`, { token: a.token });
      expect([...p1.body.items, ...p2.body.items].map((c: any) => c.id).sort()).toEqual([c1, c2, c3, c4].sort());
      expect(p2.body.nextCursor).toBeNull();
      expect((await s.api('GET', '/admin/support/counts', { token: other.token })).body).toMatchObject({ mine: 1, active: 3 });
    } finally {
      await s.close();
    }
  });

  it('shows the customer\'s context: profile, orders, lifetime value and latest sentiment', async () => {
    const c = await t.customer();
    const start = await t.api('POST', '/store/support/conversations', { token: c.token, body: { message: 'This is the worst service ever' } });
    const id = start.body.conversation.id;
    await t.app.modules.orders.service.importHistorical(t.app.systemCtx(), [
      { externalRef: `sup-${id}-1`, customerId: c.id, email: c.email, status: 'completed', paymentStatus: 'paid', fulfillmentStatus: 'fulfilled', channel: 'web', currency: 'USD', placedAt: '2024-03-01T10:00:00Z', lines: [{ title: 'Boots', quantity: 1, unitPrice: 12000 }] },
      { externalRef: `sup-${id}-2`, customerId: c.id, email: c.email, status: 'completed', paymentStatus: 'partially_refunded', fulfillmentStatus: 'fulfilled', channel: 'web', currency: 'USD', refundedTotal: 1000, placedAt: '2024-05-01T10:00:00Z', lines: [{ title: 'Socks', quantity: 2, unitPrice: 2500 }] },
      { externalRef: `sup-${id}-3`, customerId: c.id, email: c.email, status: 'cancelled', paymentStatus: 'voided', fulfillmentStatus: 'unfulfilled', channel: 'web', currency: 'USD', placedAt: '2024-06-01T10:00:00Z', cancelledAt: '2024-06-01T11:00:00Z', lines: [{ title: 'Hat', quantity: 1, unitPrice: 9900 }] },
    ], { source: 'test' });
    const ctx = await t.api('GET', `/admin/support/conversations/${id}/context`, { token: agent.token });
    expect(ctx.status, JSON.stringify(ctx.body)).toBe(200);
    expect(ctx.body.customer).toMatchObject({ id: c.id, email: c.email, firstName: 'Test' });
    expect(ctx.body.matchedBy).toBe('customer');
    expect(ctx.body.orders).toHaveLength(3);
    expect(ctx.body.orders[0]).toMatchObject({ status: 'cancelled' });
    expect(ctx.body.orderCount).toBe(2);
    expect(ctx.body.lifetimeValue).toEqual([{ currency: 'USD', amount: 12000 + 5000 - 1000, orders: 2 }]);
    // Message understanding reads every customer message after the request (a consumer): wait for it.
    let msg: any;
    for (let i = 0; i < 100 && !msg?.analysedAt; i++) {
      await t.drain();
      msg = (await staffGet(id)).body.messages[0];
      if (!msg.analysedAt) await new Promise((r) => setTimeout(r, 50));
    }
    expect(msg).toMatchObject({ language: 'en', analysedAt: expect.any(String) });
    const read = await t.api('GET', `/admin/support/conversations/${id}/context`, { token: agent.token });
    expect(read.body.sentiment).toMatchObject({ label: 'negative' });

    // The NLP seam: an analysed customer message sets the conversation's latest reading.
    await t.app.modules.support.service.recordAnalysis(t.app.systemCtx(), msg.id, { language: 'en', intent: 'complaint', sentiment: -0.8, urgency: 0.6 });
    const after = await t.api('GET', `/admin/support/conversations/${id}/context`, { token: agent.token });
    expect(after.body.sentiment).toMatchObject({ score: expect.closeTo(-0.8, 5), label: 'negative' });
    const conv = (await staffGet(id)).body;
    expect(conv).toMatchObject({ language: 'en', intent: 'complaint' });
    expect(conv.messages[0]).toMatchObject({ intent: 'complaint', language: 'en' });
    expect(await eventsOf(id)).toContain('support.message_analysed');

    // The draft-reply seam: a suggestion shows to agents, and using it marks it used.
    const s = await t.app.modules.support.service.addSuggestion(t.app.systemCtx(), id, { kind: 'draft_reply', body: 'I am sorry, let me help.', source: 'assistant', data: { citations: [] } });
    expect((await staffGet(id)).body.suggestions).toEqual([expect.objectContaining({ id: s.id, status: 'pending', kind: 'draft_reply' })]);
    await t.api('POST', `/admin/support/conversations/${id}/replies`, { token: agent.token, body: { body: 'I am sorry, let me help.', suggestionId: s.id } });
    expect((await staffGet(id)).body.suggestions[0].status).toBe('used');
    const seen = await t.api('GET', `/store/support/conversations/${id}`, { token: c.token });
    expect(JSON.stringify(seen.body)).not.toContain('complaint');
  });

  it('canned replies: CRUD, unique shortcuts, placeholders filled and HTML-escaped', async () => {
    const created = await t.api('POST', '/admin/support/canned-replies', { token: agent.token, body: { title: 'Greeting', shortcut: 'hi', body: 'Hi {{customer.firstName}}, <b>{{agent.firstName}}</b> here. {{ order.number }}' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const dup = await t.api('POST', '/admin/support/canned-replies', { token: agent.token, body: { title: 'Other', shortcut: 'hi', body: 'x' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('support.shortcut_taken');

    const g = await guestStart('hello', { name: '<script>alert(1)</script> Smith' });
    const r = await t.api('GET', `/admin/support/conversations/${g.conversation.id}/canned-replies/${created.body.id}`, { token: agent.token });
    expect(r.status).toBe(200);
    expect(r.body.body).toBe('Hi <script>alert(1)</script>, <b>Test</b> here. ');
    expect(r.body.html).toBe('Hi &lt;script&gt;alert(1)&lt;/script&gt;, &lt;b&gt;Test&lt;/b&gt; here. ');
    expect(r.body.missing).toEqual(['order.number']);

    const patched = await t.api('PATCH', `/admin/support/canned-replies/${created.body.id}`, { token: agent.token, body: { title: 'Hello', active: false } });
    expect(patched.body).toMatchObject({ title: 'Hello', active: false, shortcut: 'hi' });
    expect((await t.api('GET', '/admin/support/canned-replies?active=true', { token: agent.token })).body.items.map((c: any) => c.id)).not.toContain(created.body.id);
    expect((await t.api('GET', '/admin/support/canned-replies?q=hello', { token: agent.token })).body.items.map((c: any) => c.id)).toContain(created.body.id);
    expect((await t.api('DELETE', `/admin/support/canned-replies/${created.body.id}`, { token: agent.token })).status).toBe(204);
    expect((await t.api('PATCH', `/admin/support/canned-replies/${created.body.id}`, { token: agent.token, body: { title: 'x' } })).status).toBe(404);
    expect(await eventsOf(created.body.id)).toEqual(['support.canned_reply_changed', 'support.canned_reply_changed', 'support.canned_reply_changed']);
  });

  it('staff without support:write can read but not act; customers never reach the console', async () => {
    const g = await guestStart('perm check');
    const staff = await t.staff('staff');
    expect((await t.api('GET', '/admin/support/conversations', { token: staff.token })).status).toBe(403);
    const c = await t.customer();
    expect((await t.api('GET', `/admin/support/conversations/${g.conversation.id}`, { token: c.token })).status).toBe(403);
    expect((await t.api('POST', `/admin/support/conversations/${g.conversation.id}/replies`, { body: { body: 'x' } })).status).toBe(401);
  });
});
