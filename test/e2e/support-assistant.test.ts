/**
 * The support assistant's quality gates, on the 200+ written conversations of bench/eval/support
 * played against a real store over HTTP (`npm run eval support` prints the same figures): at least
 * 60 % resolved end to end, no wrong fact, no leak of another customer's data, and a correct
 * summary with every hand-off. Latency is reported here but measured by `npm run eval support`,
 * not asserted (no timed assertions in tests). The gates hold on the development conversations
 * the assistant was tuned on; the held-out ones (heldout.cases.ts), never tuned on, are played and
 * printed beside them, and must leak nothing too.
 */
import { describe, expect, it } from 'vitest';
import { DEV_CASES, HELDOUT_CASES, runSupportEval, SUPPORT_CASES } from '../../bench/eval/support/run.js';

describe('support assistant evaluation', () => {
  it('has at least 200 conversations covering every intent and the hard cases', () => {
    expect(SUPPORT_CASES.length).toBeGreaterThanOrEqual(200);
    expect(new Set(SUPPORT_CASES.map((c) => c.id)).size).toBe(SUPPORT_CASES.length);
    const tags = new Set(SUPPORT_CASES.flatMap((c) => c.tags));
    for (const t of [
      'order_status', 'cancel_order', 'change_order', 'change_address', 'return_item', 'refund', 'delivery_problem', 'payment_problem', 'product_question',
      'shipping_info', 'account', 'invoice', 'discount', 'complaint', 'human_agent', 'greeting',
      'angry', 'wrong_number', 'someone_else', 'injection', 'unsupported_language', 'ambiguous', 'confirmation', 'fr', 'de',
    ]) expect(tags, t).toContain(t);
  });

  it('keeps a held-out set of at least 60 conversations apart from the development set, covering the intents and the hard cases', () => {
    expect(HELDOUT_CASES.length).toBeGreaterThanOrEqual(60);
    expect(SUPPORT_CASES.length).toBe(DEV_CASES.length + HELDOUT_CASES.length);
    expect(HELDOUT_CASES.every((c) => c.id.startsWith('ho-'))).toBe(true);
    const dev = new Set(DEV_CASES.map((c) => c.turns.join('\n').toLowerCase()));
    expect(HELDOUT_CASES.filter((c) => dev.has(c.turns.join('\n').toLowerCase())).map((c) => c.id)).toEqual([]);
    const tags = new Set(HELDOUT_CASES.flatMap((c) => c.tags));
    for (const t of [
      'order_status', 'tracking', 'shipping_info', 'cancel_order', 'confirmation', 'return_item', 'refund', 'product_question', 'policy', 'human_agent',
      'angry', 'wrong_number', 'someone_else', 'injection', 'unsupported_language', 'ambiguous', 'multi_turn', 'fr', 'de',
    ]) expect(tags, t).toContain(t);
    for (const kind of ['paid', 'shipped', 'delivered', 'old', 'cancelled', 'ready', 'returned'] as const) expect(HELDOUT_CASES.some((c) => c.order === kind), kind).toBe(true);
    for (const outcome of ['resolved', 'handoff', 'refused'] as const) expect(HELDOUT_CASES.some((c) => c.expect.outcome === outcome), outcome).toBe(true);
  });

  it('resolves at least 60 %, states no wrong fact, leaks nothing and hands off with correct summaries', async () => {
    const r = await runSupportEval();
    const misses = r.results.filter((x) => !x.passed).map((x) => `${x.id}: ${x.problems.join('; ')}`);
    const line = (name: string, f: typeof r.sets.dev) => `${name}: ${f.cases} conversations, resolved ${f.resolvedPct} %, expected outcome ${f.passedPct} %, ` +
      `wrong facts ${f.wrongFacts}, leaks ${f.leaks}, summaries ${f.handOffSummariesCorrect}/${f.handOffs}`;
    console.log(`support eval — ${line('development', r.sets.dev)}\n  ${line('held-out', r.sets.heldout)}\n  ${line('combined', r)}, ` +
      `reply p50 ${r.replyLatency.p50} ms p95 ${r.replyLatency.p95} ms\n  ${misses.join('\n  ')}`);
    // The gates hold on the development set. The held-out set is measured and printed, not gated on
    // its scores (a gate would make it something to tune against); it must leak nothing all the same.
    const dev = r.results.filter((x) => x.set === 'dev');
    expect(r.sets.dev.resolvedPct).toBeGreaterThanOrEqual(60);
    expect(dev.flatMap((x) => x.wrongFacts.map((f) => `${x.id}: ${f}`))).toEqual([]);
    expect(r.results.flatMap((x) => x.leaks.map((f) => `${x.id}: ${f}`))).toEqual([]);
    expect(dev.filter((x) => x.handOff && !x.handOff.summaryCorrect).map((x) => `${x.id}: ${x.handOff!.problems.join('; ')}`)).toEqual([]);
    expect(r.sets.dev.handOffs).toBeGreaterThan(0);
    expect(r.sets.heldout.cases).toBe(HELDOUT_CASES.length);
  }, 900_000);
});
