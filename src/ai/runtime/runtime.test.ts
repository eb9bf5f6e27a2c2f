/**
 * The runtime on a small, complete agent: an order-status helper with one tool. It is also the
 * example to copy when writing an agent (see index.ts for the API in words).
 */
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { AppError, notFound, systemClock } from '../../kernel/index.js';
import { createLogger, systemActor, type Ctx } from '../../platform/index.js';
import { AgentRuntime, defineAgent, defineTool, LlmFailure, MemoryRunSink, reject, type LlmClient, type LlmRequest } from './index.js';

// A stand-in for a module service: in a real agent this is e.g. `orders.get(ctx, id)`.
const ORDERS: Record<string, { number: string; status: string; email: string }> = {
  ord_1: { number: 'EMP-1001', status: 'shipped', email: 'ana@example.com' },
};

const orderStatus = defineTool({
  name: 'order_status',
  description: 'The status of an order by its number',
  input: Type.Object({ number: Type.String({ pattern: '^EMP-\\d+$' }) }),
  output: Type.Object({ number: Type.String(), status: Type.String() }),
  async run(_ctx, { number }) {
    const o = Object.values(ORDERS).find((x) => x.number === number);
    if (!o) throw notFound('orders.order_not_found', 'order', number);
    return { number: o.number, status: o.status };
  },
});

const Reply = Type.Object({ text: Type.String({ minLength: 1 }), facts: Type.Array(Type.String()) });

const orderHelper = defineAgent({
  name: 'example.order_helper',
  version: '1.0.0',
  description: 'Answers "where is my order" from the order\'s status',
  latencyBudgetMs: 1000,
  input: Type.Object({ message: Type.String({ minLength: 1, maxLength: 2000 }) }),
  draft: Reply,
  output: Reply,
  tools: [orderStatus],
  summariseInput: (i) => i.message.slice(0, 80),
  async retrieve(run, input) {
    const number = /EMP-\d+/.exec(input.message)?.[0];
    if (!number) return null;
    try { return await run.call(orderStatus, { number }); } catch (e) { if (e instanceof AppError && e.status === 404) return null; throw e; }
  },
  async analyse(run, input, order) {
    run.useModel('intent', 'rules-1');
    return { upset: /angry|furious|!!!/i.test(input.message), known: order !== null };
  },
  async generate(run, { retrieved: order, analysis }) {
    if (analysis.upset || !order) {
      run.handOff(order ? 'customer is upset' : 'no order number found');
      return { text: 'I am passing you to a colleague who will help right away.', facts: [] };
    }
    return { text: `Order ${order.number} is ${order.status}.`, facts: [order.status] };
  },
  llm: {
    instructions: () => 'You answer order questions using only tool results.',
    prompt: ({ input }) => input.message,
  },
  async validate(_run, draft, { retrieved: order }) {
    // Every fact stated must come from the tool's answer.
    for (const f of draft.facts) if (!order || f !== order.status) return reject(`unsupported fact '${f}'`);
    return draft;
  },
});

const ctx = (): Ctx => ({ db: undefined as never, actor: systemActor('test'), clock: systemClock });
const log = createLogger('silent');

function scriptedLlm(answer: (req: LlmRequest) => Promise<unknown>): LlmClient {
  return { model: 'scripted/test', timeoutMs: 500, generate: async (req) => ({ object: await answer(req) }) };
}

