/**
 * The optional LLM path through the real AI SDK client, against a scripted OpenAI-compatible
 * server (test/support/llm-server.ts) configured with LLM_BASE_URL like a merchant would: the
 * model calls the agent's tool and answers in the draft schema; a slow model, a malformed answer,
 * a wrong-shaped answer, an unsupported claim and a 500 each fall back to the offline path within
 * the budget, and the run record says why. Without LLM_BASE_URL every run is offline.
 */
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { jsonSchema, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';
import { listingReviewAgent } from '../support/example-agent.js';
import { startLlmServer, type LlmServer } from '../support/llm-server.js';

let t: TestApp;
let llm: LlmServer;
let owner: string;
let productId: string;
const AGENT = 'test.listing_review';
const BUDGET = 2500;

beforeAll(async () => {
  llm = await startLlmServer();
  t = await startTestApp({ LLM_BASE_URL: llm.url, LLM_MODEL: 'scripted-1', LLM_API_KEY: 'sk-test-key', LLM_TIMEOUT_MS: '400' });
  owner = (await t.staff('owner')).token;
  t.app.modules.ai.runtime.register(listingReviewAgent(t.app.modules.catalog.service, { latencyBudgetMs: BUDGET }));
  const res = await t.api('POST', '/admin/products', { token: owner, body: {
    title: 'Trail Boot', status: 'active', description: 'A waterproof boot.', images: [{ url: 'https://cdn.example.com/boot.jpg' }],
    variants: [{ sku: 'BOOT-1', prices: [{ currency: 'USD', amount: 9000 }] }],
  } });
  productId = res.body.id;
});
afterAll(async () => { await t?.close(); await llm?.close(); });

const tryAgent = () => t.api('POST', `/admin/ai/agents/${AGENT}/runs`, { token: owner, body: { input: { productId } } });
const runOf = async (id: string) => (await t.api('GET', `/admin/ai/runs/${id}`, { token: owner })).body;
const offlineNote = { productId: '', note: 'Trail Boot looks complete.', missing: [] as string[] };

describe('agents: the LLM path', () => {
  it('lets the model call a tool and accepts its structured answer', async () => {
    llm.script(
      { toolCalls: [{ name: 'get_product', arguments: { id: productId } }] },
      { json: { productId, note: 'Trail Boot: complete listing, nothing to add.', missing: [] } },
    );
    const res = await tryAgent();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'responded', path: 'llm', fallbackReason: null, output: { productId, note: 'Trail Boot: complete listing, nothing to add.' } });

    // What the real client sent: the tool with its JSON schema, the structured-output format, the key; then the tool's result.
    const [first, second] = llm.requests.slice(-2);
    expect(first!.model).toBe('scripted-1');
    expect(first!.tools?.map((x) => x.function.name)).toEqual(['get_product']);
    expect(first!.tools?.[0]!.function.parameters).toMatchObject({ type: 'object', properties: { id: { type: 'string' } }, required: ['id'] });
    expect(first!.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'test_listing_review', schema: { type: 'object', required: ['productId', 'note', 'missing'] } } });
    expect(first!.messages[0]).toMatchObject({ role: 'system' });
    expect(llm.headers.at(-1)!.authorization).toBe('Bearer sk-test-key');
    const toolMsg = second!.messages.find((m) => m.role === 'tool');
    expect(JSON.stringify(toolMsg)).toContain('Trail Boot');

    const run = await runOf(res.body.runId);
    expect(run.models).toContainEqual({ name: 'llm', version: 'scripted-1' });
    expect(run.steps.filter((s: any) => s.kind === 'tool').map((s: any) => `${s.name}/${s.path}`)).toEqual(['get_product/offline', 'get_product/llm']);
    expect(run.steps.filter((s: any) => s.kind === 'state').map((s: any) => `${s.name}/${s.path}`)).toEqual([
      'processing/offline', 'retrieving/offline', 'analysing/offline', 'generating/llm', 'validating/llm', 'responding/llm',
    ]);
  });

  it('reports a bad tool argument back to the model, which can still answer', async () => {
    llm.script(
      { toolCalls: [{ name: 'get_product', arguments: { id: '' } }] },
      { json: { productId, note: 'Trail Boot is fine.', missing: [] } },
    );
    const res = await tryAgent();
    expect(res.body).toMatchObject({ path: 'llm', outcome: 'responded' });
    const run = await runOf(res.body.runId);
    expect(run.steps.find((s: any) => s.kind === 'tool' && s.path === 'llm')).toMatchObject({ error: 'tool get_product was called with invalid input' });
    expect(JSON.stringify(llm.requests.at(-1)!.messages.find((m) => m.role === 'tool'))).toContain('invalid input');
  });

  const fallbacks: [string, Parameters<LlmServer['script']>, RegExp][] = [
    ['a model slower than the timeout', [{ json: { productId: 'x', note: 'late', missing: [] }, delayMs: 5000 }], /^timeout: no answer within \d+ ms/],
    ['malformed JSON', [{ text: '{"productId": "oops", "note": ' }], /^invalid_output/],
    ['an answer in the wrong shape', [{ json: { productId: 42, note: ['not', 'text'] } }], /^invalid_output: answer does not match the draft schema: .*productId Expected string/],
    ['an unsupported claim (validation rejects it)', [{ json: { productId: 'PLACEHOLDER', note: 'Trail Boot is missing images.', missing: ['images'] } }], /^rejected: 'images' is not missing/],
    ['a server error', [{ status: 500, body: '{"error":{"message":"model crashed"}}' }], /^http_error: HTTP 500/],
  ];
  for (const [what, replies, reason] of fallbacks) {
    it(`falls back to the offline path on ${what}, within the budget, and records why`, async () => {
      llm.script(...replies.map((r) => ('json' in r && (r.json as any)?.productId === 'PLACEHOLDER' ? { ...r, json: { ...(r.json as object), productId } } : r)));
      const res = await tryAgent();
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ outcome: 'responded', path: 'offline', output: { ...offlineNote, productId } });
      expect(res.body.fallbackReason).toMatch(reason);
      const run = await runOf(res.body.runId);
      expect(run).toMatchObject({ path: 'offline', fallbackReason: res.body.fallbackReason, overBudget: false });
      const states = run.steps.filter((s: any) => s.kind === 'state').map((s: any) => s.name);
      expect(states.slice(states.indexOf('error'))).toEqual(['error', 'recovered', 'generating', 'validating', 'responding']);
      expect(llm.pending()).toBe(0);
    });
  }

  it('lists the configured model on the agents page and counts LLM answers and fallbacks', async () => {
    const res = await t.api('GET', '/admin/ai/agents', { token: owner });
    expect(res.body.llm).toEqual({ configured: true, model: 'scripted-1', timeoutMs: 400 });
    expect(res.body.items.find((a: any) => a.name === AGENT).figures).toMatchObject({ runs: 7, llmAnswered: 2, fallbacks: 5 });
    const fell = await t.api('GET', `/admin/ai/runs?agent=${AGENT}&path=offline`, { token: owner });
    expect(fell.body.items).toHaveLength(5);
  });
});

