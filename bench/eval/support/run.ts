/**
 * Plays every support case against a real store over HTTP — the shopper's chat routes, the event
 * consumers that run the assistant, the console's view of the conversation — and scores it:
 * resolved end to end (expected facts stated, checked against the database and the knowledge
 * base), wrong facts (any order number, money, date, tracking number, state, quote or article
 * version in a reply that the database or the KB does not bear out), leaks (any other customer's
 * order number, email or tracking number), hand-off summaries (reason, customer, orders, mood), and
 * reply latency (the assistant's runs from the run log, and message-to-reply over HTTP).
 */
import { formatDate, formatMoney } from '../../../src/ai/agents/support-assistant/domain/facts.js';
import type { Lang } from '../../../src/ai/agents/support-assistant/domain/lexicon.js';
import { ALL_STATE_WORDS, returnStateWord, stateWord, stockWords, TEMPLATE_PIECES } from '../../../src/ai/agents/support-assistant/domain/templates.js';
import type { SupportCase } from './case.js';
import { hardCases } from './hard.cases.js';
import { heldoutCases } from './heldout.cases.js';
import { orderCases } from './orders.cases.js';
import { questionCases } from './questions.cases.js';
import { makeOrder, startWorld, type CaseOrder, type World } from './world.js';

/** The development set: the conversations the assistant's rules were tuned on, so its figure is optimistic. */
export const DEV_CASES: SupportCase[] = [...orderCases, ...questionCases, ...hardCases];
/** The held-out set (heldout.cases.ts): written afterwards without reading the assistant, never used to tune it. */
export const HELDOUT_CASES: SupportCase[] = heldoutCases;
export const SUPPORT_CASES: SupportCase[] = [...DEV_CASES, ...HELDOUT_CASES];

export type CaseSet = 'dev' | 'heldout';
const HELDOUT_IDS = new Set(HELDOUT_CASES.map((c) => c.id));
export const caseSet = (id: string): CaseSet => (HELDOUT_IDS.has(id) ? 'heldout' : 'dev');

export interface CaseResult {
  id: string;
  set: CaseSet;
  tags: string[];
  expected: string;
  outcome: 'resolved' | 'handoff' | 'refused' | 'unresolved';
  /** The expected outcome was reached (facts all right, or the right hand-off, or a clean refusal). */
  passed: boolean;
  problems: string[];
  wrongFacts: string[];
  leaks: string[];
  handOff: { reason: string | null; summaryCorrect: boolean; problems: string[] } | null;
  replies: string[];
  /** The hand-off summary the console shows, if any. */
  summary: string | null;
  turnMs: number[];
}

/** The outcome figures of a set of conversations (the development set, the held-out set, or both). */
export interface SetFigures {
  cases: number;
  resolved: number;
  resolvedPct: number;
  expectedResolvable: number;
  passed: number;
  passedPct: number;
  wrongFacts: number;
  leaks: number;
  handOffs: number;
  handOffSummariesCorrect: number;
}

/** The top-level figures are over every conversation played; `sets` splits them. */
export interface SupportEvalReport extends SetFigures {
  sets: Record<CaseSet, SetFigures>;
  replyLatency: { runs: number; p50: number; p95: number; max: number };
  turnLatency: { turns: number; p50: number; p95: number };
  byTag: Record<string, { cases: number; passed: number }>;
  results: CaseResult[];
  seconds: number;
}

const quantile = (xs: number[], q: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const QUOTE = /"([^"]+)"|«\s?([^»]+?)\s?»|„([^“]+)“/g;
const MONEY = /(?:[$€£]\s?\d[\d.,\u202f\u00a0 ]*\d|\d[\d.,\u202f\u00a0 ]*\d\s?[$€£])/g;

interface Truth {
  lang: Lang;
  numbers: Set<string>;
  money: Set<string>;
  dates: Set<string>;
  tracking: Set<string>;
  states: Set<string>;
}

