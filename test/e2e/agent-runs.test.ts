/**
 * The agent runtime inside a whole store: a real agent (test/support/example-agent.ts) reading
 * the catalogue through its front door, started by a request (the admin's "try it" route, over
 * HTTP), by an event (a real `product.created` from creating a product over HTTP, delivered by
 * the bus) and by a schedule (its job run by the bus), each run recorded in the database and browsable through the admin routes — with
 * filters, the timeline of states and tool calls, figures per agent, and permissions — and pruned
 * after the retention period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRUNE_RUNS_JOB } from '../../src/ai/index.js';
import { fixedClock } from '../../src/kernel/index.js';
import { enqueueJob } from '../../src/platform/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { listingReviewAgent } from '../support/example-agent.js';

let t: TestApp;
let owner: string;
let productId: string;
let bareId: string;
const AGENT = 'test.listing_review';

const product = (title: string, extra: Record<string, unknown> = {}) => ({
  title, status: 'active', variants: [{ sku: `SKU-${title.replace(/\W/g, '').toUpperCase()}`, prices: [{ currency: 'USD', amount: 2500 }] }], ...extra,
});

beforeAll(async () => {
  t = await startTestApp();
  owner = (await t.staff('owner')).token;
  const { runtime } = t.app.modules.ai;
  const runner = runtime.register(listingReviewAgent(t.app.modules.catalog.service));
  // The event trigger, as an agent's factory would return it in its ModuleParts' subscriptions.
  t.app.bus.subscribe(runtime.onEvent(runner, { types: ['product.created'], input: (_ctx, e) => (e.payload.status === 'active' ? { productId: e.payload.productId } : null) }));
  const full = await t.api('POST', '/admin/products', { token: owner, body: product('Trail Boot', { description: 'A waterproof boot.', images: [{ url: 'https://cdn.example.com/boot.jpg' }] }) });
  expect(full.status).toBe(201);
  productId = full.body.id;
  const bare = await t.api('POST', '/admin/products', { token: owner, body: product('Plain Sock') });
  bareId = bare.body.id;
  // A draft product's event passes without a run (the trigger's input answers null).
  await t.api('POST', '/admin/products', { token: owner, body: { ...product('Hidden Draft'), status: 'draft' } });
  await t.drain();
});
afterAll(async () => { await t?.close(); });

describe('agent runs: recorded and browsable', () => {
  it('records event-triggered runs with their trigger, states, tool call, model and outcome', async () => {
    // drain() settles the bus, but the store's own worker may still be finishing a delivery it claimed.
    await expect.poll(async () => (await t.api('GET', `/admin/ai/runs?agent=${AGENT}&trigger=event`, { token: owner })).body.items?.length).toBe(2);
    const list = await t.api('GET', `/admin/ai/runs?agent=${AGENT}&trigger=event`, { token: owner });
    expect(list.status).toBe(200);
    const byInput = Object.fromEntries(list.body.items.map((r: any) => [r.inputSummary, r]));
    expect(byInput[`product ${productId}`]).toMatchObject({ outcome: 'responded', path: 'offline', trigger: 'event', actor: expect.stringMatching(/^system:/), toolCalls: 1, budgetMs: 2000, agentVersion: '1.0.0' });
    expect(byInput[`product ${productId}`].triggerRef).toMatch(/^product\.created:evt_/);
    expect(byInput[`product ${bareId}`]).toMatchObject({ outcome: 'handed_off', handOffReason: 'a merchant needs to write the description' });

    const one = await t.api('GET', `/admin/ai/runs/${byInput[`product ${productId}`].id}`, { token: owner });
    expect(one.status).toBe(200);
    expect(one.body.steps.filter((s: any) => s.kind === 'state').map((s: any) => s.name)).toEqual(['processing', 'retrieving', 'analysing', 'generating', 'validating', 'responding']);
    const tool = one.body.steps.find((s: any) => s.kind === 'tool');
    expect(tool).toMatchObject({ name: 'get_product', path: 'offline', input: JSON.stringify({ id: productId }), output: 'Trail Boot (active)', error: null });
    expect(one.body.models).toEqual([{ name: 'listing-rules', version: '2026.1' }]);
    expect(one.body.fallbackReason).toMatch(/^not_configured/);
    // Steps are in order and inside the run.
    const ats = one.body.steps.map((s: any) => s.atMs);
    expect([...ats].sort((a, b) => a - b)).toEqual(ats);
    for (const s of one.body.steps) expect(s.atMs + s.durationMs).toBeLessThanOrEqual(one.body.latencyMs + 0.01);
  });

  it('runs a request-triggered agent over HTTP (the admin\'s try) and records it, also when a tool fails', async () => {
    const tried = await t.api('POST', `/admin/ai/agents/${AGENT}/runs`, { token: owner, body: { input: { productId } } });
    expect(tried.status).toBe(200);
    expect(tried.body).toMatchObject({ outcome: 'responded', path: 'offline', output: { productId, note: 'Trail Boot looks complete.', missing: [] }, error: null });
    const run = await t.api('GET', `/admin/ai/runs/${tried.body.runId}`, { token: owner });
    expect(run.body).toMatchObject({ trigger: 'request', triggerRef: 'admin: try', actor: expect.stringMatching(/^staff:/), outcome: 'responded' });

    const missing = await t.api('POST', `/admin/ai/agents/${AGENT}/runs`, { token: owner, body: { input: { productId: 'prod_nope' } } });
    expect(missing.status).toBe(200);
    expect(missing.body).toMatchObject({ outcome: 'failed', error: expect.stringContaining('prod_nope') });
    const failed = await t.api('GET', `/admin/ai/runs/${missing.body.runId}`, { token: owner });
    expect(failed.body).toMatchObject({ outcome: 'failed', finalState: 'error' });
    expect(failed.body.steps.find((s: any) => s.kind === 'tool')).toMatchObject({ name: 'get_product', error: expect.stringContaining('prod_nope') });

    const requests = await t.api('GET', `/admin/ai/runs?agent=${AGENT}&trigger=request`, { token: owner });
    expect(requests.body.items.map((r: any) => r.outcome)).toEqual(['failed', 'responded']);
  });

  it('records the store\'s own agents too: a shopper\'s message to the shopping assistant', async () => {
    const asked = await t.api('POST', '/store/assistant/messages', { body: { message: 'trail boot' } });
    expect(asked.status).toBe(200);
    const runs = await t.api('GET', '/admin/ai/runs?agent=shopping.assistant', { token: owner });
    expect(runs.body.items).toHaveLength(1);
    expect(runs.body.items[0]).toMatchObject({ trigger: 'request', triggerRef: 'POST /store/assistant/messages', actor: 'anonymous', outcome: expect.stringMatching(/responded|handed_off/) });
    const one = await t.api('GET', `/admin/ai/runs/${runs.body.items[0].id}`, { token: owner });
    expect(one.body.steps.some((s: any) => s.kind === 'tool' && s.name === 'search_products')).toBe(true);
  });

  it('records a schedule-triggered run, through the job its schedule enqueues', async () => {
    const { runtime } = t.app.modules.ai;
    const nightly = runtime.register(listingReviewAgent(t.app.modules.catalog.service, { name: 'test.nightly_review' }));
    const { job, schedule } = runtime.onSchedule(nightly, { everySeconds: 86_400, input: () => ({ productId }) });
    t.app.bus.defineJob(job);
    await enqueueJob(t.app.systemCtx(), schedule.job);
    await t.drain();
    await expect.poll(async () => (await t.api('GET', '/admin/ai/runs?agent=test.nightly_review', { token: owner })).body.items.length).toBe(1);
    const runs = await t.api('GET', '/admin/ai/runs?agent=test.nightly_review&trigger=schedule', { token: owner });
    expect(runs.body.items[0]).toMatchObject({ trigger: 'schedule', triggerRef: 'agent.test.nightly_review', outcome: 'responded', actor: expect.stringMatching(/^system:/) });
  });

  it('refuses bad input with a 400 naming the field, and unknown agents and runs with 404', async () => {
    const bad = await t.api('POST', `/admin/ai/agents/${AGENT}/runs`, { token: owner, body: { input: { productId: '' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'validation.failed', details: [{ field: 'productId' }] });
    expect((await t.api('POST', '/admin/ai/agents/nobody.here/runs', { token: owner, body: { input: {} } })).status).toBe(404);
    expect((await t.api('GET', '/admin/ai/runs/run_missing', { token: owner })).body.error.code).toBe('ai.run_not_found');
    const filter = await t.api('GET', '/admin/ai/runs?outcome=maybe', { token: owner });
    expect(filter.status).toBe(400);
    expect(JSON.stringify(filter.body.error)).toContain('outcome');
    expect((await t.api('GET', '/admin/ai/runs?from=yesterday', { token: owner })).status).toBe(400);
  });

  it('filters by outcome, path and time, and pages with a cursor', async () => {
    const handed = await t.api('GET', '/admin/ai/runs?outcome=handed_off', { token: owner });
    expect(handed.body.items.map((r: any) => r.inputSummary)).toEqual([`product ${bareId}`]);
    expect((await t.api('GET', '/admin/ai/runs?path=llm', { token: owner })).body.items).toEqual([]);
    expect((await t.api('GET', '/admin/ai/runs?from=2100-01-01T00:00:00Z', { token: owner })).body.items).toEqual([]);
    const all = (await t.api('GET', '/admin/ai/runs', { token: owner })).body.items;
    const p1 = await t.api('GET', '/admin/ai/runs?limit=2', { token: owner });
    const p2 = await t.api('GET', `/admin/ai/runs?limit=2&cursor=${p1.body.nextCursor}`, { token: owner });
    expect([...p1.body.items, ...p2.body.items].map((r: any) => r.id)).toEqual(all.slice(0, 4).map((r: any) => r.id));
  });

  it('lists agents with budget, tools, triggers and figures, and the state machine', async () => {
    const res = await t.api('GET', '/admin/ai/agents', { token: owner });
    expect(res.status).toBe(200);
    const a = res.body.items.find((x: any) => x.name === AGENT);
    expect(a).toMatchObject({ registered: true, version: '1.0.0', latencyBudgetMs: 2000, hasLlmPath: true, tools: [{ name: 'get_product' }], triggers: [{ kind: 'event', ref: 'product.created' }] });
    // Two event runs, two tries and the refused input; with no LLM configured, answering offline is no fallback.
    expect(a.figures).toMatchObject({ runs: 5, responded: 2, handedOff: 1, failed: 2, llmAnswered: 0, fallbacks: 0 });
    expect(a.figures.p95Ms).toBeGreaterThanOrEqual(a.figures.p50Ms);
    expect(res.body.llm).toEqual({ configured: false, model: null, timeoutMs: null });
    expect(res.body.states).toContain('recovered');
    expect(res.body.transitions.error).toEqual(['recovered']);
  });

  it('lets support staff read runs but not try agents; clerks see neither', async () => {
    const support = (await t.staff('support')).token;
    const clerk = (await t.staff('clerk')).token;
    expect((await t.api('GET', '/admin/ai/runs', { token: support })).status).toBe(200);
    expect((await t.api('POST', `/admin/ai/agents/${AGENT}/runs`, { token: support, body: { input: { productId } } })).status).toBe(403);
    expect((await t.api('GET', '/admin/ai/runs', { token: clerk })).status).toBe(403);
    expect((await t.api('GET', '/admin/ai/agents', { token: clerk })).status).toBe(403);
    expect((await t.api('GET', '/admin/ai/runs')).status).toBe(401);
  });
});

describe('agent runs: retention', () => {
  it('prunes runs older than AI_RUN_RETENTION_DAYS with their steps, on the scheduled job', async () => {
    const clock = fixedClock(new Date('2026-03-01T12:00:00Z'));
    const r = await startTestApp({ AI_RUN_RETENTION_DAYS: '30' }, { clock });
    try {
      const owner = await r.staff('owner');
      let token = owner.token;
      r.app.modules.ai.runtime.register(listingReviewAgent(r.app.modules.catalog.service));
      const p = await r.api('POST', '/admin/products', { token, body: product('Old Hat') });
      const old = await r.api('POST', `/admin/ai/agents/${AGENT}/runs`, { token, body: { input: { productId: p.body.id } } });
      clock.advance(31 * 86_400_000);
      // A month later the morning's session has long expired.
      token = (await r.api('POST', '/admin/auth/login', { body: { email: owner.email, password: owner.password } })).body.accessToken;
      const recent = await r.api('POST', `/admin/ai/agents/${AGENT}/runs`, { token, body: { input: { productId: p.body.id } } });
      await r.app.modules.ai.runtime.sink.flush();
      await enqueueJob(r.app.systemCtx(), PRUNE_RUNS_JOB);
      await r.drain();
      // The store's own worker may have claimed the job first (PostgreSQL skips locked deliveries): wait for its commit.
      await expect.poll(async () => (await r.api('GET', `/admin/ai/runs?agent=${AGENT}`, { token })).body.items.map((x: any) => x.id)).toEqual([recent.body.runId]);
      expect((await r.api('GET', `/admin/ai/runs/${old.body.runId}`, { token })).status).toBe(404);
      expect(await r.app.database.db.selectFrom('ai_run_steps').select('run_id').where('run_id', '=', old.body.runId).execute()).toEqual([]);
    } finally {
      await r.close();
    }
  });
});