describe('the scripted server', () => {
  it('also streams (server-sent events), for clients that ask for it', async () => {
    const provider = createOpenAICompatible({ name: 'llm', baseURL: llm.url });
    llm.script({ text: 'Hello from a stream' }, { toolCalls: [{ name: 'get_product', arguments: { id: 'p1' } }] });
    const text = streamText({ model: provider.chatModel('scripted-1'), prompt: 'hi', maxRetries: 0 });
    expect(await text.text).toBe('Hello from a stream');
    const calls = streamText({ model: provider.chatModel('scripted-1'), prompt: 'hi', maxRetries: 0, tools: { get_product: tool({ inputSchema: jsonSchema<{ id: string }>({ type: 'object', properties: { id: { type: 'string' } } }) }) } });
    expect((await calls.toolCalls).map((c) => [c.toolName, c.input])).toEqual([['get_product', { id: 'p1' }]]);
    expect(llm.requests.at(-1)!.stream).toBe(true);
  });
});

describe('agents: no LLM configured', () => {
  it('answers offline without calling anyone, and says so', async () => {
    const plain = await startTestApp();
    try {
      const token = (await plain.staff('owner')).token;
      plain.app.modules.ai.runtime.register(listingReviewAgent(plain.app.modules.catalog.service));
      const p = await plain.api('POST', '/admin/products', { token, body: { title: 'Plain Sock', status: 'active', variants: [{ sku: 'SOCK-1', prices: [{ currency: 'USD', amount: 500 }] }] } });
      const before = llm.requests.length;
      const res = await plain.api('POST', `/admin/ai/agents/${AGENT}/runs`, { token, body: { input: { productId: p.body.id } } });
      expect(res.body).toMatchObject({ path: 'offline', outcome: 'handed_off', fallbackReason: 'not_configured: no LLM is configured (LLM_BASE_URL)' });
      expect(llm.requests.length).toBe(before);
      const run = (await plain.api('GET', `/admin/ai/runs/${res.body.runId}`, { token })).body;
      expect(run.steps.map((s: any) => s.name)).not.toContain('error');
    } finally {
      await plain.close();
    }
  });
});
