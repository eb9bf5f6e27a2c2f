/** Customers: search, and a profile with their orders and what they have spent. */
import { useState } from 'react';
import { Card, Input, PageHeader } from '@shared/ui';
import { formatDate, formatDateTime } from '@shared/format';
import { call } from '../app/api';
import { Link, navigate, setQuery, useLocation } from '../app/router';
import { useAsync } from '../app/use-async';
import { ListCard } from '../components/ListCard';
import { Detail, ErrorNote, money, StatusBadge, Toolbar } from '../components/bits';
import type { OrderSummary } from './Orders';

interface Customer { id: string; email: string; firstName: string; lastName: string; phone: string | null; acceptsMarketing: boolean; status: string; createdAt: string }

export function CustomersPage() {
  const { query } = useLocation();
  const search = query.get('q') ?? '';
  const [text, setText] = useState(search);
  return (
    <>
      <PageHeader title="Customers" subtitle="Accounts, newest first" />
      <Toolbar>
        <form className="toolbar-search" onSubmit={(e) => { e.preventDefault(); setQuery({ q: text.trim() || undefined }); }}>
          <Input label="Search customers" hideLabel type="search" placeholder="Search by name or email" value={text} onChange={(e) => setText(e.target.value)} />
        </form>
      </Toolbar>
      <ListCard<Customer> path="/admin/customers" query={{ search, limit: 50 }} rowKey={(c) => c.id} onRowClick={(c) => navigate(`/customers/${c.id}`)}
        columns={[
          { key: 'n', header: 'Name', render: (c) => <Link to={`/customers/${c.id}`}><strong>{`${c.firstName} ${c.lastName}`.trim() || '—'}</strong></Link> },
          { key: 'e', header: 'Email', render: (c) => c.email },
          { key: 's', header: 'Status', render: (c) => <StatusBadge status={c.status} /> },
          { key: 'm', header: 'Marketing', render: (c) => (c.acceptsMarketing ? 'Subscribed' : '—') },
          { key: 'd', header: 'Since', render: (c) => formatDate(c.createdAt) },
        ]} />
    </>
  );
}

export function CustomerPage({ id }: { id: string }) {
  const customer = useAsync(() => call<Customer & { addresses?: unknown[] }>('GET', `/admin/customers/${id}`), [id]);
  const orders = useAsync(() => call<{ items: OrderSummary[] }>('GET', '/admin/orders', { query: { customerId: id, limit: 100 } }).then((r) => r.items), [id]);
  const c = customer.data;
  const list = orders.data ?? [];
  const live = list.filter((o) => o.status !== 'cancelled');
  const currency = live[0]?.currency ?? 'USD';
  const value = live.filter((o) => o.currency === currency).reduce((s, o) => s + o.total - o.refundedTotal, 0);
  return (
    <>
      <div className="crumbs"><Link to="/customers">Customers</Link> / {c?.email}</div>
      <ErrorNote error={customer.error} />
      {c && <PageHeader title={`${c.firstName} ${c.lastName}`.trim() || c.email} subtitle={`Customer since ${formatDate(c.createdAt)}`} />}
      <div className="kpis kpis--3">
        <div className="kpi"><span className="kpi__label">Lifetime value</span><span className="kpi__value">{money(value, currency)}</span></div>
        <div className="kpi"><span className="kpi__label">Orders</span><span className="kpi__value">{live.length}</span></div>
        <div className="kpi"><span className="kpi__label">Average order</span><span className="kpi__value">{live.length ? money(Math.round(value / live.length), currency) : '—'}</span></div>
      </div>
      <div className="order-grid">
        <div className="order-main">
          <Card title="Orders">
            {list.length === 0 && <p className="muted">{orders.loading ? 'Loading…' : 'No orders yet.'}</p>}
            <table className="lines">
              <tbody>
                {list.map((o) => (
                  <tr key={o.id}>
                    <td><Link to={`/orders/${o.id}`}><strong>{o.displayNumber}</strong></Link><div className="muted small">{formatDateTime(o.placedAt)}</div></td>
                    <td><StatusBadge status={o.status} /></td>
                    <td className="num">{money(o.total, o.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </div>
        <aside className="order-side">
          {c && <Card title="Contact"><dl className="admin-details"><Detail label="Email">{c.email}</Detail><Detail label="Phone">{c.phone ?? '—'}</Detail><Detail label="Status"><StatusBadge status={c.status} /></Detail></dl></Card>}
        </aside>
      </div>
    </>
  );
}
