/** Choosing a message's language and formatting money for it. */
import { formatDecimal, minorDigits } from '../../../kernel/index.js';

/** The language tag, or null when it is not one Intl accepts. */
export function canonicalLocale(tag: string | null | undefined): string | null {
  if (!tag) return null;
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The languages to try, best first: the order's own (fr-CA, then fr), the store default, then
 * English, which every built-in template has.
 */
export function localeChain(orderLocale: string | null | undefined, storeDefault: string): string[] {
  const out: string[] = [];
  for (const tag of [canonicalLocale(orderLocale), canonicalLocale(storeDefault), 'en']) {
    if (!tag) continue;
    for (const t of [tag, tag.split('-')[0].toLowerCase()]) if (!out.includes(t)) out.push(t);
  }
  return out;
}

/** Minor units as money in a locale, e.g. 123456 EUR in fr → "1 234,56 €". */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  const opts = { style: 'currency', currency: currency.toUpperCase(), minimumFractionDigits: digits, maximumFractionDigits: digits } as const;
  let nf: Intl.NumberFormat;
  try { nf = new Intl.NumberFormat(canonicalLocale(locale) ?? 'en', opts); } catch { nf = new Intl.NumberFormat('en', opts); }
  // The decimal string is exact; as a double it stays exact to the cent for any amount a store sees (< 2^53 minor units).
  return nf.format(Number(formatDecimal(amount, currency)));
}
