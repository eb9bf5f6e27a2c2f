/**
 * The assistant's sentences in English, French and German, filled only with facts handed in
 * (titles, option values, prices and stock from the catalogue or the cart): no template can state
 * a price or a stock level it was not given.
 */
import { formatDecimal, minorDigits } from '../../../../kernel/index.js';
import type { Lang } from './lexicon.js';
import type { Constraints } from './parse-query.js';

export function formatMoney(amount: number, currency: string, lang: Lang): string {
  const digits = minorDigits(currency);
  const locale = lang === 'fr' ? 'fr-FR' : lang === 'de' ? 'de-DE' : 'en-US';
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(formatDecimal(amount, currency)));
}

const list = (items: string[], lang: Lang): string => {
  try { return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items); } catch { return items.join(', '); }
};
const orList = (items: string[], lang: Lang): string => {
  try { return new Intl.ListFormat(lang, { style: 'long', type: 'disjunction' }).format(items); } catch { return items.join(' / '); }
};

type Vars = Record<string, string | number>;
const fill = (s: string, v: Vars) => s.replace(/\{(\w+)\}/g, (m, k: string) => (k in v ? String(v[k]) : m));

const P = {
  en: {
    found: { one: 'I found 1 product{for}.', other: 'I found {n} products{for}.' },
    forWhat: ' for {what}',
    none: 'I found nothing{for} in the catalogue.',
    closest: 'None has everything you asked for; these come closest.',
    noSize: 'No product comes in size {size}.',
    noColour: 'Nothing comes in {colour}.',
    currencyNote: 'Prices are in {currency}, the store’s currency.',
    underPrice: 'under {price}', overPrice: 'over {price}', between: '{min}–{max}', size: 'size {v}', colour: '{v}', inStock: 'in stock',
    sort: { price_asc: 'cheapest first', price_desc: 'most expensive first', newest: 'newest first', relevance: 'best match' },
    availYes: 'Yes: {title} comes in {what}. {stock}', availNo: 'No: {title} does not come in {what}. It comes in {values}.',
    availSold: '{title} comes in {what}, but it is sold out right now.',
    availAll: '{title} comes in {variants}.', inStockList: 'In stock: {items}.', soldOutList: 'Sold out: {items}.', leftCount: '{v} ({n} left)',
    whichProduct: 'Which product do you mean? Open it or search for it first, then ask again.',
    factIs: '{title}: {key} is {value}.', factTagYes: 'Yes, {title} is listed as {tag}.', factUnknown: 'The details of {title} do not say. What they list: {facts}.',
    compareNeed: 'Tell me which products to compare: name two to four of them, or search first and ask to compare the results.',
    compareIntro: 'Here is how {titles} compare.', compareDiffer: 'They differ in {rows}.', compareSame: 'Their listed details are the same.',
    added: 'Added {qty} × {title}{variant} to your cart at {price} each.', addedNoPrice: 'Added {qty} × {title}{variant} to your cart.',
    choose: 'Which {option} would you like for {title}? {values}.', soldOut: 'Sorry, {title}{variant} is sold out, so I did not add it.',
    noVariant: '{title} does not come in {what}, so I did not add it.', addWhich: 'Which product should I add? Open one or search, then ask again.',
    addFailed: 'I could not add it to your cart: {reason}',
    rows: { price: 'Price', category: 'Category', inStock: 'In stock', yes: 'yes', no: 'no' },
  },
  fr: {
    found: { one: 'J’ai trouvé 1 produit{for}.', other: 'J’ai trouvé {n} produits{for}.' },
    forWhat: ' pour {what}',
    none: 'Je n’ai rien trouvé{for} dans le catalogue.',
    closest: 'Aucun ne correspond à tout ; voici les plus proches.',
    noSize: 'Aucun produit n’existe en taille {size}.',
    noColour: 'Rien n’existe en {colour}.',
    currencyNote: 'Les prix sont en {currency}, la devise de la boutique.',
    underPrice: 'moins de {price}', overPrice: 'plus de {price}', between: '{min}–{max}', size: 'taille {v}', colour: '{v}', inStock: 'en stock',
    sort: { price_asc: 'moins chers d’abord', price_desc: 'plus chers d’abord', newest: 'nouveautés d’abord', relevance: 'pertinence' },
    availYes: 'Oui : {title} existe en {what}. {stock}', availNo: 'Non : {title} n’existe pas en {what}. Il existe en {values}.',
    availSold: '{title} existe en {what}, mais il est épuisé pour le moment.',
    availAll: '{title} existe en {variants}.', inStockList: 'En stock : {items}.', soldOutList: 'Épuisé : {items}.', leftCount: '{v} ({n} restants)',
    whichProduct: 'De quel produit parlez-vous ? Ouvrez-le ou cherchez-le, puis reposez la question.',
    factIs: '{title} : {key} est {value}.', factTagYes: 'Oui, {title} est indiqué comme {tag}.', factUnknown: 'La fiche de {title} ne le précise pas. Elle indique : {facts}.',
    compareNeed: 'Dites-moi quels produits comparer : nommez-en deux à quatre, ou cherchez d’abord puis demandez de comparer les résultats.',
    compareIntro: 'Voici la comparaison de {titles}.', compareDiffer: 'Ils diffèrent par : {rows}.', compareSame: 'Leurs caractéristiques indiquées sont identiques.',
    added: '{qty} × {title}{variant} ajouté au panier à {price} l’unité.', addedNoPrice: '{qty} × {title}{variant} ajouté au panier.',
    choose: 'Quel choix de {option} pour {title} ? {values}.', soldOut: 'Désolé, {title}{variant} est épuisé ; je ne l’ai pas ajouté.',
    noVariant: '{title} n’existe pas en {what} ; je ne l’ai pas ajouté.', addWhich: 'Quel produit dois-je ajouter ? Ouvrez-en un ou cherchez, puis redemandez.',
    addFailed: 'Je n’ai pas pu l’ajouter au panier : {reason}',
    rows: { price: 'Prix', category: 'Catégorie', inStock: 'En stock', yes: 'oui', no: 'non' },
  },
  de: {
    found: { one: 'Ich habe 1 Produkt gefunden{for}.', other: 'Ich habe {n} Produkte gefunden{for}.' },
    forWhat: ' für {what}',
    none: 'Ich habe nichts gefunden{for}.',
    closest: 'Keines erfüllt alles; diese kommen am nächsten.',
    noSize: 'Kein Produkt gibt es in Größe {size}.',
    noColour: 'Nichts gibt es in {colour}.',
    currencyNote: 'Die Preise sind in {currency}, der Währung des Shops.',
    underPrice: 'unter {price}', overPrice: 'über {price}', between: '{min}–{max}', size: 'Größe {v}', colour: '{v}', inStock: 'auf Lager',
    sort: { price_asc: 'günstigste zuerst', price_desc: 'teuerste zuerst', newest: 'neueste zuerst', relevance: 'Relevanz' },
    availYes: 'Ja: {title} gibt es in {what}. {stock}', availNo: 'Nein: {title} gibt es nicht in {what}. Es gibt ihn in {values}.',
    availSold: '{title} gibt es in {what}, aber er ist gerade ausverkauft.',
    availAll: '{title} gibt es in {variants}.', inStockList: 'Auf Lager: {items}.', soldOutList: 'Ausverkauft: {items}.', leftCount: '{v} (noch {n})',
    whichProduct: 'Welches Produkt meinen Sie? Öffnen oder suchen Sie es und fragen Sie dann noch einmal.',
    factIs: '{title}: {key} ist {value}.', factTagYes: 'Ja, {title} ist als {tag} gelistet.', factUnknown: 'Die Angaben zu {title} sagen das nicht. Sie nennen: {facts}.',
    compareNeed: 'Welche Produkte soll ich vergleichen? Nennen Sie zwei bis vier oder suchen Sie zuerst und bitten Sie dann um einen Vergleich.',
    compareIntro: 'So unterscheiden sich {titles}.', compareDiffer: 'Unterschiede: {rows}.', compareSame: 'Ihre angegebenen Eigenschaften sind gleich.',
    added: '{qty} × {title}{variant} zum Warenkorb hinzugefügt, je {price}.', addedNoPrice: '{qty} × {title}{variant} zum Warenkorb hinzugefügt.',
    choose: 'Welche {option} möchten Sie für {title}? {values}.', soldOut: '{title}{variant} ist leider ausverkauft; ich habe nichts hinzugefügt.',
    noVariant: '{title} gibt es nicht in {what}; ich habe nichts hinzugefügt.', addWhich: 'Welches Produkt soll ich hinzufügen? Öffnen oder suchen Sie eines und fragen Sie erneut.',
    addFailed: 'Ich konnte es nicht in den Warenkorb legen: {reason}',
    rows: { price: 'Preis', category: 'Kategorie', inStock: 'Auf Lager', yes: 'ja', no: 'nein' },
  },
} as const;