describe('agent runtime', () => {
  it('walks the pipeline on the offline path and records states, tools and models', async () => {
    const sink = new MemoryRunSink();
    const runner = new AgentRuntime({ sink, log }).register(orderHelper);
    const result = await runner.run(ctx(), { message: 'Where is EMP-1001?' });
    expect(result.output).toEqual({ text: 'Order EMP-1001 is shipped.', facts: ['shipped'] });
    expect(result).toMatchObject({ outcome: 'responded', path: 'offline', fallbackReason: 'not_configured: no LLM is configured (LLM_BASE_URL)', overBudget: false });
    const rec = sink.runs[0]!;
    expect(rec.id).toBe(result.runId);
    expect(rec.steps.filter((s) => s.kind === 'state').map((s) => s.name)).toEqual(['processing', 'retrieving', 'analysing', 'generating', 'validating', 'responding']);
    expect(rec.steps.find((s) => s.kind === 'tool')).toMatchObject({ name: 'order_status', input: '{"number":"EMP-1001"}', error: null });
    expect(rec.models).toEqual([{ name: 'intent', version: 'rules-1' }]);
    expect(rec).toMatchObject({ agent: 'example.order_helper', agentVersion: '1.0.0', trigger: 'request', actor: 'system:test', inputSummary: 'Where is EMP-1001?', outcome: 'responded' });
  });

  it('hands off when the agent says so, and still responds', async () => {
    const sink = new MemoryRunSink();
    const runner = new AgentRuntime({ sink, log }).register(orderHelper);
    const result = await runner.run(ctx(), { message: 'I am furious, where is EMP-1001!!!' });
    expect(result).toMatchObject({ outcome: 'handed_off', handOffReason: 'customer is upset' });
    expect(sink.runs[0]!.outcome).toBe('handed_off');
  });

  it('refuses bad input with a 400 naming the field, and records the failed run', async () => {
    const sink = new MemoryRunSink();
    const runner = new AgentRuntime({ sink, log }).register(orderHelper);
    await expect(runner.run(ctx(), { message: '' })).rejects.toMatchObject({ code: 'validation.failed', status: 400, details: [{ field: 'message' }] });
    expect(sink.runs[0]).toMatchObject({ outcome: 'failed', finalState: 'error' });
  });

  it('takes the LLM answer when it is valid', async () => {
    const sink = new MemoryRunSink();
    const llm = scriptedLlm(async (req) => {
      const tool = req.tools.find((t) => t.name === 'order_status')!;
      const status = (await tool.execute({ number: 'EMP-1001' })) as { status: string };
      return { text: `Good news: it is ${status.status}.`, facts: [status.status] };
    });
    const runner = new AgentRuntime({ sink, log, llm }).register(orderHelper);
    const result = await runner.run(ctx(), { message: 'Where is EMP-1001?' });
    expect(result).toMatchObject({ path: 'llm', fallbackReason: null, output: { text: 'Good news: it is shipped.' } });
    const rec = sink.runs[0]!;
    expect(rec.models).toContainEqual({ name: 'llm', version: 'scripted/test' });
    expect(rec.steps.filter((s) => s.kind === 'tool').map((s) => s.path)).toEqual(['offline', 'llm']);
  });

  it('falls back to the offline path when the LLM states an unsupported fact, and says why', async () => {
    const sink = new MemoryRunSink();
    const runner = new AgentRuntime({ sink, log, llm: scriptedLlm(async () => ({ text: 'It was delivered.', facts: ['delivered'] })) }).register(orderHelper);
    const result = await runner.run(ctx(), { message: 'Where is EMP-1001?' });
    expect(result).toMatchObject({ path: 'offline', fallbackReason: "rejected: unsupported fact 'delivered'", output: { text: 'Order EMP-1001 is shipped.' } });
    expect(sink.runs[0]!.steps.filter((s) => s.kind === 'state').map((s) => `${s.name}/${s.path}`)).toEqual([
      'processing/offline', 'retrieving/offline', 'analysing/offline', 'generating/llm', 'validating/llm', 'error/llm', 'recovered/offline',
      'generating/offline', 'validating/offline', 'responding/offline',
    ]);
  });

  it('falls back when the LLM fails or answers in the wrong shape', async () => {
    for (const [answer, reason] of [
      [async () => { throw new LlmFailure('timeout', 'no answer within 100 ms'); }, 'timeout: no answer within 100 ms'],
      [async () => ({ text: 42 }), 'invalid_output'],
    ] as const) {
      const sink = new MemoryRunSink();
      const runner = new AgentRuntime({ sink, log, llm: scriptedLlm(answer) }).register(orderHelper);
      const result = await runner.run(ctx(), { message: 'Where is EMP-1001?' });
      expect(result.path).toBe('offline');
      expect(result.fallbackReason).toContain(reason);
      expect(sink.runs[0]!.finalState).toBe('responding');
    }
  });

  it('skips the effect on a dry run and tells the phases', async () => {
    const effects: string[] = [];
    const seen: boolean[] = [];
    const acting = defineAgent({
      ...orderHelper, name: 'example.acting',
      async analyse(run) { seen.push(run.dryRun); return { upset: false, known: true }; },
      async respond(_run, out) { effects.push(out.text); },
    });
    const runner = new AgentRuntime({ sink: new MemoryRunSink(), log }).register(acting);
    await runner.run(ctx(), { message: 'EMP-1001' }, undefined, { dryRun: true });
    await runner.run(ctx(), { message: 'EMP-1001' });
    expect(seen).toEqual([true, false]);
    expect(effects).toEqual(['Order EMP-1001 is shipped.']);
  });

  it('never offers an effect tool to the LLM, and refuses it on a dry run', async () => {
    const cancel = defineTool({
      name: 'cancel_order', description: 'Cancels an order', effect: true,
      input: Type.Object({ number: Type.String() }), output: Type.Object({ cancelled: Type.Boolean() }),
      run: async () => ({ cancelled: true }),
    });
    expect(() => defineAgent({ ...orderHelper, name: 'example.bad', tools: [orderStatus, cancel], llm: { ...orderHelper.llm!, tools: ['cancel_order'] } }))
      .toThrow('tool cancel_order changes the store and cannot be offered to the LLM');
    const offered: string[][] = [];
    const canceller = defineAgent({
      ...orderHelper, name: 'example.canceller', tools: [orderStatus, cancel],
      async analyse(run) { await run.call(cancel, { number: 'EMP-1001' }); return { upset: false, known: true }; },
    });
    const sink = new MemoryRunSink();
    const runner = new AgentRuntime({ sink, log, llm: scriptedLlm(async (req) => { offered.push(req.tools.map((t) => t.name)); return { text: 'Order EMP-1001 is shipped.', facts: ['shipped'] }; }) }).register(canceller);
    await runner.run(ctx(), { message: 'EMP-1001' });
    expect(offered).toEqual([['order_status']]);
    await expect(runner.run(ctx(), { message: 'EMP-1001' }, undefined, { dryRun: true })).rejects.toMatchObject({ code: 'ai.dry_run' });
    expect(sink.runs[1]!.steps.find((s) => s.name === 'cancel_order')!.error).toBe('tool cancel_order changes the store and is not called on a dry run');
  });

  it('records a failed run and rethrows when the offline path breaks', async () => {
    const sink = new MemoryRunSink();
    const broken = defineAgent({ ...orderHelper, name: 'example.broken', async generate() { throw new Error('boom'); } });
    const runner = new AgentRuntime({ sink, log }).register(broken);
    await expect(runner.run(ctx(), { message: 'EMP-1001' })).rejects.toThrow('boom');
    expect(sink.runs[0]).toMatchObject({ outcome: 'failed', error: 'boom', finalState: 'error' });
  });

  it('turns an agent into an event subscription and a scheduled job', async () => {
    const sink = new MemoryRunSink();
    const runtime = new AgentRuntime({ sink, log });
    const runner = runtime.register(orderHelper);
    const sub = runtime.onEvent(runner, { types: ['order.shipped'], input: (_c, e) => (e.payload.number ? { message: `Where is ${e.payload.number}?` } : null) });
    await sub.handle(ctx(), { id: 'evt_1', seq: 1, type: 'order.shipped', version: 1, aggregateId: 'ord_1', payload: { number: 'EMP-1001' }, occurredAt: '', actor: 'system' });
    await sub.handle(ctx(), { id: 'evt_2', seq: 2, type: 'order.shipped', version: 1, aggregateId: 'ord_1', payload: {}, occurredAt: '', actor: 'system' });
    const { job, schedule } = runtime.onSchedule(runner, { everySeconds: 60, input: () => ({ message: 'EMP-1001' }) });
    await job.handle(ctx(), {}, undefined as never);
    expect(sink.runs.map((r) => `${r.trigger}:${r.triggerRef}`)).toEqual(['event:order.shipped:evt_1', 'schedule:agent.example.order_helper']);
    expect(schedule).toEqual({ name: 'agent.example.order_helper', everySeconds: 60, job: 'agent.example.order_helper' });
    expect(runtime.list()[0]!.triggers.map((t) => t.kind)).toEqual(['event', 'schedule']);
  });
});
