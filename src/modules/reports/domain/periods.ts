/**
 * Report periods: a range of whole UTC days, the period just before it of the same length (the
 * comparison), and buckets counted from the range's first day so bucket i of the current period
 * lines up with bucket i of the previous one.
 */
import { validationError } from '../../../kernel/index.js';

export type Bucket = 'day' | 'week';

/** Whole UTC days, both ends included (YYYY-MM-DD). */
export interface Period { from: string; to: string; days: number }

export interface BucketSpan { start: string; end: string }

const DAY = 86_400_000;
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const parseDay = (s: string) => new Date(`${s}T00:00:00.000Z`);
export const addDays = (day: string, n: number) => isoDay(new Date(parseDay(day).getTime() + n * DAY));

/** The requested range (default: the 30 days ending today) and the period before it. */
export function resolvePeriods(input: { from?: string; to?: string }, today: Date, maxDays: number): { current: Period; previous: Period } {
  const to = input.to ?? isoDay(today);
  const from = input.from ?? addDays(to, -29);
  for (const [field, v] of [['from', from], ['to', to]] as const) {
    if (Number.isNaN(parseDay(v).getTime()) || isoDay(parseDay(v)) !== v) throw validationError(`query.${field} is not a calendar date`, [{ field: `query.${field}`, message: 'must be a calendar date YYYY-MM-DD' }]);
  }
  const days = Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY) + 1;
  if (days < 1) throw validationError('query.to is before query.from', [{ field: 'query.to', message: 'must not be before from' }]);
  if (days > maxDays) throw validationError(`the range is longer than ${maxDays} days`, [{ field: 'query.from', message: `the range may span at most ${maxDays} days` }]);
  return { current: { from, to, days }, previous: { from: addDays(from, -days), to: addDays(from, -1), days } };
}

/** The half-open ISO timestamps [from, to) that cover a period's days. */
export const bounds = (p: Period) => ({ from: `${p.from}T00:00:00.000Z`, to: `${addDays(p.to, 1)}T00:00:00.000Z` });

/** Buckets of one day or seven days from the period's first day; the last may be shorter. */
export function buckets(p: Period, bucket: Bucket): BucketSpan[] {
  const size = bucket === 'week' ? 7 : 1;
  const out: BucketSpan[] = [];
  for (let i = 0; i < p.days; i += size) out.push({ start: addDays(p.from, i), end: addDays(p.from, Math.min(i + size, p.days) - 1) });
  return out;
}

/** Sums per-day rows into the period's buckets (days outside the period are ignored). */
export function rollUp<T extends { day: string }>(p: Period, bucket: Bucket, rows: T[], fields: (keyof T)[]): (BucketSpan & Record<string, number>)[] {
  const spans = buckets(p, bucket);
  const size = bucket === 'week' ? 7 : 1;
  const sums = spans.map((s) => ({ ...s, ...Object.fromEntries(fields.map((f) => [f, 0])) })) as (BucketSpan & Record<string, number>)[];
  const start = parseDay(p.from).getTime();
  for (const r of rows) {
    const offset = Math.round((parseDay(r.day).getTime() - start) / DAY);
    if (offset < 0 || offset >= p.days) continue;
    const i = Math.floor(offset / size);
    for (const f of fields) sums[i][f as string] += Number(r[f]);
  }
  return sums;
}

/** Relative change from the previous value (0.25 = up 25 %); null when there is nothing to compare with. */
export const change = (current: number | null, previous: number | null): number | null =>
  current === null || previous === null || previous === 0 ? null : (current - previous) / previous;
