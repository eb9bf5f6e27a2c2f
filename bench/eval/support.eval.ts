/**
 * Support assistant evaluation (`npm run eval support`): the 200+ conversations of
 * bench/eval/support/*.cases.ts played against a real store, with the issue's gates — at least
 * 60 % resolved end to end, no wrong fact, no leak, every hand-off summary correct, and the
 * offline assistant's reply p95 under 150 ms. Needs no public dataset.
 *
 * The development set (orders, questions, hard) is what the assistant's rules were tuned on, so its
 * figure is optimistic; the held-out set (heldout.cases.ts) was written afterwards and never tuned
 * on (two general defects its misses exposed were fixed, see the README). Each is reported on its
 * own line with the same figures, then both together.
 */
import type { EvalReport } from '../../src/ai/ml/model.js';
import { runSupportEval, type SetFigures } from './support/run.js';

const outcomes = (f: SetFigures) => ({
  conversations: f.cases, resolvable: f.expectedResolvable, resolvedPct: f.resolvedPct, expectedOutcomePct: f.passedPct, wrongFacts: f.wrongFacts, leaks: f.leaks,
  handOffs: f.handOffs, summariesCorrect: f.handOffSummariesCorrect,
});

/** This suite writes its own cases; it runs with or without ../shared/datasets. */
export const needsDatasets = false;

export async function run(): Promise<EvalReport[]> {
  const r = await runSupportEval({ log: process.env.SUPPORT_EVAL_VERBOSE ? (l) => console.log(l) : undefined });
  for (const x of r.results.filter((x) => !x.passed)) console.log(`  miss ${x.set === 'heldout' ? '[held-out] ' : ''}${x.id} (${x.expected} → ${x.outcome}): ${x.problems.join('; ')}`);
  const { dev, heldout } = r.sets;
  const tags = Object.entries(r.byTag).sort(([a], [b]) => a.localeCompare(b));
  return [{
    family: 'support assistant',
    dataset: `bench/eval/support (${r.cases} conversations written for Emporia: ${dev.cases} development, ${heldout.cases} held-out)`,
    rows: [
      { model: 'development set (tuned on)', source: 'ours', metrics: outcomes(dev) },
      { model: 'held-out set (not tuned on; two defects it found were fixed)', source: 'ours', metrics: outcomes(heldout) },
      {
        model: 'support.assistant (offline), combined', source: 'ours',
        metrics: { ...outcomes(r), replyP50ms: r.replyLatency.p50, replyP95ms: r.replyLatency.p95, turnP95ms: r.turnLatency.p95 },
        note: 'reply = one assistant run (run log); turn = message POST to reply stored, over HTTP with every consumer',
      },
      ...tags.map(([tag, v]) => ({ model: `  ${tag}`, source: 'ours' as const, metrics: { conversations: v.cases, expectedOutcomePct: Number(((100 * v.passed) / v.cases).toFixed(1)) } })),
    ],
    targets: [
      { name: 'resolved end to end, development', target: '≥ 60 %', measured: `${dev.resolvedPct} % (${dev.resolved}/${dev.cases})`, met: dev.resolvedPct >= 60 },
      { name: 'resolved end to end, held-out', target: '≥ 60 %', measured: `${heldout.resolvedPct} % (${heldout.resolved}/${heldout.cases})`, met: heldout.resolvedPct >= 60 },
      { name: 'resolved end to end, combined', target: '≥ 60 %', measured: `${r.resolvedPct} % (${r.resolved}/${r.cases})`, met: r.resolvedPct >= 60 },
      { name: 'wrong facts', target: '0', measured: String(r.wrongFacts), met: r.wrongFacts === 0 },
      { name: 'leaks', target: '0', measured: String(r.leaks), met: r.leaks === 0 },
      { name: 'hand-off summaries correct', target: 'all', measured: `${r.handOffSummariesCorrect}/${r.handOffs}`, met: r.handOffSummariesCorrect === r.handOffs },
      { name: 'offline reply p95', target: '< 150 ms', measured: `${r.replyLatency.p95} ms (${r.replyLatency.runs} runs)`, met: r.replyLatency.p95 < 150 },
    ],
    seconds: r.seconds,
  }];
}
