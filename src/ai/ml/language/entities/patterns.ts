/**
 * Rule-based extractors for the entities that have a shape: order numbers, emails, phones and
 * amounts. Rules beat a learned tagger here: the shapes are regular, and every match is explainable.
 */
import type { AmountEntity, EmailEntity, OrderNumberEntity, PhoneEntity } from './types.js';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Emails, lower-cased. */
export function findEmails(text: string): EmailEntity[] {
  return [...text.matchAll(EMAIL)].map((m) => ({ type: 'email', text: m[0], start: m.index!, end: m.index! + m[0].length, value: m[0].toLowerCase() }));
}

// Emporia's own ids (ord_…), "#12345", "ORD-55102", or a number right after a word like "order".
const ORDER_PATTERNS: RegExp[] = [
  /\bord_[0-9A-Za-z]{6,}\b/g,
  /\b(?:ORD|ORDER|PO)-[0-9A-Z-]*\d[0-9A-Z-]*\b/gi,
  /(?<![\w&])#\s?([0-9A-Za-z-]*\d[0-9A-Za-z-]*)\b/g,
  /\b(?:order|purchase|parcel|package|shipment|reference|ref|confirmation)(?:\s+(?:no\.?|number|num|nr\.?|id|ref))?\s*(?:is|:|#)?\s*([0-9][0-9-]{3,}[0-9])\b/gi,
];

/** Order numbers as the customer wrote them (without a leading `#`). */
export function findOrderNumbers(text: string): OrderNumberEntity[] {
  const out: OrderNumberEntity[] = [];
  for (const re of ORDER_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const value = m[1] ?? m[0];
      // Span covers just the identifier so it does not swallow the word "order" (useful for highlighting).
      const start = m.index! + m[0].lastIndexOf(value);
      out.push({ type: 'order_number', text: value, start, end: start + value.length, value });
    }
  }
  return out;
}

const PHONE = /(?<![\w+])(\+?\(?\d[\d\s().-]{6,}\d)(?!\w)/g;

/** Phone numbers: 8 to 15 digits, optional `+`, spaces, dots, dashes and brackets allowed. */
export function findPhones(text: string): PhoneEntity[] {
  const out: PhoneEntity[] = [];
  for (const m of text.matchAll(PHONE)) {
    const raw = m[1];
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 8 || digits.length > 15) continue;
    if (/^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) || /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(raw.trim())) continue; // dates
    out.push({ type: 'phone', text: raw, start: m.index!, end: m.index! + raw.length, value: (raw.trim().startsWith('+') ? '+' : '') + digits });
  }
  return out;
}

const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', 'kr': 'SEK' };
const WORDS: Record<string, string> = { dollar: 'USD', dollars: 'USD', bucks: 'USD', euro: 'EUR', euros: 'EUR', pound: 'GBP', pounds: 'GBP', quid: 'GBP' };
const CODES = 'USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|SEK|NOK|DKK|PLN|CZK|INR|BRL|MXN';
/** ISO 4217 minor-unit exponents that are not 2. */
const EXPONENT: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, CLP: 0, KWD: 3, BHD: 3 };
// Grouped thousands first, else the first alternative would stop at "500" of "5000".
const NUMBER = String.raw`(?:\d{1,3}(?:[,. ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?!\d)`;
const AMOUNT = new RegExp(
  String.raw`(?:(?<pre>[$€£¥₹]|\b(?:${CODES})\b)\s?(?<n1>${NUMBER}))|(?:\b(?<n2>${NUMBER})\s?(?<post>[$€£¥₹]|(?:${CODES})\b|(?:dollars?|bucks|euros?|pounds?|quid)\b))`,
  'gi',
);

/** Parses "1,234.56", "1.234,56", "12,50" or "1 200" into a number: the last separator followed by 1–2 digits is the decimal point. */
export function parseDecimal(raw: string): number {
  const s = raw.replace(/\s/g, '');
  const m = /^(.*?)(?:[.,](\d{1,2}))?$/.exec(s)!;
  const whole = m[1].replace(/[.,]/g, '');
  return Number(`${whole || '0'}.${m[2] ?? '0'}`);
}

/** Money amounts with a currency symbol, code or word; converted to integer minor units. */
export function findAmounts(text: string): AmountEntity[] {
  const out: AmountEntity[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const g = m.groups!;
    const unit = (g.pre ?? g.post ?? '').toLowerCase();
    const currency = SYMBOLS[unit] ?? WORDS[unit] ?? (unit ? unit.toUpperCase() : null);
    const amount = parseDecimal(g.n1 ?? g.n2);
    const exp = currency ? (EXPONENT[currency] ?? 2) : 2;
    out.push({ type: 'amount', text: m[0], start: m.index!, end: m.index! + m[0].length, value: { minor: Math.round(amount * 10 ** exp), currency } });
  }
  return out;
}
