/**
 * The offline understanding of a shopper's message: what they want to do (search, ask whether a
 * product comes in something, compare, add to the cart) and the constraints of what they want —
 * words to search, a category, tags and attributes ("waterproof"), price bounds in the store's
 * currency, option values such as a size or a colour, a sort order, in stock only. Rules and
 * lexicons in English, French and German; only values the catalogue actually has become filters,
 * everything else stays a search word, so nothing is made up.
 */
import { detectLanguage } from '../../../ml/language/index.js';
import {
  ALSO_ENGLISH, COLOUR_WORDS, CURRENCY_WORDS, fold, FOREIGN_WORDS, IN_STOCK_PHRASES, INTENT_PATTERNS, NUMBER_WORDS, PRICE_WORDS, REFERENCE_WORDS, SIZE_WORDS, SORT_PHRASES, stem, STOPWORDS, TO_ENGLISH, TRUTHY,
  type Lang,
} from './lexicon.js';
import { colourValues, sizeValues, type Vocabulary } from './vocabulary.js';

export type Intent = 'search' | 'availability' | 'product_question' | 'compare' | 'add_to_cart';
export type Sort = 'relevance' | 'price_asc' | 'price_desc' | 'newest';

/** An option constraint: any of `values` (catalogue spellings) of the named options satisfies it. */
export interface OptionConstraint {
  kind: 'size' | 'colour' | 'option';
  /** What the shopper asked for, as a chip shows it ("42", "blue"). */
  label: string;
  /** Matching catalogue option values; empty when the catalogue has none (then nothing matches). */
  values: { name: string; value: string }[];
}

export interface Constraints {
  keywords: string[];
  category?: { id: string; handle: string; name: string };
  tags: string[];
  attributes: { key: string; value: string }[];
  options: OptionConstraint[];
  /** Minor units of the store currency. */
  minPrice?: number;
  maxPrice?: number;
  sort?: Sort;
  inStock?: boolean;
}

export interface ParsedMessage {
  language: Lang;
  intent: Intent;
  constraints: Constraints;
  /** A currency the shopper named that is not the store's (prices are still read in the store's). */
  namedCurrency?: string;
  /** Position in the last results the shopper points at ("the second one"): 0-based, -1 for the last. */
  ordinal?: number;
  /** The shopper points at the product in view ("it", "this one"). */
  refersToCurrent: boolean;
  quantity: number;
  /** How many of the last results the shopper means ("compare the first three"). */
  count?: number;
}

export interface ParseOptions {
  currency: string;
  /** Minor digits of the store currency (2 for USD, 0 for JPY). */
  digits: number;
  /** The storefront's language, used when the message is too short to tell. */
  uiLanguage?: string;
}

const ISO3: Record<string, Lang> = { eng: 'en', fra: 'fr', deu: 'de' };

