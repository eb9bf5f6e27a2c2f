/**
 * The admin's Agents page in Chromium: latency per agent against its budget, the run log with
 * filters, one run's timeline (an LLM failure, the error and the recovery onto the offline path),
 * and trying an agent from the page. Runs come from a real agent started by a real event and by
 * the API, with a scripted OpenAI-compatible server as the LLM. Screenshots go to artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowser, type BrowserHarness } from '../support/browser.js';
import { listingReviewAgent } from '../support/example-agent.js';
import { startLlmServer, type LlmServer } from '../support/llm-server.js';

let h: BrowserHarness;
let llm: LlmServer;
let owner: { email: string; password: string; token: string };
let productId: string;

beforeAll(async () => {
  llm = await startLlmServer();
  // A generous LLM timeout: on a loaded machine a 400 ms one let the event's run time out and fall
  // back, which left its scripted replies for the next run. The scripted failures answer at once.
  h = await startBrowser({ LLM_BASE_URL: llm.url, LLM_MODEL: 'scripted-1', LLM_TIMEOUT_MS: '10000' });
  const t = h.t;
  owner = await t.staff('owner');
  const { runtime } = t.app.modules.ai;
  const runner = runtime.register(listingReviewAgent(t.app.modules.catalog.service));
  t.app.bus.subscribe(runtime.onEvent(runner, { types: ['product.created'], input: (_c, e) => ({ productId: e.payload.productId }) }));
  // The event's run: the model answers through the tool.
  const p = await t.api('POST', '/admin/products', { token: owner.token, body: {
    title: 'Trail Boot', status: 'active', description: 'A waterproof boot.', images: [{ url: 'https://cdn.example.com/boot.jpg' }],
    variants: [{ sku: 'BOOT-1', prices: [{ currency: 'USD', amount: 9000 }] }],
  } });
  productId = p.body.id;
  llm.script({ toolCalls: [{ name: 'get_product', arguments: { id: productId } }] }, { json: { productId, note: 'Trail Boot is complete.', missing: [] } });
  await t.drain();
  // A request whose LLM call fails with a 500: the offline path answers.
  llm.script({ status: 500 });
  const tried = await t.api('POST', '/admin/ai/agents/test.listing_review/runs', { token: owner.token, body: { input: { productId } } });
  expect(tried.body).toMatchObject({ path: 'offline', fallbackReason: expect.stringMatching(/^http_error/) });
});
afterAll(async () => { await h?.close(); await llm?.close(); });

describe('admin: agents', () => {
  it('shows latency against budget, filters runs, opens a run timeline and tries an agent', async () => {
    const errors: string[] = [];
    const page = await h.staffPage('/admin', owner, errors);
    await page.getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('heading', { level: 1, name: 'Agents' }).waitFor();
    await page.getByText('LLM: scripted-1').waitFor();
    const chart = page.getByRole('img', { name: 'Latency per agent against its budget' });
    await chart.waitFor();
    expect(await chart.locator('.agent-budget').count()).toBeGreaterThanOrEqual(1);
    const agentRow = page.locator('tbody tr').filter({ hasText: 'test.listing_review' }).first();
    await agentRow.filter({ hasText: '1 (1 fell back)' }).waitFor();
    const runs = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Runs' }) }).locator('tbody tr');
    await runs.nth(1).waitFor();
    expect(await runs.count()).toBe(2);
    await page.mouse.move(0, 0);
    await h.screenshot(page, 'admin-agents');

    // Filter to the LLM's answers only.
    await page.getByLabel('Path').selectOption('llm');
    await runs.filter({ hasText: 'event' }).waitFor();
    await expect.poll(() => runs.count()).toBe(1);
    await page.getByLabel('Path').selectOption('offline');
    await runs.filter({ hasText: 'admin: try' }).waitFor();
    await expect.poll(() => runs.count()).toBe(1);

    // The fallen-back run: its timeline shows the LLM attempt, the error and the recovery.
    await runs.first().getByRole('link').click();
    await page.getByRole('img', { name: 'Run timeline' }).waitFor();
    await page.getByText(/http_error: HTTP 500/).first().waitFor();
    expect(await page.locator('svg .tl-bar--error').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('svg .tl-bar--recovered').count()).toBe(1);
    await page.locator('tbody tr').filter({ hasText: 'get_product' }).first().waitFor();
    await page.mouse.move(0, 0);
    await h.screenshot(page, 'admin-agent-run');

    // Try the agent from the page (no LLM reply scripted this time: a 500 again, so offline).
    await page.getByRole('link', { name: 'Agents', exact: true }).first().click();
    await page.getByRole('button', { name: 'Try an agent' }).click();
    await page.getByRole('dialog').getByLabel('Agent').selectOption('test.listing_review');
    // The input starts from the agent's schema: its required fields, empty.
    expect(JSON.parse(await page.getByLabel('Input (JSON)').inputValue())).toEqual({ productId: '' });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('.form-error__fields').getByText('productId').waitFor();
    await page.getByLabel('Input (JSON)').fill(JSON.stringify({ productId }));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('link', { name: 'open the run' }).waitFor();
    await page.getByText('Trail Boot looks complete.').waitFor();
    await h.screenshot(page, 'admin-agent-try', { fullPage: false });
    expect(errors).toEqual([]);
  });
});
