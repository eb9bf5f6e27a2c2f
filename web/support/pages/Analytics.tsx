/** Support analytics: resolution rate, automated resolution rate, first response and handling times, CSAT — totals and their trend. */
import { useEffect, useState } from 'react';
import { Card, Stat } from '@shared/ui';
import { api, call } from '../app/session';
import { LineChart } from '../components/LineChart';

interface Series { start: string; conversations: number; resolved: number; automated: number; firstResponseMinutes: number | null; handlingMinutes: number | null; csatAverage: number | null; csatResponses: number }
interface Analytics {
  conversations: number; resolved: number; automated: number; resolutionRate: number | null; automatedResolutionRate: number | null;
  firstResponseMinutes: { median: number | null; average: number | null }; handlingMinutes: { median: number | null; average: number | null };
  csat: { average: number | null; responses: number; satisfiedShare: number | null }; byChannel: Record<string, number>; series: Series[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const pct = (v: number | null) => (v == null ? '—' : `${Math.round(v * 1000) / 10} %`);
export const duration = (m: number | null) => (m == null ? '—' : m < 60 ? `${Math.round(m)} min` : m < 48 * 60 ? `${(m / 60).toFixed(1)} h` : `${(m / 1440).toFixed(1)} d`);

export function AnalyticsPage() {
  const [range, setRange] = useState(() => ({ from: day(new Date(Date.now() - 29 * 86_400_000)), to: day(new Date()), bucket: 'day' as 'day' | 'week' }));
  const [data, setData] = useState<Analytics | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    call(() => api.GET('/admin/support/analytics', { params: { query: range as never } }))
      .then((r) => setData(r as Analytics)).catch((e: Error) => setError(e.message));
  }, [range.from, range.to, range.bucket]);
  const s = data?.series ?? [];
  return (
    <div className="sc-analytics-page">
      <div className="sc-kb-head">
        <h1 className="sc-list__title">Analytics</h1>
        <label>From <input type="date" className="ui-input" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} /></label>
        <label>To <input type="date" className="ui-input" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} /></label>
        <select aria-label="Bucket" className="ui-input ui-select" value={range.bucket} onChange={(e) => setRange({ ...range, bucket: e.target.value as 'day' | 'week' })}>
          <option value="day">Per day</option><option value="week">Per week</option>
        </select>
      </div>
      {error && <p role="alert" className="sc-error">{error}</p>}
      {data && (
        <>
          <div className="sc-stats">
            <Stat label="Conversations" value={data.conversations} />
            <Stat label="Resolution rate" value={pct(data.resolutionRate)} />
            <Stat label="Automated resolution" value={pct(data.automatedResolutionRate)} />
            <Stat label="First response (median)" value={duration(data.firstResponseMinutes.median)} />
            <Stat label="Handling time (median)" value={duration(data.handlingMinutes.median)} />
            <Stat label="CSAT" value={data.csat.average == null ? '—' : `${data.csat.average.toFixed(2)} / 5`} delta={data.csat.responses ? { text: `${data.csat.responses} answers, ${pct(data.csat.satisfiedShare)} happy`, good: (data.csat.satisfiedShare ?? 0) >= 0.8 } : undefined} />
          </div>
          <div className="sc-charts">
            <Card title="Volume and resolution"><LineChart title="Conversations started" points={s.map((b) => ({ label: b.start, value: b.conversations }))} format={(v) => String(Math.round(v))} />
              <LineChart title="Resolution rate" max={1} points={s.map((b) => ({ label: b.start, value: b.conversations ? b.resolved / b.conversations : null }))} format={pct} /></Card>
            <Card title="Automation"><LineChart title="Automated resolution rate" max={1} points={s.map((b) => ({ label: b.start, value: b.resolved ? b.automated / b.resolved : null }))} format={pct} /></Card>
            <Card title="Speed"><LineChart title="First response, median" points={s.map((b) => ({ label: b.start, value: b.firstResponseMinutes }))} format={duration} />
              <LineChart title="Handling time, median" points={s.map((b) => ({ label: b.start, value: b.handlingMinutes }))} format={duration} /></Card>
            <Card title="Satisfaction"><LineChart title="CSAT trend (average rating)" max={5} points={s.map((b) => ({ label: b.start, value: b.csatAverage }))} format={(v) => v.toFixed(1)} /></Card>
          </div>
          <p className="sc-muted">By channel: {Object.entries(data.byChannel).map(([k, v]) => `${k} ${v}`).join(' · ') || '—'}. Handling time runs from the customer's first message to resolution; automated means resolved with no answer from a person.</p>
        </>
      )}
    </div>
  );
}
