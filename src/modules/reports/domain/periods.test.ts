import { describe, expect, it } from 'vitest';
import { bounds, buckets, change, resolvePeriods, rollUp } from './periods.js';

const today = new Date('2024-03-10T15:00:00Z');

describe('report periods', () => {
  it('defaults to the 30 days ending today, compared with the 30 before', () => {
    const { current, previous } = resolvePeriods({}, today, 400);
    expect(current).toEqual({ from: '2024-02-10', to: '2024-03-10', days: 30 });
    expect(previous).toEqual({ from: '2024-01-11', to: '2024-02-09', days: 30 });
  });

  it('takes a range across a leap day and month ends', () => {
    const { current, previous } = resolvePeriods({ from: '2024-02-28', to: '2024-03-01' }, today, 400);
    expect(current.days).toBe(3);
    expect(previous).toEqual({ from: '2024-02-25', to: '2024-02-27', days: 3 });
    expect(bounds(current)).toEqual({ from: '2024-02-28T00:00:00.000Z', to: '2024-03-02T00:00:00.000Z' });
  });

  it('refuses impossible dates, reversed and overlong ranges, naming the field', () => {
    expect(() => resolvePeriods({ from: '2023-02-30', to: '2023-03-01' }, today, 400)).toThrow(/calendar date/);
    expect(() => resolvePeriods({ from: '2024-03-02', to: '2024-03-01' }, today, 400)).toThrow(/before/);
    try { resolvePeriods({ from: '2020-01-01', to: '2024-01-01' }, today, 400); expect.unreachable(); } catch (e: any) {
      expect(e.details[0].field).toBe('query.from');
    }
  });

  it('counts week buckets from the first day, the last one shorter', () => {
    const p = { from: '2024-03-01', to: '2024-03-10', days: 10 };
    expect(buckets(p, 'week')).toEqual([{ start: '2024-03-01', end: '2024-03-07' }, { start: '2024-03-08', end: '2024-03-10' }]);
    expect(buckets(p, 'day')).toHaveLength(10);
  });

  it('rolls days up into buckets and ignores days outside', () => {
    const p = { from: '2024-03-01', to: '2024-03-10', days: 10 };
    const rows = [{ day: '2024-02-29', n: 100 }, { day: '2024-03-01', n: 1 }, { day: '2024-03-07', n: 2 }, { day: '2024-03-08', n: 4 }, { day: '2024-03-11', n: 100 }];
    expect(rollUp(p, 'week', rows, ['n']).map((b) => b.n)).toEqual([3, 4]);
  });

  it('reports change as a fraction, or null without a base', () => {
    expect(change(150, 100)).toBe(0.5);
    expect(change(50, 100)).toBe(-0.5);
    expect(change(10, 0)).toBeNull();
    expect(change(null, 5)).toBeNull();
  });
});
