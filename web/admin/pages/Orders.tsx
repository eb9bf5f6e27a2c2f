/** Orders: a filterable list (status, payment, fulfilment, channel, email, dates), newest first. */
import { useEffect, useState } from 'react';
import { Card, Input, PageHeader, Select, Table } from '@shared/ui';
import { formatDateTime } from '@shared/format';
import { call } from '../app/api';
import { navigate, setQuery, useLocation } from '../app/router';
import { ErrorNote, humanise, money, Pager, StatusBadge, Toolbar } from '../components/bits';

export interface OrderSummary {
  id: string; number: number; displayNumber: string; email: string; status: string; paymentStatus: string; fulfillmentStatus: string;
  channel: string; currency: string; total: number; refundedTotal: number; itemCount: number; placedAt: string; customerId: string | null;
}

const opts = (values: string[]) => [{ value: '', label: 'Any' }, ...values.map((v) => ({ value: v, label: humanise(v) }))];
const STATUSES = ['pending', 'paid', 'fulfilling', 'partially_fulfilled', 'fulfilled', 'completed', 'cancelled', 'on_hold'];
const PAYMENTS = ['pending', 'authorized', 'paid', 'partially_refunded', 'refunded', 'voided', 'charged_back'];
const FULFILMENTS = ['unfulfilled', 'partially_fulfilled', 'fulfilled', 'partially_returned', 'returned'];
const CHANNELS = ['web', 'pos', 'pickup', 'mobile', 'marketplace'];

export function OrdersPage() {
  const { query } = useLocation();
  const filters = {
    status: query.get('status') ?? '', paymentStatus: query.get('paymentStatus') ?? '', fulfillmentStatus: query.get('fulfillmentStatus') ?? '',
    channel: query.get('channel') ?? '', email: query.get('email') ?? '', placedFrom: query.get('from') ?? '', placedTo: query.get('to') ?? '',
  };
  const key = JSON.stringify(filters);
  const [rows, setRows] = useState<OrderSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const [email, setEmail] = useState(filters.email);

  const load = async (after?: string) => {
    setLoading(true);
    try {
      const page = await call<{ items: OrderSummary[]; nextCursor: string | null }>('GET', '/admin/orders', { query: { ...filters, limit: 50, cursor: after } });
      setRows((r) => (after ? [...r, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(undefined);
    } catch (e) { setError(e as Error); } finally { setLoading(false); }
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { void load(); }, [key]);

  return (
    <>
      <PageHeader title="Orders" subtitle="Every order, newest first" />
      <Card>
        <Toolbar>
          <form className="toolbar-search" onSubmit={(e) => { e.preventDefault(); setQuery({ email: email.trim() || undefined }); }}>
            <Input label="Customer email" hideLabel placeholder="Search by customer email" type="search" value={email} onChange={(e) => setEmail(e.target.value)} />
          </form>
          <Select label="Status" value={filters.status} options={opts(STATUSES)} onChange={(e) => setQuery({ status: e.target.value })} />
          <Select label="Payment" value={filters.paymentStatus} options={opts(PAYMENTS)} onChange={(e) => setQuery({ paymentStatus: e.target.value })} />
          <Select label="Fulfilment" value={filters.fulfillmentStatus} options={opts(FULFILMENTS)} onChange={(e) => setQuery({ fulfillmentStatus: e.target.value })} />
          <Select label="Channel" value={filters.channel} options={opts(CHANNELS)} onChange={(e) => setQuery({ channel: e.target.value })} />
          <Input label="Placed from" type="date" value={filters.placedFrom} onChange={(e) => setQuery({ from: e.target.value })} />
          <Input label="Placed before" type="date" value={filters.placedTo} onChange={(e) => setQuery({ to: e.target.value })} />
        </Toolbar>
        <ErrorNote error={error} />
        <Table<OrderSummary>
          caption="Orders" rows={rows} rowKey={(o) => o.id} onRowClick={(o) => navigate(`/orders/${o.id}`)}
          empty={loading ? 'Loading…' : 'No orders match these filters.'}
          columns={[
            { key: 'n', header: 'Order', render: (o) => <a href={`#/orders/${o.id}`} onClick={(e) => e.stopPropagation()}><strong>{o.displayNumber}</strong></a> },
            { key: 'd', header: 'Placed', render: (o) => formatDateTime(o.placedAt) },
            { key: 'c', header: 'Customer', render: (o) => o.email },
            { key: 's', header: 'Status', render: (o) => <StatusBadge status={o.status} /> },
            { key: 'p', header: 'Payment', render: (o) => <StatusBadge status={o.paymentStatus} /> },
            { key: 'f', header: 'Fulfilment', render: (o) => <StatusBadge status={o.fulfillmentStatus} /> },
            { key: 'i', header: 'Items', align: 'right', render: (o) => o.itemCount },
            { key: 't', header: 'Total', align: 'right', render: (o) => <span className="num">{money(o.total, o.currency)}</span> },
          ]}
        />
        <Pager hasMore={!!cursor} loading={loading} onMore={() => void load(cursor!)} />
      </Card>
    </>
  );
}
