/** Small display helpers for the console. */
import type { Tone } from '@shared/ui';

export const statusTone = (s: string): Tone => (s === 'open' ? 'info' : s === 'pending' ? 'warning' : s === 'resolved' ? 'success' : 'neutral');
export const priorityTone = (p: string): Tone => (p === 'urgent' ? 'danger' : p === 'high' ? 'warning' : 'neutral');
export const sentimentTone = (label: string): Tone => (label === 'negative' ? 'danger' : label === 'positive' ? 'success' : 'neutral');

/** "just now", "5 min", "3 h", "2 d" — compact times for lists. */
export function relative(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}

/** Time until (or since) a deadline, for the SLA clock. */
export function until(iso: string, now = Date.now()): string {
  const ms = Date.parse(iso) - now;
  const m = Math.round(Math.abs(ms) / 60000);
  const text = m < 60 ? `${m} min` : m < 1440 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${Math.floor(m / 1440)} d`;
  return ms >= 0 ? `due in ${text}` : `overdue by ${text}`;
}
