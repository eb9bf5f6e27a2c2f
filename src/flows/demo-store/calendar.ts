/**
 * The demand calendar of the demo store: trend, weekly and yearly seasonality, promotions with
 * their lift, the holiday shipping cut-off and one incident. Every multiplier is documented in
 * docs/demo-store.md; the generator multiplies them into a daily order rate.
 */
import type { Rng } from './rng.js';

export const DAY_MS = 86_400_000;
/** Store-local time is UTC−5 with no daylight saving; order times are drawn locally and stored as UTC. */
export const STORE_UTC_OFFSET_HOURS = -5;

export interface Promotion {
  code: string;
  name: string;
  /** First and last day (inclusive), as day indexes from the start of the history. */
  from: number;
  to: number;
  percentOff: number;
  /** Only these categories are discounted and lifted; empty means store-wide. */
  categories: string[];
  /** Order volume multiplier while it runs (store-wide), or the category demand multiplier. */
  lift: number;
  /** Share of eligible web orders that use the code. */
  uptake: number;
}

export interface Incident { name: string; from: number; to: number; factor: number }

/** Web orders by weekday (Sunday first). */
export const WEEKDAY_WEB = [1.1, 1.02, 0.95, 0.94, 0.98, 1.04, 1.12];
/** Store (POS) sales by weekday: weekends are busy, Monday is quiet. */
export const WEEKDAY_STORE = [1.35, 0.65, 0.8, 0.85, 0.95, 1.2, 1.75];
/** Share of each hour (store local time) in web orders: lunch and evening peaks. */
export const HOURS_WEB = [0.25, 0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.55, 0.8, 0.95, 1.0, 1.05, 1.15, 1.1, 1.0, 0.95, 0.95, 1.0, 1.15, 1.35, 1.45, 1.3, 0.95, 0.55];
/** Store opening hours 10:00–20:00, busiest at lunch and after work. */
export const HOURS_STORE = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.6, 0.9, 1.2, 1.15, 0.95, 0.9, 1.0, 1.2, 1.3, 0.9, 0, 0, 0, 0];
/** Year-on-year growth of order volume. */
export const ANNUAL_GROWTH = 0.4;

export interface Calendar {
  start: Date;
  days: number;
  promotions: Promotion[];
  incidents: Incident[];
  dateOf(day: number): Date;
  /** Store-wide demand multiplier of a day, before category seasonality. */
  dayFactor(day: number): number;
  /** Active promotions on a day. */
  promotionsOn(day: number): Promotion[];
}

const utcDay = (y: number, m: number, d: number) => Date.UTC(y, m, d);

