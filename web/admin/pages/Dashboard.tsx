/**
 * The dashboard: revenue, orders, average order value and conversion against the previous period,
 * the sales chart over a chosen range, top products and low stock; refreshed live from the event
 * stream when orders are placed or stock runs low.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Card, PageHeader, Select, Skeleton } from '@shared/ui';
import { formatNumber } from '@shared/format';
import { call } from '../app/api';
import { subscribeEvents, type StoreEvent } from '../app/events';
import { Link, setQuery, useLocation } from '../app/router';
import { useAsync } from '../app/use-async';
import { TrendChart } from '../components/TrendChart';
import { ErrorNote, money } from '../components/bits';

interface Figure { current: number | null; previous: number | null; change: number | null }
interface Dashboard {
  currency: string; bucket: 'day' | 'week';
  range: { from: string; to: string; days: number }; previousRange: { from: string; to: string; days: number };
  series: { start: string; end: string; revenue: number; orders: number; previousStart: string; previousRevenue: number; previousOrders: number }[];
  figures: Record<'revenue' | 'orders' | 'averageOrderValue' | 'conversionRate' | 'grossSales' | 'refunds' | 'customers' | 'units' | 'carts', Figure>;
  topProducts: { productId: string | null; title: string; units: number; orders: number; revenue: number; share: number }[];
  lowStock: { items: { variantId: string; productId: string | null; productTitle: string; variantTitle: string | null; sku: string | null; locationName: string; available: number; reorderPoint: number | null }[]; total: number; more: boolean };
}

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const PRESETS: { key: string; label: string; days: number }[] = [
  { key: '7', label: 'Last 7 days', days: 7 }, { key: '30', label: 'Last 30 days', days: 30 }, { key: '90', label: 'Last 90 days', days: 90 }, { key: '365', label: 'Last 12 months', days: 365 },
];

const defaultRange = () => { const to = new Date(); return { from: iso(new Date(to.getTime() - 29 * DAY)), to: iso(to) }; };
let prefetched: { key: string; answer: Promise<Dashboard> } | null = null;

/** Starts loading the default dashboard while the app boots (saves a round trip after sign-in is checked). */
export function prefetchDashboard(): void {
  const range = defaultRange();
  const answer = call<Dashboard>('GET', '/admin/reports/dashboard', { query: range });
  answer.catch(() => undefined);
  prefetched = { key: `${range.from}/${range.to}`, answer };
}

function loadDashboard(range: { from: string; to: string }): Promise<Dashboard> {
  const p = prefetched;
  prefetched = null;
  if (p && p.key === `${range.from}/${range.to}`) return p.answer;
  return call<Dashboard>('GET', '/admin/reports/dashboard', { query: range });
}

function Delta({ change, inverse = false }: { change: number | null; inverse?: boolean }) {
  if (change === null) return <span className="kpi__delta kpi__delta--flat">no comparison</span>;
  const up = change > 0;
  const flat = Math.abs(change) < 0.0005;
  const good = flat ? null : up !== inverse;
  return (
    <span className={`kpi__delta ${flat ? 'kpi__delta--flat' : good ? 'kpi__delta--good' : 'kpi__delta--bad'}`}>
      <span aria-hidden="true">{flat ? '→' : up ? '▲' : '▼'}</span> {formatNumber(Math.abs(change), 'en', { style: 'percent', maximumFractionDigits: 1 })}
      <span className="ui-visually-hidden">{up ? ' up' : ' down'} on the previous period</span>
    </span>
  );
}

function Kpi({ label, figure, format, live }: { label: string; figure?: Figure; format(v: number): string; live?: boolean }) {
  return (
    <div className={`kpi${live ? ' kpi--pulse' : ''}`} data-testid={`kpi-${label.toLowerCase().replace(/\W+/g, '-')}`}>
      <span className="kpi__label">{label}</span>
      {figure ? <>
        <span className="kpi__value">{figure.current === null ? '—' : format(figure.current)}</span>
        <span className="kpi__foot"><Delta change={figure.change} /> <span className="kpi__prev">vs {figure.previous === null ? '—' : format(figure.previous)}</span></span>
      </> : <><Skeleton width="60%" height={30} /><Skeleton width="40%" /></>}
    </div>
  );
}

