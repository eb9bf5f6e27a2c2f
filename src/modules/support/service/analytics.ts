/**
 * Support analytics over whole UTC days: how many conversations came in and how many were
 * resolved (resolution rate), how many of those the assistant settled without a person
 * (automated resolution rate), first response time, handling time (first message to
 * resolution), and CSAT (average rating and share of 4–5) — in total and per day or week.
 */
import { median as medianOf } from '../../../ai/ml/common/robust-stats.js';
import type { Ctx } from '../../../platform/index.js';

export interface AnalyticsQuery { from: string; to: string; bucket: 'day' | 'week' }

interface Bucket {
  start: string; conversations: number; resolved: number; automated: number;
  firstResponseMinutes: number | null; handlingMinutes: number | null; csatAverage: number | null; csatResponses: number;
}

const DAY = 86_400_000;
const median = (xs: number[]) => (xs.length ? medianOf(xs) : null);
const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const round = (v: number | null, d = 1) => (v == null ? null : Number(v.toFixed(d)));
const mins = (a: string, b: string) => Math.max(0, (Date.parse(b) - Date.parse(a)) / 60_000);

export async function supportAnalytics(ctx: Ctx, q: AnalyticsQuery) {
  const from = new Date(`${q.from}T00:00:00.000Z`);
  const toExcl = new Date(Date.parse(`${q.to}T00:00:00.000Z`) + DAY);
  const conv = await ctx.db.selectFrom('support_conversations').select(['id', 'created_at', 'first_response_at', 'resolved_at', 'resolved_by', 'status', 'channel'])
    .where('created_at', '>=', from.toISOString()).where('created_at', '<', toExcl.toISOString()).limit(100_000).execute();
  // Conversations a person answered: not automated, whoever pressed resolve.
  const human = new Set((await ctx.db.selectFrom('support_messages').select('conversation_id').distinct().where('author_kind', '=', 'agent')
    .where('created_at', '>=', from.toISOString()).execute()).map((r: any) => r.conversation_id as string));
  const surveys = await ctx.db.selectFrom('support_csat').select(['rating', 'answered_at']).where('answered_at', '>=', from.toISOString())
    .where('answered_at', '<', toExcl.toISOString()).where('rating', 'is not', null).execute();

  const step = q.bucket === 'week' ? 7 * DAY : DAY;
  const n = Math.max(1, Math.ceil((toExcl.getTime() - from.getTime()) / step));
  const raw = Array.from({ length: n }, (_, i) => ({ start: new Date(from.getTime() + i * step).toISOString().slice(0, 10), conv: [] as any[], ratings: [] as number[] }));
  const at = (iso: string) => Math.min(n - 1, Math.floor((Date.parse(iso) - from.getTime()) / step));
  for (const c of conv as any[]) raw[at(c.created_at)].conv.push(c);
  for (const s of surveys as any[]) raw[at(s.answered_at)].ratings.push(Number(s.rating));

  const summarise = (cs: any[], ratings: number[]) => {
    const resolved = cs.filter((c) => c.resolved_at);
    const automated = resolved.filter((c) => !human.has(c.id) && !String(c.resolved_by ?? '').startsWith('staff:'));
    const frt = cs.filter((c) => c.first_response_at).map((c) => mins(c.created_at, c.first_response_at));
    const handling = resolved.map((c) => mins(c.created_at, c.resolved_at));
    return {
      conversations: cs.length, resolved: resolved.length, automated: automated.length,
      resolutionRate: cs.length ? round(resolved.length / cs.length, 3) : null,
      automatedResolutionRate: resolved.length ? round(automated.length / resolved.length, 3) : null,
      firstResponseMinutes: { median: round(median(frt)), average: round(avg(frt)) },
      handlingMinutes: { median: round(median(handling)), average: round(avg(handling)) },
      csat: { average: round(avg(ratings), 2), responses: ratings.length, satisfiedShare: ratings.length ? round(ratings.filter((r) => r >= 4).length / ratings.length, 3) : null },
    };
  };
  const total = summarise(conv as any[], (surveys as any[]).map((s) => Number(s.rating)));
  const byChannel: Record<string, number> = {};
  for (const c of conv as any[]) byChannel[c.channel] = (byChannel[c.channel] ?? 0) + 1;
  const series: Bucket[] = raw.map((b) => {
    const s = summarise(b.conv, b.ratings);
    return {
      start: b.start, conversations: s.conversations, resolved: s.resolved, automated: s.automated,
      firstResponseMinutes: s.firstResponseMinutes.median, handlingMinutes: s.handlingMinutes.median, csatAverage: s.csat.average, csatResponses: s.csat.responses,
    };
  });
  return { from: q.from, to: q.to, bucket: q.bucket, ...total, byChannel, series };
}