export type Phrases = (typeof P)['en'];
export const phrases = (lang: Lang): Phrases => P[lang] as unknown as Phrases;
export const say = (lang: Lang, pick: (p: Phrases) => string, vars: Vars = {}): string => fill(pick(phrases(lang)), vars);
export { list as andList, orList };

/** The chip labels of a set of constraints, each pointing back at its constraint. */
export function chipsOf(c: Constraints, currency: string, lang: Lang): { kind: string; label: string; ref: string }[] {
  const p = phrases(lang);
  const m = (a: number) => formatMoney(a, currency, lang);
  const chips: { kind: string; label: string; ref: string }[] = [];
  if (c.category) chips.push({ kind: 'category', label: c.category.name, ref: 'category' });
  c.keywords.forEach((k, i) => chips.push({ kind: 'keyword', label: k, ref: `keywords.${i}` }));
  c.tags.forEach((t, i) => chips.push({ kind: 'tag', label: t, ref: `tags.${i}` }));
  c.attributes.forEach((a, i) => chips.push({ kind: 'attribute', label: `${a.key}: ${a.value}`, ref: `attributes.${i}` }));
  c.options.forEach((o, i) => chips.push({ kind: o.kind === 'size' ? 'size' : o.kind === 'colour' ? 'colour' : 'option', label: o.kind === 'size' ? fill(p.size, { v: o.label }) : o.label, ref: `options.${i}` }));
  if (c.minPrice !== undefined && c.maxPrice !== undefined) chips.push({ kind: 'max_price', label: fill(p.between, { min: m(c.minPrice), max: m(c.maxPrice) }), ref: 'price' });
  else if (c.maxPrice !== undefined) chips.push({ kind: 'max_price', label: fill(p.underPrice, { price: m(c.maxPrice) }), ref: 'maxPrice' });
  else if (c.minPrice !== undefined) chips.push({ kind: 'min_price', label: fill(p.overPrice, { price: m(c.minPrice) }), ref: 'minPrice' });
  if (c.sort && c.sort !== 'relevance') chips.push({ kind: 'sort', label: p.sort[c.sort], ref: 'sort' });
  if (c.inStock) chips.push({ kind: 'in_stock', label: p.inStock, ref: 'inStock' });
  return chips;
}
