/**
 * The support assistant's quality gates, on the 200+ written conversations of bench/eval/support
 * played against a real store over HTTP (`npm run eval support` prints the same figures): at least
 * 60 % resolved end to end, no wrong fact, no leak of another customer's data, and a correct
 * summary with every hand-off. Latency is reported here but measured by `npm run eval support`,
 * not asserted (no timed assertions in tests).
 */
import { describe, expect, it } from 'vitest';
import { runSupportEval, SUPPORT_CASES } from '../../bench/eval/support/run.js';

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

  it('resolves at least 60 %, states no wrong fact, leaks nothing and hands off with correct summaries', async () => {
    const r = await runSupportEval();
    const misses = r.results.filter((x) => !x.passed).map((x) => `${x.id}: ${x.problems.join('; ')}`);
    console.log(`support eval: ${r.cases} conversations, resolved ${r.resolvedPct} %, expected outcome ${r.passedPct} %, wrong facts ${r.wrongFacts}, leaks ${r.leaks}, ` +
      `summaries ${r.handOffSummariesCorrect}/${r.handOffs}, reply p50 ${r.replyLatency.p50} ms p95 ${r.replyLatency.p95} ms\n  ${misses.join('\n  ')}`);
    expect(r.resolvedPct).toBeGreaterThanOrEqual(60);
    expect(r.results.flatMap((x) => x.wrongFacts.map((f) => `${x.id}: ${f}`))).toEqual([]);
    expect(r.results.flatMap((x) => x.leaks.map((f) => `${x.id}: ${f}`))).toEqual([]);
    expect(r.results.filter((x) => x.handOff && !x.handOff.summaryCorrect).map((x) => `${x.id}: ${x.handOff!.problems.join('; ')}`)).toEqual([]);
    expect(r.handOffs).toBeGreaterThan(0);
  }, 900_000);
});