export function DashboardPage() {
  const { query } = useLocation();
  const preset = query.get('range') ?? '30';
  const metric = query.get('metric') === 'orders' ? 'orders' : 'revenue';
  const custom = { from: query.get('from') ?? undefined, to: query.get('to') ?? undefined };
  const range = useMemo(() => {
    if (preset === 'custom' && custom.from && custom.to) return { from: custom.from, to: custom.to };
    const days = PRESETS.find((p) => p.key === preset)?.days ?? 30;
    const to = new Date();
    return { from: iso(new Date(to.getTime() - (days - 1) * DAY)), to: iso(to) };
  }, [preset, custom.from, custom.to]);
  const { data, error, reload } = useAsync(() => loadDashboard(range), [range.from, range.to]);
  const [feed, setFeed] = useState<StoreEvent[]>([]);
  const [live, setLive] = useState(false);
  const [pulse, setPulse] = useState(false);
  const reloadRef = useRef(reload);
  reloadRef.current = reload;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stream = subscribeEvents(['order.placed', 'order.refunded', 'order.cancelled', 'order.status_changed', 'fulfillment.shipped', 'inventory.low_stock'], (e) => {
      setFeed((f) => [e, ...f].slice(0, 8));
      if (e.type === 'order.placed') { setPulse(true); setTimeout(() => setPulse(false), 1500); }
      // Several events often arrive together: refresh the figures once for the burst.
      clearTimeout(timer);
      timer = setTimeout(() => reloadRef.current(), 400);
    }, setLive);
    return () => { clearTimeout(timer); stream.close(); };
  }, []);

  const fmtMoney = (v: number) => money(Math.round(v), data?.currency ?? 'USD');
  const shortMoney = (v: number) => formatNumber(v / 100, 'en', { style: 'currency', currency: data?.currency ?? 'USD', notation: 'compact', maximumFractionDigits: 1 });
  const points = (data?.series ?? []).map((p) => ({
    label: p.start, previousLabel: p.previousStart,
    value: metric === 'orders' ? p.orders : p.revenue, previous: metric === 'orders' ? p.previousOrders : p.previousRevenue,
  }));

  return (
    <>
      <PageHeader title="Dashboard" subtitle={data ? `${data.range.from} – ${data.range.to} compared with ${data.previousRange.from} – ${data.previousRange.to}` : 'Loading figures…'}
        actions={
          <div className="range-picker">
            <span className={`live-dot${live ? ' live-dot--on' : ''}`} title={live ? 'Live updates on' : 'Connecting…'}>{live ? 'Live' : 'Offline'}</span>
            <Select label="Date range" hideLabel value={preset} onChange={(e) => setQuery({ range: e.target.value, from: undefined, to: undefined })}
              options={[...PRESETS.map((p) => ({ value: p.key, label: p.label })), { value: 'custom', label: 'Custom range' }]} />
            {preset === 'custom' && <>
              <input className="ui-input range-picker__date" type="date" aria-label="From" value={custom.from ?? range.from} onChange={(e) => setQuery({ from: e.target.value, to: custom.to ?? range.to })} />
              <input className="ui-input range-picker__date" type="date" aria-label="To" value={custom.to ?? range.to} onChange={(e) => setQuery({ to: e.target.value, from: custom.from ?? range.from })} />
            </>}
          </div>
        } />
      <ErrorNote error={error} />
      <div className="kpis">
        <Kpi label="Revenue" figure={data?.figures.revenue} format={fmtMoney} live={pulse} />
        <Kpi label="Orders" figure={data?.figures.orders} format={(v) => formatNumber(v)} live={pulse} />
        <Kpi label="Average order value" figure={data?.figures.averageOrderValue} format={fmtMoney} />
        <Kpi label="Conversion" figure={data?.figures.conversionRate} format={(v) => formatNumber(v, 'en', { style: 'percent', maximumFractionDigits: 1 })} />
      </div>
      <div className="dash-grid">
        <Card title={metric === 'orders' ? 'Orders' : 'Revenue'} className="dash-chart"
          actions={<div className="seg" role="group" aria-label="Chart figure">
            <button type="button" className={metric === 'revenue' ? 'seg__on' : ''} onClick={() => setQuery({ metric: undefined })}>Revenue</button>
            <button type="button" className={metric === 'orders' ? 'seg__on' : ''} onClick={() => setQuery({ metric: 'orders' })}>Orders</button>
          </div>}>
          {data ? <TrendChart title={`${metric} per ${data.bucket}`} points={points} format={metric === 'orders' ? (v) => formatNumber(Math.round(v)) : shortMoney} />
            : <Skeleton height={260} />}
          {data && <div className="dash-sub">
            <span>Gross sales <strong>{fmtMoney(data.figures.grossSales.current ?? 0)}</strong></span>
            <span>Refunds <strong>{fmtMoney(data.figures.refunds.current ?? 0)}</strong></span>
            <span>Customers <strong>{formatNumber(data.figures.customers.current ?? 0)}</strong></span>
            <span>Units <strong>{formatNumber(data.figures.units.current ?? 0)}</strong></span>
            <span>Carts started <strong>{formatNumber(data.figures.carts.current ?? 0)}</strong></span>
          </div>}
        </Card>
        <Card title="Live activity" className="dash-feed">
          {feed.length === 0 ? <p className="muted">New orders, shipments and stock alerts appear here as they happen.</p> : (
            <ul className="feed">
              {feed.map((e) => (
                <li key={e.id}>
                  <span className={`feed__dot feed__dot--${e.type.split('.')[0]}`} aria-hidden="true" />
                  <span>{describe(e)}</span>
                  <time className="muted">{new Date(e.occurredAt).toLocaleTimeString()}</time>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Top products">
          {data && data.topProducts.length === 0 && <p className="muted">No sales in this range.</p>}
          <ol className="top-list">
            {(data?.topProducts ?? []).map((p) => (
              <li key={p.productId ?? p.title}>
                <div className="top-list__row">
                  {p.productId ? <Link to={`/products/${p.productId}`}>{p.title}</Link> : <span>{p.title}</span>}
                  <strong>{fmtMoney(p.revenue)}</strong>
                </div>
                <div className="bar" aria-hidden="true"><span style={{ width: `${Math.max(2, p.share * 100 / Math.max(...data!.topProducts.map((x) => x.share)))}%` }} /></div>
                <span className="muted small">{formatNumber(p.units)} units · {formatNumber(p.orders)} orders · {formatNumber(p.share, 'en', { style: 'percent', maximumFractionDigits: 1 })} of sales</span>
              </li>
            ))}
          </ol>
        </Card>
        <Card title="Low stock" actions={<Link to="/inventory?lowStock=1">View all{data ? ` (${data.lowStock.total}${data.lowStock.more ? '+' : ''})` : ''}</Link>}>
          {data && data.lowStock.items.length === 0 && <p className="muted">Nothing is running low.</p>}
          <table className="mini-table">
            <tbody>
              {(data?.lowStock.items ?? []).map((l) => (
                <tr key={`${l.variantId}@${l.locationName}`}>
                  <td>{l.productId ? <Link to={`/products/${l.productId}`}>{l.productTitle}</Link> : l.productTitle}<div className="muted small">{[l.variantTitle, l.sku].filter(Boolean).join(' · ')} — {l.locationName}</div></td>
                  <td className="num"><span className={l.available <= 0 ? 'stock stock--out' : 'stock stock--low'}>{l.available}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
      {error && <Button onClick={reload}>Try again</Button>}
    </>
  );
}

function describe(e: StoreEvent): string {
  const p = e.payload ?? {};
  switch (e.type) {
    case 'order.placed': return `New order #${p.number ?? ''}`.trim() + (p.total !== undefined && p.currency ? ` — ${money(p.total, p.currency)}` : '');
    case 'order.refunded': return `Refund on order #${p.number ?? ''}`;
    case 'order.cancelled': return `Order #${p.number ?? ''} cancelled`;
    case 'order.status_changed': return `Order #${p.number ?? ''} is now ${String(p.to ?? p.status ?? '').replace(/_/g, ' ')}`;
    case 'fulfillment.shipped': return 'A parcel shipped';
    case 'inventory.low_stock': return `Low stock: ${p.available ?? ''} left`;
    default: return e.type;
  }
}