/** The n-th weekday (0 = Sunday) of a month, e.g. the 4th Thursday of November. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = new Date(utcDay(year, month, 1)).getUTCDay();
  return utcDay(year, month, 1 + ((weekday - first + 7) % 7) + 7 * (n - 1));
}

export function buildCalendar(startMs: number, days: number, rng: Rng): Calendar {
  const start = new Date(startMs);
  const idx = (ms: number) => Math.round((ms - startMs) / DAY_MS);
  const promotions: Promotion[] = [];
  const incidents: Incident[] = [];
  const firstYear = start.getUTCFullYear();
  const lastYear = new Date(startMs + days * DAY_MS).getUTCFullYear();
  const add = (p: Omit<Promotion, 'from' | 'to'>, fromMs: number, toMs: number) => {
    const from = idx(fromMs), to = idx(toMs);
    if (to < 0 || from >= days) return;
    promotions.push({ ...p, code: p.code.replace('{yy}', String(new Date(fromMs).getUTCFullYear()).slice(2)), from: Math.max(0, from), to: Math.min(days - 1, to) });
  };
  for (let y = firstYear; y <= lastYear; y++) {
    add({ code: 'NEWYEAR{yy}', name: 'New Year sale', percentOff: 20, categories: [], lift: 1.45, uptake: 0.6 }, utcDay(y, 0, 2), utcDay(y, 0, 8));
    add({ code: 'LOVE{yy}', name: "Valentine's gifts", percentOff: 15, categories: ['jewelry', 'beauty'], lift: 1.8, uptake: 0.7 }, utcDay(y, 1, 7), utcDay(y, 1, 14));
    const springStart = utcDay(y, 2, 14 + rng.int(0, 6));
    add({ code: 'SPRING{yy}', name: 'Spring sale', percentOff: 15, categories: [], lift: 1.4, uptake: 0.55 }, springStart, springStart + 9 * DAY_MS);
    const mothers = nthWeekday(y, 4, 0, 2);
    add({ code: 'MOM{yy}', name: "Mother's Day", percentOff: 15, categories: ['beauty', 'jewelry', 'home'], lift: 1.7, uptake: 0.65 }, mothers - 8 * DAY_MS, mothers - 1 * DAY_MS);
    add({ code: 'SUMMER{yy}', name: 'Summer sale', percentOff: 25, categories: [], lift: 1.65, uptake: 0.65 }, utcDay(y, 6, 10), utcDay(y, 6, 20));
    add({ code: 'SCHOOL{yy}', name: 'Back to school', percentOff: 10, categories: ['books', 'accessories'], lift: 1.6, uptake: 0.6 }, utcDay(y, 7, 15), utcDay(y, 7, 31));
    const blackFriday = nthWeekday(y, 10, 4, 4) + DAY_MS;
    add({ code: 'BFCM{yy}', name: 'Black Friday – Cyber Monday', percentOff: 30, categories: [], lift: 2.5, uptake: 0.75 }, blackFriday, blackFriday + 3 * DAY_MS);
    add({ code: 'BOXING{yy}', name: 'Boxing week', percentOff: 20, categories: [], lift: 1.35, uptake: 0.6 }, utcDay(y, 11, 26), utcDay(y, 11, 31));
    // Two unannounced flash sales a year, at random but reproducible dates.
    for (let k = 0; k < 2; k++) {
      const month = k === 0 ? rng.int(3, 5) : rng.int(8, 9);
      const from = utcDay(y, month, rng.int(1, 25));
      add({ code: `FLASH{yy}${'AB'[k]}`, name: 'Flash sale', percentOff: 10, categories: [], lift: 1.3, uptake: 0.5 }, from, from + rng.int(1, 2) * DAY_MS);
    }
  }
  promotions.sort((a, b) => a.from - b.from);
  // One checkout outage of two days, about two thirds of the way in: an anomaly to detect.
  const outage = Math.floor(days * 0.62) + rng.int(0, 10);
  incidents.push({ name: 'checkout outage', from: outage, to: Math.min(days - 1, outage + 1), factor: 0.25 });

  const byDay: Promotion[][] = Array.from({ length: days }, () => []);
  for (const p of promotions) for (let d = p.from; d <= p.to; d++) byDay[d].push(p);
  const growth = Math.log(1 + ANNUAL_GROWTH) / 365;
  const factors = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    const date = new Date(startMs + d * DAY_MS);
    const m = date.getUTCMonth(), dom = date.getUTCDate();
    let f = Math.exp(growth * d) * WEEKDAY_WEB[date.getUTCDay()];
    for (const p of byDay[d]) if (!p.categories.length) f *= p.lift;
    // Last shipping day before Christmas is the 20th; then web orders fall off until Boxing Day.
    if (m === 11 && dom >= 21 && dom <= 25) f *= dom === 25 ? 0.35 : 0.6;
    for (const inc of incidents) if (d >= inc.from && d <= inc.to) f *= inc.factor;
    factors[d] = f;
  }
  return {
    start, days, promotions, incidents,
    dateOf: (day) => new Date(startMs + day * DAY_MS),
    dayFactor: (day) => factors[day],
    promotionsOn: (day) => byDay[day] ?? [],
  };
}