export async function runSupportEval(opts: { only?: (c: SupportCase) => boolean; log?: (line: string) => void } = {}): Promise<SupportEvalReport> {
  const t0 = performance.now();
  const cases = SUPPORT_CASES.filter(opts.only ?? (() => true));
  const w = await startWorld();
  const log = opts.log ?? (() => undefined);
  try {
    // Orders delivered 45 days ago: made first, with the store's clock turned back.
    const pre = new Map<string, CaseOrder>();
    w.clock.offsetMs = -45 * 86_400_000;
    for (const c of cases) if (c.order === 'old') pre.set(c.id, await makeOrder(w, c, 'old'));
    w.clock.offsetMs = 0;
    // A signed-in owner of such an order got their token 45 days ago and it has expired: they sign in again.
    for (const o of pre.values()) {
      if (!o.customer) continue;
      const r = await w.t.api('POST', '/store/auth/login', { body: { email: o.customer.email, password: o.customer.password } });
      if (r.status !== 200) throw new Error(`sign-in for an old order: ${r.status} ${JSON.stringify(r.body)}`);
      o.customer.token = r.body.accessToken as string;
    }
    await w.t.drain();

    const all: CaseOrder[] = [];
    const results: CaseResult[] = [];
    for (const c of cases) {
      const order = c.order ? pre.get(c.id) ?? await makeOrder(w, c, c.order) : null;
      if (order) all.push(order);
      await w.t.drain();
      results.push(await playCase(w, c, order, all));
      const r = results[results.length - 1];
      log(`${r.passed ? 'ok  ' : 'FAIL'} ${c.id} → ${r.outcome}${r.problems.length ? ` (${r.problems.join('; ')})` : ''}`);
    }

    // The assistant's own timings, from the runtime's run log.
    await w.t.app.modules.ai.runtime.sink.flush();
    const runs = await w.t.app.database.db.selectFrom('ai_runs').select(['latency_ms', 'outcome']).where('agent', '=', 'support.assistant').execute();
    const lat = runs.map((r: any) => Number(r.latency_ms));
    const failedRuns = runs.filter((r: any) => r.outcome === 'failed').length;
    if (failedRuns) log(`${failedRuns} assistant runs failed`);
    const turns = results.flatMap((r) => r.turnMs);
    const byTag: SupportEvalReport['byTag'] = {};
    for (const r of results) for (const tag of r.tags) { byTag[tag] ??= { cases: 0, passed: 0 }; byTag[tag].cases++; if (r.passed) byTag[tag].passed++; }
    const inSet = (set: CaseSet) => figures(results.filter((r) => r.set === set), cases.filter((c) => caseSet(c.id) === set));
    return {
      ...figures(results, cases), sets: { dev: inSet('dev'), heldout: inSet('heldout') },
      replyLatency: { runs: lat.length, p50: round(quantile(lat, 0.5)), p95: round(quantile(lat, 0.95)), max: round(Math.max(0, ...lat)) },
      turnLatency: { turns: turns.length, p50: round(quantile(turns, 0.5)), p95: round(quantile(turns, 0.95)) },
      byTag, results, seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await w.t.close();
  }
}

function figures(results: CaseResult[], cases: SupportCase[]): SetFigures {
  const handOffs = results.filter((r) => r.handOff);
  const resolved = results.filter((r) => r.outcome === 'resolved' && r.passed).length;
  const passed = results.filter((r) => r.passed).length;
  return {
    cases: results.length, resolved, resolvedPct: pct(resolved, results.length),
    expectedResolvable: cases.filter((c) => c.expect.outcome === 'resolved').length,
    passed, passedPct: pct(passed, results.length),
    wrongFacts: results.reduce((s, r) => s + r.wrongFacts.length, 0), leaks: results.reduce((s, r) => s + r.leaks.length, 0),
    handOffs: handOffs.length, handOffSummariesCorrect: handOffs.filter((r) => r.handOff!.summaryCorrect).length,
  };
}

const pct = (a: number, b: number) => (b ? Number(((100 * a) / b).toFixed(1)) : 0);
const round = (x: number) => Number(x.toFixed(1));

function fill(text: string, w: World, order: CaseOrder | null): string {
  return text
    .replace(/\{number\}/g, order ? `#${order.number}` : '#0')
    .replace(/\{n\}/g, order ? String(order.number) : '0')
    .replace(/\{email\}/g, order?.email ?? 'nobody@example.com')
    .replace(/\{wrong\}/g, '#987654')
    .replace(/\{other\}/g, `#${w.other.number}`)
    .replace(/\{otherEmail\}/g, w.other.email)
    .replace(/\{product\}/g, w.products.product.title)
    .replace(/\{soldout\}/g, w.products.soldout.title)
    .replace(/\{range\}/g, w.products.range.title);
}

async function playCase(w: World, c: SupportCase, order: CaseOrder | null, all: CaseOrder[]): Promise<CaseResult> {
  const { t } = w;
  const token = order?.customer?.token ?? (c.who === 'customer' ? (await t.customer()).token : undefined);
  const turnMs: number[] = [];
  const turns = c.turns.map((x) => fill(x, w, order));
  let started = performance.now();
  const first = await t.api('POST', '/store/support/conversations', {
    token, body: { message: turns[0], ...(c.who === 'guest' && order ? { email: order.email } : c.who === 'guest' ? { email: `${c.id}@eval.example.com` } : {}), name: `Eval ${c.id}` },
  });
  if (first.status !== 201) throw new Error(`${c.id}: start answered ${first.status} ${JSON.stringify(first.body)}`);
  const id = first.body.conversation.id as string;
  const headers: Record<string, string> = first.body.token ? { 'x-support-token': first.body.token } : {};
  await t.drain();
  turnMs.push(performance.now() - started);
  for (const turn of turns.slice(1)) {
    started = performance.now();
    const r = await t.api('POST', `/store/support/conversations/${id}/messages`, { token, headers, body: { body: turn } });
    if (r.status !== 201) throw new Error(`${c.id}: message answered ${r.status} ${JSON.stringify(r.body)}`);
    await t.drain();
    turnMs.push(performance.now() - started);
  }
  // What the shopper saw, and what the console holds.
  const shopper = (await t.api('GET', `/store/support/conversations/${id}`, { token, headers })).body;
  const conv = (await t.api('GET', `/admin/support/conversations/${id}`, { token: w.staffToken })).body;
  const replies: string[] = shopper.messages.filter((m: any) => m.author.kind === 'assistant').map((m: any) => m.body as string);
  const text = replies.join('\n');
  const lang: Lang = (c.expect.outcome === 'resolved' && c.expect.lang) || (c.tags.includes('fr') ? 'fr' : c.tags.includes('de') ? 'de' : 'en');

  const problems: string[] = [];
  const truth = await truthFor(w, order, lang);
  const wrongFacts = checkFacts(w, text, truth, c, lang);
  const leaks = checkLeaks(text, w, order, all);
  const summary = conv.suggestions.find((s: any) => s.kind === 'handoff_summary');
  const escalated = Boolean(conv.escalatedAt);
  let handOff: CaseResult['handOff'] = null;
  if (escalated || summary) handOff = checkSummary(c, turns, summary, conv, order, all);

  let outcome: CaseResult['outcome'] = escalated ? 'handoff' : 'unresolved';
  if (!replies.length) problems.push('the assistant never answered');
  const e = c.expect;
  if (e.outcome === 'resolved') {
    const missing = escalated ? ['handed off'] : await checkExpectedFacts(w, e, text, order, lang);
    problems.push(...missing);
    if (!escalated && missing.length === 0) outcome = 'resolved';
  } else if (e.outcome === 'handoff') {
    if (!escalated) problems.push('not handed off');
    else if (handOff && handOff.reason !== e.reason) problems.push(`handed off for ${handOff.reason}, expected ${e.reason}`);
  } else {
    const states = ALL_STATE_WORDS.filter((s) => s.length > 4 && text.toLowerCase().includes(s.toLowerCase()));
    if (escalated) problems.push('handed off instead of refusing');
    else if (/#\d+/.test(text) || states.length) problems.push('stated order facts instead of refusing');
    else outcome = 'refused';
  }
  if (handOff && !handOff.summaryCorrect) problems.push(...handOff.problems.map((p) => `summary: ${p}`));
  problems.push(...wrongFacts.map((f) => `wrong fact: ${f}`), ...leaks.map((l) => `leak: ${l}`));
  const passed = problems.length === 0 && (e.outcome === 'handoff' ? outcome === 'handoff' : outcome === e.outcome);
  return { id: c.id, set: caseSet(c.id), tags: c.tags, expected: e.outcome, outcome, passed, problems, wrongFacts, leaks, handOff, replies, summary: conv.summary ?? null, turnMs };
}

async function truthFor(w: World, order: CaseOrder | null, lang: Lang): Promise<Truth> {
  const truth: Truth = { lang, numbers: new Set(), money: new Set(), dates: new Set(), tracking: new Set(), states: new Set() };
  const sys = w.t.app.systemCtx();
  for (const p of Object.values(w.products)) {
    const d = await w.t.app.modules.catalog.service.productDetail(p.id);
    for (const v of d?.variants ?? []) if (v.price) truth.money.add(formatMoney(v.price.amount, v.price.currency, lang));
  }
  if (!order) return truth;
  const o = await w.t.app.modules.orders.service.get(sys, order.id);
  truth.numbers.add(o.displayNumber);
  truth.money.add(formatMoney(o.total, o.currency, lang));
  if (o.refundedTotal) truth.money.add(formatMoney(o.refundedTotal, o.currency, lang));
  for (const r of o.returns) truth.money.add(formatMoney(r.refundTotal, o.currency, lang));
  for (const f of await w.t.app.modules.fulfillment.service.listForOrder(sys, order.id)) {
    if (f.trackingNumber) truth.tracking.add(f.trackingNumber);
    if (f.trackingUrl) truth.tracking.add(f.trackingUrl);
    for (const at of [f.shippedAt, f.deliveredAt, f.readyAt]) if (at) truth.dates.add(formatDate(at, lang));
    // The return window closes 30 days after the goods went out.
    for (const at of [f.shippedAt, f.deliveredAt]) if (at) truth.dates.add(formatDate(new Date(Date.parse(at) + 30 * 86_400_000).toISOString(), lang));
  }
  return truth;
}

/** Any figure, date, tracking number, quote or citation in the replies that the database or the KB does not bear out. */
function checkFacts(w: World, text: string, truth: Truth, c: SupportCase, lang: Lang): string[] {
  const wrong: string[] = [];
  let rest = text;
  // Quotes must be verbatim from an article as it stands now, cited with that article's current version.
  for (const m of text.matchAll(QUOTE)) {
    const q = (m[1] ?? m[2] ?? m[3]).trim();
    if (!/\s/.test(q)) continue;
    const source = [...w.articles.values()].find((a) => a.body.includes(q));
    if (!source) wrong.push(`quote not in any current article: "${q.slice(0, 60)}"`);
    rest = rest.split(m[0]).join(' ');
  }
  for (const m of text.matchAll(/\(([^()]+), (?:version|Version) (\d+)\)/g)) {
    const a = [...w.articles.values()].find((x) => x.title === m[1]);
    if (!a) wrong.push(`cites an unknown article "${m[1]}"`);
    else if (a.version !== Number(m[2])) wrong.push(`cites "${m[1]}" version ${m[2]}, current is ${a.version}`);
    rest = rest.split(m[0]).join(' ');
  }
  for (const m of rest.matchAll(/#\d+/g)) if (!truth.numbers.has(m[0])) wrong.push(`order number ${m[0]}`);
  // "58,91 $" is how the money pattern reads French "58,91 $US": compare without spaces, as a prefix.
  const bare = (x: string) => x.replace(/[\s\u202f\u00a0]/g, '');
  for (const m of rest.matchAll(MONEY)) if (![...truth.money].some((x) => bare(x).startsWith(bare(m[0])))) wrong.push(`amount ${m[0]}`);
  for (const m of rest.matchAll(/\bFR\d{15}\b/g)) if (!truth.tracking.has(m[0])) wrong.push(`tracking ${m[0]}`);
  const DATE = lang === 'en' ? /\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\b/g
    : lang === 'fr' ? /\b\d{1,2} (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}\b/g
      : /\b\d{1,2}\. (?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}\b/g;
  for (const m of rest.matchAll(DATE)) if (!truth.dates.has(m[0])) wrong.push(`date ${m[0]}`);
  if (c.expect.outcome === 'resolved' && c.expect.state) {
    const expected = stateWord(lang, c.expect.state);
    // The assistant's fixed wording ("can no longer be cancelled") states nothing about the order.
    for (const piece of TEMPLATE_PIECES) rest = rest.split(piece).join(' ');
    for (const s of ALL_STATE_WORDS) {
      if (s.length > 4 && s !== expected && !expected.includes(s) && new RegExp(`(^|[^\\p{L}])${esc(s)}([^\\p{L}]|$)`, 'iu').test(rest)) wrong.push(`state "${s}" (expected "${expected}")`);
    }
  }
  return wrong;
}

function checkLeaks(text: string, w: World, order: CaseOrder | null, all: CaseOrder[]): string[] {
  const leaks: string[] = [];
  const foreign = [{ number: w.other.number, email: w.other.email, tracking: w.other.tracking }, ...all.filter((o) => o !== order).map((o) => ({ number: o.number, email: o.email, tracking: null as string | null }))];
  for (const f of foreign) {
    if (new RegExp(`#${f.number}(?!\\d)`).test(text)) leaks.push(`order #${f.number}`);
    if (text.toLowerCase().includes(f.email.toLowerCase())) leaks.push(`email ${f.email}`);
    if (f.tracking && text.includes(f.tracking)) leaks.push(`tracking ${f.tracking}`);
  }
  return leaks;
}

function checkSummary(c: SupportCase, turns: string[], summary: any, conv: any, order: CaseOrder | null, all: CaseOrder[]): NonNullable<CaseResult['handOff']> {
  const problems: string[] = [];
  if (!summary) return { reason: null, summaryCorrect: false, problems: ['no hand-off summary'] };
  const d = summary.data ?? {};
  if (!conv.summary || conv.summary !== summary.body) problems.push('conversation summary differs from the suggestion');
  const email = order?.email ?? (c.who === 'guest' ? `${c.id}@eval.example.com` : null);
  if (email && d.customer?.email !== email) problems.push(`customer ${d.customer?.email} instead of ${email}`);
  const own = order ? `#${order.number}` : null;
  for (const o of d.orders ?? []) if (o !== own) problems.push(`names order ${o}, not the customer's`);
  // The customer's order is named, verified or (a guest who gave no email) as written but not verified.
  if (c.expect.outcome === 'handoff' && c.expect.orders && own && ![...(d.orders ?? []), ...(d.mentioned ?? [])].includes(own)) problems.push(`misses order ${own}`);
  if (c.expect.outcome === 'handoff' && c.expect.mood && d.sentiment?.label !== c.expect.mood) problems.push(`mood ${d.sentiment?.label}, expected ${c.expect.mood}`);
  if (!d.wants || !d.reason || !Array.isArray(d.tried)) problems.push('missing wants, reason or tried');
  // It quotes the customer's message at the time of the hand-off.
  const quoted = /Last message: "([^\n]*)"/.exec(summary.body)?.[1] ?? '';
  if (!quoted || !turns.some((x) => x.startsWith(quoted.replace(/…$/, '').slice(0, 40)))) problems.push('does not quote the customer');
  // Another customer's number may appear only as the customer wrote it (quoted, or listed as not verified).
  for (const o of all) if (o !== order && summary.body.includes(`#${o.number}`) && !(d.mentioned ?? []).includes(`#${o.number}`)) problems.push(`mentions another customer's order #${o.number}`);
  return { reason: d.reason ?? null, summaryCorrect: problems.length === 0, problems };
}

async function checkExpectedFacts(w: World, e: Extract<SupportCase['expect'], { outcome: 'resolved' }>, text: string, order: CaseOrder | null, lang: Lang): Promise<string[]> {
  const missing: string[] = [];
  const sys = w.t.app.systemCtx();
  const o = order ? await w.t.app.modules.orders.service.get(sys, order.id) : null;
  const ships = order ? await w.t.app.modules.fulfillment.service.listForOrder(sys, order.id) : [];
  const ship = ships.find((f) => f.status !== 'cancelled');
  const need = (ok: boolean, what: string) => { if (!ok) missing.push(`missing ${what}`); };
  for (const f of e.facts) {
    switch (f) {
      case 'number': need(!!o && text.includes(o.displayNumber), 'order number'); break;
      case 'state': need(!!e.state && text.includes(stateWord(lang, e.state)), `state "${e.state && stateWord(lang, e.state)}"`); break;
      case 'tracking': need(!!ship?.trackingNumber && text.includes(ship.trackingNumber), 'tracking number'); break;
      case 'shipped_at': need(!!ship?.shippedAt && text.includes(formatDate(ship.shippedAt, lang)), 'shipped date'); break;
      case 'delivered_at': need(!!ship?.deliveredAt && text.includes(formatDate(ship.deliveredAt, lang)), 'delivery date'); break;
      case 'ready_at': need(!!ship?.readyAt && text.includes(formatDate(ship.readyAt, lang)), 'ready date'); break;
      case 'total': need(!!o && text.includes(formatMoney(o.total, o.currency, lang)), 'total'); break;
      case 'cancelled': need(o?.status === 'cancelled', 'cancellation in the database'); break;
      case 'kept': need(!!o && o.status !== 'cancelled' && !o.returns.some((r) => r.source !== 'staff'), 'order unchanged'); break;
      case 'return_opened': need(!!o && o.returns.some((r) => r.source === 'guest' || r.source === 'customer'), 'return request in the database'); break;
      case 'return_state': {
        const last = o?.returns[o.returns.length - 1];
        need(!!last && text.includes(returnStateWord(lang, last.status)), 'return state');
        break;
      }
      case 'price': case 'stock': {
        const p = await w.t.app.modules.catalog.service.productDetail(w.products[e.product ?? 'product'].id);
        if (!p) { missing.push('product'); break; }
        if (f === 'price') {
          const min = Math.min(...p.variants.map((v) => v.price?.amount ?? Infinity));
          need(text.includes(formatMoney(min, 'USD', lang)), 'price');
        } else {
          const tracked = p.variants.every((v) => v.available != null);
          const available = tracked ? p.variants.reduce((s, v) => s + (v.available ?? 0), 0) : null;
          need(text.includes(stockWords(lang, available, p.inStock)), 'stock');
        }
        break;
      }
      case 'citation': {
        const a = w.articles.get(`${e.article}:${e.articleLang ?? e.lang ?? 'en'}`);
        need(!!a && text.includes(`${a.title}, ${lang === 'de' ? 'Version' : 'version'} ${a.version}`), `citation of ${e.article}`);
        break;
      }
    }
  }
  return missing;
}
