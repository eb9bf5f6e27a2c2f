/**
 * Building a reply from claims, and the guardrail that checks it in the validating state: every
 * claim must restate its fact exactly (re-derived here from the fact, not trusted from the
 * builder), every claim must appear in the text, no figure, date, currency or order state may
 * appear outside a claim, and no fact may belong to anyone but the verified customer. The same
 * check judges an LLM's phrasing against the offline reply it was asked to rephrase.
 */
import { formatDate, formatMoney, type Citation, type Claim, type ClaimKind, type Fact, type FactStore, type FactValue } from './facts.js';
import type { Lang } from './lexicon.js';
import { ALL_STATE_WORDS, citationWords, returnStateWord, stateKey, stateWord, stockWords, TEMPLATE_PIECES } from './templates.js';

export interface Reply {
  lang: Lang;
  text: string;
  claims: Claim[];
  citations: Citation[];
}

/** The value a claim of a field states, derived from the fact (a state word from status + shipment). */
export function factValue(fact: Fact, kind: ClaimKind, field: string): FactValue {
  if (kind === 'order_state') return stateKey(String(fact.values.status), (fact.values.shipment as string | null) ?? null);
  if (kind === 'stock') return `${fact.values.inStock}:${fact.values.available ?? ''}`;
  if (kind === 'policy') return fact.text ?? null;
  return fact.values[field] ?? null;
}

/** The words a claim takes in a language. */
export function claimWords(fact: Fact, kind: ClaimKind, field: string, lang: Lang): string {
  const v = factValue(fact, kind, field);
  switch (kind) {
    case 'order_state': return stateWord(lang, String(v));
    case 'return_state': return returnStateWord(lang, String(v));
    case 'date': return formatDate(String(v), lang);
    case 'price': return formatMoney(Number(v), String(fact.values.currency), lang);
    case 'stock': return stockWords(lang, (fact.values.available as number | null) ?? null, Boolean(fact.values.inStock));
    case 'citation': return citationWords(lang, String(fact.values.title), Number(fact.values.version));
    default: return String(v);
  }
}

/** Collects claims while a reply is written; `say` returns the words to put in the text. */
export class ReplyBuilder {
  readonly claims: Claim[] = [];
  readonly citations: Citation[] = [];
  constructor(readonly lang: Lang, private facts: FactStore) {}

  say(kind: ClaimKind, factId: string, field: string): string {
    const fact = this.facts.get(factId);
    if (!fact) throw new Error(`no fact ${factId}`);
    const text = claimWords(fact, kind, field, this.lang);
    this.claims.push({ kind, factId, field, value: factValue(fact, kind, field), text });
    if (kind === 'citation' && fact.source.kind === 'kb' && !this.citations.some((c) => c.articleId === fact.values.articleId)) {
      this.citations.push({ articleId: String(fact.values.articleId), version: Number(fact.values.version), title: String(fact.values.title) });
    }
    return text;
  }

  /** A sentence quoted from a knowledge-base passage (checked to be in it). */
  quote(factId: string, excerpt: string): string {
    const fact = this.facts.get(factId);
    if (!fact?.text) throw new Error(`no passage ${factId}`);
    this.claims.push({ kind: 'policy', factId, field: 'text', value: excerpt, text: excerpt });
    return excerpt;
  }

  reply(text: string): Reply { return { lang: this.lang, text, claims: this.claims, citations: this.citations }; }
}

export interface Verified {
  /** The conversation's signed-in customer. */
  customerId: string | null;
  /** Emails the customer proved by naming an order number with them. */
  emails: ReadonlySet<string>;
}

export interface Verdict { ok: boolean; problems: string[] }

// Figures, currency signs and ISO codes: nothing of the kind may stand outside a claim.
const FIGURE = /\d/;
const CURRENCY = /[$€£¥₹]|\b(?:USD|EUR|GBP|CHF|CAD|AUD|JPY|SEK)\b/;

function residue(text: string, claims: { text: string }[], trusted: string[]): string {
  let rest = text;
  // Longest first, so a claim inside another (a number inside a URL) does not leave pieces behind.
  for (const s of [...claims.map((c) => c.text), ...trusted].filter(Boolean).sort((a, b) => b.length - a.length)) rest = rest.split(s).join(' ');
  return rest;
}

function unsupported(rest: string, allowed: string[] = []): string[] {
  const problems: string[] = [];
  if (FIGURE.test(rest)) problems.push(`a figure outside any fact: "${rest.match(/\S*\d\S*/)?.[0]}"`);
  if (CURRENCY.test(rest)) problems.push('a currency outside any fact');
  // Our templates' own words ("can no longer be cancelled") are wording, not claims about an order.
  let lower = rest;
  for (const piece of allowed) lower = lower.split(piece).join(' ');
  lower = lower.toLowerCase();
  for (const w of ALL_STATE_WORDS) {
    if (w.length > 4 && new RegExp(`(^|[^\\p{L}])${w.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\p{L}]|$)`, 'u').test(lower)) problems.push(`an order state outside any fact: "${w}"`);
  }
  return problems;
}

/** Whether a fact's personal data may be shown to this customer. */
function mayShow(fact: Fact, who: Verified): boolean {
  if (!fact.owner) return true;
  if (who.customerId && fact.owner.customerId === who.customerId) return true;
  return !!fact.owner.email && who.emails.has(fact.owner.email);
}

/**
 * The validating state's check of an offline reply. `trusted` are strings the merchant wrote (the
 * assistant's name, the signature), which may hold figures of their own.
 */
export function validateReply(reply: Reply, facts: FactStore, who: Verified, trusted: string[] = []): Verdict {
  const problems: string[] = [];
  for (const c of reply.claims) {
    const fact = facts.get(c.factId);
    if (!fact) { problems.push(`claim from no fact (${c.factId})`); continue; }
    if (!mayShow(fact, who)) problems.push(`${c.factId} belongs to another customer`);
    if (c.kind === 'policy') {
      if (!fact.text || !fact.text.includes(c.text)) problems.push(`quote not in ${c.factId}`);
    } else {
      const v = factValue(fact, c.kind, c.field);
      if (v !== c.value) problems.push(`${c.factId}.${c.field} is ${JSON.stringify(v)}, the reply says ${JSON.stringify(c.value)}`);
      if (claimWords(fact, c.kind, c.field, reply.lang) !== c.text) problems.push(`${c.factId}.${c.field} worded wrongly`);
    }
    if (!reply.text.includes(c.text)) problems.push(`claim "${c.text}" missing from the text`);
  }
  problems.push(...unsupported(residue(reply.text, reply.claims, trusted), TEMPLATE_PIECES));
  return { ok: problems.length === 0, problems };
}

/**
 * Checks an LLM's rewording of a validated offline reply: it may only restate the offline reply's
 * claims (verbatim), must keep the ones that matter (order number, state, prices, quotes), and may
 * add no figure, currency or state of its own.
 */
export function validatePhrasing(text: string, offline: Reply, trusted: string[] = []): Verdict {
  const problems: string[] = [];
  if (!text.trim()) problems.push('empty');
  for (const c of offline.claims) {
    if (['order_number', 'order_state', 'price', 'policy', 'tracking', 'date', 'return_state'].includes(c.kind) && !text.includes(c.text)) problems.push(`dropped or changed "${c.text}"`);
  }
  // The model may keep the offline reply's own wording, but add no state of its own.
  problems.push(...unsupported(residue(text, offline.claims, trusted), TEMPLATE_PIECES.filter((p) => offline.text.includes(p))));
  return { ok: problems.length === 0, problems };
}