function languageOf(text: string, ui?: string): Lang {
  const prior = ui === 'fr' ? 'fra' : ui === 'de' ? 'deu' : 'eng';
  const d = detectLanguage(text, { only: ['eng', 'fra', 'deu'], prior });
  const guess = ISO3[d.iso6393] ?? (ui === 'fr' || ui === 'de' ? ui : 'en');
  const words = fold(text).split(/[^\p{L}']+/u).filter(Boolean);
  const evidence = (lang: 'fr' | 'de') => words.filter((w) => FOREIGN_WORDS[lang].has(w) || (w.length > 3 && TO_ENGLISH[w] !== undefined && !ALSO_ENGLISH.has(w) && !FOREIGN_WORDS[lang === 'fr' ? 'de' : 'fr'].has(w))).length;
  const fr = evidence('fr'), de = evidence('de');
  if (guess === 'fr' && fr === 0 && de === 0 && ui !== 'fr') return 'en';
  if (guess === 'de' && de === 0 && fr === 0 && ui !== 'de') return 'en';
  if (guess === 'en' && fr + de > 0 && ui !== 'en') return fr >= de ? 'fr' : 'de';
  return guess;
}

/** Escapes a phrase for a RegExp; spaces match any run of spaces. */
const rx = (phrase: string) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const alt = (phrases: readonly string[]) => [...phrases].sort((a, b) => b.length - a.length).map(rx).join('|');

const CUR_SYMBOL = '[$€£]';
const CUR_WORD = 'usd|eur|euros?|dollars?|bucks|gbp|pounds?|livres|chf|franken|cad|aud';
const AMOUNT = `(?:${CUR_SYMBOL}\\s*)?(\\d{1,7}(?:[.,]\\d{1,2})?)(?:\\s*(?:${CUR_SYMBOL}|(?:${CUR_WORD})\\b))?`;
const RE_BETWEEN = new RegExp(`(?:\\b(?:${alt(PRICE_WORDS.between)})\\s+)?${AMOUNT}\\s*(?:${alt(PRICE_WORDS.and)})\\s*${AMOUNT}`, 'g');
const RE_MAX = new RegExp(`(?:^|[^\\p{L}])(?:${alt(PRICE_WORDS.max)}|<=?)\\s*${AMOUNT}`, 'gu');
const RE_MIN = new RegExp(`(?:^|[^\\p{L}])(?:${alt(PRICE_WORDS.min)}|>=?)\\s*${AMOUNT}`, 'gu');
const RE_CURRENCY_MENTION = new RegExp(`(${CUR_SYMBOL})|\\b(${CUR_WORD})\\b`, 'g');
const RE_SIZE = new RegExp(`(?:^|[^\\p{L}])(?:${alt(SIZE_WORDS)})\\s*:?\\s*((?:x{0,3}[sl]|m|\\d{1,3}(?:[.,]5)?|[a-z]{4,12}|\\d{1,2}\\/\\d{1,2}))(?![\\p{L}\\p{N}])`, 'gu');

/** The English of a French or German word or phrase, trying it without plural and adjective endings. */
function toEnglish(phrase: string): string | undefined {
  if (TO_ENGLISH[phrase]) return TO_ENGLISH[phrase];
  for (const ending of ['es', 's', 'x', 'en', 'er', 'e', 'n']) {
    if (phrase.length > ending.length + 3 && phrase.endsWith(ending) && TO_ENGLISH[phrase.slice(0, -ending.length)]) return TO_ENGLISH[phrase.slice(0, -ending.length)];
  }
  return undefined;
}

/** Reads "99.90" or "99,90" as a number of major units. */
const num = (s: string) => Number(s.replace(',', '.'));

export function parseMessage(message: string, vocab: Vocabulary, opts: ParseOptions): ParsedMessage {
  const language = languageOf(message, opts.uiLanguage);
  let f = ` ${fold(message).replace(/\s+/g, ' ').trim()} `;
  const intent: Intent = INTENT_PATTERNS.find((p) => p.re.test(f.trim()))?.intent ?? 'search';
  const c: Constraints = { keywords: [], tags: [], attributes: [], options: [] };
  const consume = (re: RegExp, fn: (m: RegExpMatchArray) => boolean | void) => {
    f = f.replace(re, (...args) => {
      const m = args as unknown as RegExpMatchArray;
      return fn(m) === false ? m[0] : ' ';
    });
  };
  const minor = (major: number) => Math.round(major * 10 ** opts.digits);

  // Sizes before prices, so "size 42" is never read as an amount.
  consume(RE_SIZE, (m) => {
    const raw = m[1];
    if (/^[a-z]{4,12}$/.test(raw) && !sizeValues(vocab, raw).length && !['small', 'medium', 'large', 'petit', 'moyen', 'grand', 'klein', 'mittel', 'gross'].includes(raw)) return false;
    const label = raw.length <= 3 ? raw.toUpperCase() : raw;
    c.options.push({ kind: 'size', label, values: sizeValues(vocab, raw) });
  });

  let namedCurrency: string | undefined;
  for (const m of f.matchAll(RE_CURRENCY_MENTION)) {
    const code = CURRENCY_WORDS[m[1] ?? m[2]] ?? CURRENCY_WORDS[(m[2] ?? '').replace(/s$/, '')];
    if (code && code !== opts.currency) namedCurrency = code;
  }
  consume(RE_BETWEEN, (m) => {
    const a = num(m[1]), b = num(m[2]);
    // "2 for 10" or a bare pair without a between-word or currency would be guesswork; require a cue.
    if (!/\b(between|entre|zwischen|from|de|von)\b|[$€£]|usd|eur|dollar|euro|pound/.test(m[0]) && !/\d\s*-\s*\d/.test(m[0])) return false;
    c.minPrice = minor(Math.min(a, b));
    c.maxPrice = minor(Math.max(a, b));
  });
  consume(RE_MAX, (m) => { c.maxPrice = minor(num(m[1])); });
  consume(RE_MIN, (m) => {
    // "from" also starts ranges and places ("from Berlin"); here it is followed by an amount, so it is a bound.
    c.minPrice = minor(num(m[1]));
  });
  f = f.replace(RE_CURRENCY_MENTION, ' ');

  for (const { phrase, sort } of [...SORT_PHRASES].sort((a, b) => b.phrase.length - a.phrase.length)) {
    const re = new RegExp(`(^|\\s)${rx(phrase)}(?=\\s|$)`, 'g');
    if (re.test(f)) { c.sort ??= sort; f = f.replace(re, ' '); }
  }
  for (const phrase of IN_STOCK_PHRASES) {
    const re = new RegExp(`(^|\\s)${rx(phrase)}(?=\\s|$)`, 'g');
    if (re.test(f)) { c.inStock = true; f = f.replace(re, ' '); }
  }

  // Intent words, references and quantities say what to do, not what to look for.
  let ordinal: number | undefined;
  let quantity = 1;
  let count: number | undefined;
  const firstN = /\b(?:first|top|premiers?|premieres?|ersten?)\s+(\d|two|three|four|deux|trois|quatre|zwei|drei|vier)\b/.exec(f);
  if (firstN) {
    count = /\d/.test(firstN[1]) ? Number(firstN[1]) : NUMBER_WORDS[firstN[1]] ?? ({ zwei: 2, drei: 3, vier: 4 } as Record<string, number>)[firstN[1]];
    f = f.replace(firstN[0], ' ');
  }
  let refersToCurrent = false;
  const tokens = f.split(/[^\p{L}\p{N}'\-/.]+/u).map((t) => t.replace(/^[-'.]+|[-'.]+$/g, '')).filter(Boolean);
  const rest: string[] = [];
  const ACTION = new Set(('add adds put throw place cart basket bag trolley buy order compare comparison difference differences differ versus vs vs. between better worse ' +
    'available availability come comes coming offer offered sold stock tell about ' +
    'ajoute ajouter ajoutez mets mettre panier prends comparer comparez comparaison difference entre mieux disponible disponibles existe exister dispo stock ' +
    'leg lege legen fug fuge fugen warenkorb korb nehme vergleich vergleiche vergleichen unterschied unterschiede zwischen besser verfugbar erhaltlich lager').split(' '));
  const PRONOUNS = new Set(['it', 'this', 'that', 'le', 'la', 'les', 'ca', 'es', 'das', 'ihn', 'sie', 'den', 'dieses', 'diesen', 'diese', 'ce', 'celui', 'celle', 'one']);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t in REFERENCE_WORDS && (intent !== 'search' || tokens[i + 1] === 'one' || tokens[i + 1] === 'un' || tokens[i + 1] === 'une')) { ordinal = REFERENCE_WORDS[t]; continue; }
    // Number words of 1 are articles as often as counts ("the second one", "un t-shirt"): only larger ones count.
    if (intent === 'add_to_cart' && (/^\d{1,2}$/.test(t) || (t in NUMBER_WORDS && NUMBER_WORDS[t] > 1)) && !c.options.some((o) => o.label === t)) {
      const n = /^\d+$/.test(t) ? Number(t) : NUMBER_WORDS[t];
      if (n >= 1 && n <= 99) { quantity = n; continue; }
    }
    if (/^x\d{1,2}$/.test(t) && intent === 'add_to_cart') { quantity = Number(t.slice(1)); continue; }
    if (intent !== 'search' && PRONOUNS.has(t)) { refersToCurrent = true; continue; }
    if (intent !== 'search' && ACTION.has(t)) continue;
    rest.push(t);
  }

  // French and German words to the catalogue's English, longest phrases first.
  const english: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    let hit = false;
    for (let n = Math.min(4, rest.length - i); n >= 1 && !hit; n--) {
      const phrase = rest.slice(i, i + n).join(' ');
      const en = toEnglish(phrase);
      if (en && (n > 1 || language !== 'en' || !STOPWORDS.has(phrase))) {
        english.push(...en.split(' '));
        i += n - 1;
        hit = true;
      }
    }
    if (!hit) english.push(rest[i]);
  }

  // Colours and other option values (multi-word values first: "forest green", "rose gold").
  const left: string[] = [];
  for (let i = 0; i < english.length; i++) {
    const t = english[i];
    let used = false;
    for (let n = Math.min(vocab.maxOptionWords, english.length - i); n >= 2 && !used; n--) {
      const phrase = english.slice(i, i + n).join(' ');
      const values = (vocab.optionValues.get(phrase) ?? []).filter((v) => !vocab.sizeOptions.includes(v.name));
      if (values.length) {
        c.options.push({ kind: values.some((v) => vocab.colourOptions.includes(v.name)) ? 'colour' : 'option', label: phrase, values });
        i += n - 1;
        used = true;
      }
    }
    if (used) continue;
    const colour = COLOUR_WORDS[t];
    const isTagOrValue = vocab.tags.has(t) || vocab.attributeValues.has(t);
    if (colour && !(isTagOrValue && colour !== t)) {
      const values = colourValues(vocab, colour);
      const attr = [...vocab.attributes.values()].filter((a) => ['color', 'colour'].includes(fold(a.key)))
        .flatMap((a) => [...a.values].filter(([fv]) => fv.split(/\s+/).includes(colour)).map(([, v]) => ({ key: a.key, value: v })));
      if (values.length) { c.options.push({ kind: 'colour', label: colour, values }); continue; }
      if (attr.length) { c.attributes.push(attr[0]); continue; }
      left.push(colour);
      continue;
    }
    if (t.length >= 2 && !STOPWORDS.has(t) && !/^\d+$/.test(t)) {
      const values = (vocab.optionValues.get(t) ?? []).filter((v) => !vocab.sizeOptions.includes(v.name) && !vocab.colourOptions.includes(v.name));
      if (values.length && !vocab.tags.has(t)) { c.options.push({ kind: 'option', label: t, values }); continue; }
    }
    left.push(t);
  }

  // Categories, tags and attributes the catalogue has; what remains is searched as text.
  for (let i = 0; i < left.length; i++) {
    const t = left[i];
    if (STOPWORDS.has(t) || t.length < 2) continue;
    const s = stem(t);
    const next = left[i + 1];
    const pair = next ? `${t} ${next}` : '';
    if (pair && vocab.attributeValues.has(pair)) { c.attributes.push(vocab.attributeValues.get(pair)![0]); i++; continue; }
    if (!c.category) {
      const cat = vocab.categories.find((k) => k.words.length > 0 && k.words.filter((w) => !STOPWORDS.has(w)).every((w) => w === s || left.map(stem).includes(w)) && k.words.includes(s));
      if (cat) { c.category = { id: cat.id, handle: cat.handle, name: cat.name }; continue; }
    }
    const tag = vocab.tags.get(t) ?? vocab.tags.get(s);
    if (tag) { if (!c.tags.includes(tag)) c.tags.push(tag); continue; }
    const key = vocab.attributes.get(t) ?? vocab.attributes.get(s);
    const yes = key && [...key.values].find(([fv]) => TRUTHY.has(fv));
    if (key && yes) { c.attributes.push({ key: key.key, value: yes[1] }); continue; }
    const byValue = vocab.attributeValues.get(t);
    if (byValue?.length === 1) { c.attributes.push(byValue[0]); continue; }
    if (!c.keywords.includes(t)) c.keywords.push(t);
  }

  return { language, intent, constraints: c, namedCurrency, ordinal, refersToCurrent, quantity, count };
}
