/** Formatting for the web apps: money from integer minor units, dates and numbers, with Intl. */

const moneyFormats = new Map<string, Intl.NumberFormat>();
const digitsOf = new Map<string, number>();

function fractionDigits(currency: string): number {
  let d = digitsOf.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsOf.set(currency, d);
  }
  return d;
}

/**
 * Formats an integer amount in minor units (cents) as money in a locale: `formatMoney(2599, 'USD', 'en')`
 * is "$25.99", `formatMoney(2599, 'EUR', 'fr')` is "25,99 €"; JPY has no minor unit.
 */
export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  const key = `${locale}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, f);
  }
  return f.format(minor / 10 ** fractionDigits(currency));
}

/** Parses a decimal money string typed by a person ("25.99", "25,99") into minor units, or null. */
export function parseMoney(text: string, currency: string): number | null {
  const cleaned = text.replace(/[^\d.,-]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 10 ** fractionDigits(currency));
}

export function formatDate(iso: string | Date, locale = 'en', opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return new Intl.DateTimeFormat(locale, opts).format(typeof iso === 'string' ? new Date(iso) : iso);
}

export function formatDateTime(iso: string | Date, locale = 'en'): string {
  return formatDate(iso, locale, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatNumber(n: number, locale = 'en', opts?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, opts).format(n);
}

/** Basis points as a percentage ("8 %" in fr, "8%" in en). */
export function formatPercentBp(bp: number, locale = 'en'): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000);
}
