/**
 * Date mentions: ISO and numeric dates, month-name dates and the relative words customers use
 * ("yesterday", "last friday", "3 days ago"). Relative dates resolve only against a reference
 * date the caller passes in, so the extractor stays pure.
 */
import type { DateEntity } from './types.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY = String.raw`(?:sun|mon|tue|wed|thu|fri|sat)[a-z]*`;

export interface DateOptions {
  /** "Today" for relative dates; without it relative dates are found but not resolved. */
  referenceDate?: Date;
  /** Read 03/04 as 3 April (true, default) or March 4 (false) when both are valid. */
  dayFirst?: boolean;
}

const iso = (y: number, m: number, d: number): string | null => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
};

const shift = (ref: Date, days: number): string => new Date(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth(), ref.getUTCDate() + days)).toISOString().slice(0, 10);

const year4 = (y: string | undefined, ref?: Date): number | null => {
  if (!y) return ref ? ref.getUTCFullYear() : null;
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
};

/** Finds date mentions and resolves them to ISO dates where possible. */
export function findDates(text: string, options: DateOptions = {}): DateEntity[] {
  const ref = options.referenceDate;
  const out: DateEntity[] = [];
  const push = (m: RegExpMatchArray, value: string | null, relative: boolean): void => {
    out.push({ type: 'date', text: m[0], start: m.index!, end: m.index! + m[0].length, value: { iso: value, relative } });
  };
  for (const m of text.matchAll(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g)) push(m, iso(+m[1], +m[2], +m[3]), false);
  for (const m of text.matchAll(/\b(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})\b/g)) {
    const [a, b] = [+m[1], +m[2]];
    const dayFirst = a > 12 || (b <= 12 && (options.dayFirst ?? true));
    const [d, mo] = dayFirst ? [a, b] : [b, a];
    push(m, iso(year4(m[3])!, mo, d), false);
  }
  const named = [
    new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(${MONTH})\.?(?:,?\s+(\d{4}))?\b`, 'gi'),
    new RegExp(String.raw`\b(${MONTH})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`, 'gi'),
  ];
  named.forEach((re, k) => {
    for (const m of text.matchAll(re)) {
      const [dayS, monS] = k === 0 ? [m[1], m[2]] : [m[2], m[1]];
      const mo = MONTHS.indexOf(monS.slice(0, 3).toLowerCase()) + 1;
      const y = year4(m[3], ref);
      push(m, y === null ? null : iso(y, mo, +dayS), false);
    }
  });
  for (const m of text.matchAll(/\b(today|tonight|yesterday|tomorrow|day before yesterday)\b/gi)) {
    const off = { today: 0, tonight: 0, yesterday: -1, tomorrow: 1, 'day before yesterday': -2 }[m[1].toLowerCase()]!;
    push(m, ref ? shift(ref, off) : null, true);
  }
  for (const m of text.matchAll(/\b(\d+|a|an|one|two|three|four|five|six|seven)\s+(day|week)s?\s+ago\b/gi)) {
    const words: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7 };
    const n = words[m[1].toLowerCase()] ?? Number(m[1]);
    push(m, ref ? shift(ref, -n * (m[2].toLowerCase() === 'week' ? 7 : 1)) : null, true);
  }
  for (const m of text.matchAll(new RegExp(String.raw`\b(last|this|next|on)\s+(${DAY})\b`, 'gi'))) {
    const word = m[2].toLowerCase();
    const target = DAYS.findIndex((d) => d.startsWith(word.slice(0, 3)));
    if (target < 0 || !DAYS[target].startsWith(word)) continue; // "on monkeys" is not a date
    let value: string | null = null;
    if (ref) {
      const today = ref.getUTCDay();
      const back = ((today - target + 7) % 7) || 7; // "last friday" on a friday means a week ago
      const fwd = ((target - today + 7) % 7) || 7;
      const w = m[1].toLowerCase();
      // "on friday" in a support message is usually a past delivery or order day.
      value = shift(ref, w === 'next' ? fwd : w === 'this' ? (target >= today ? target - today : fwd) : -back);
    }
    push(m, value, true);
  }
  return out;
}
