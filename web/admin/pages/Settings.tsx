/** Settings: taxes, shipping zones and methods, payment providers and stock locations. */
import { PageHeader, Tabs } from '@shared/ui';
import { formatPercentBp } from '@shared/format';
import { setQuery, useLocation } from '../app/router';
import { ListCard } from '../components/ListCard';
import { humanise, money } from '../components/bits';

type Tab = 'taxes' | 'shipping' | 'payments' | 'locations';

export function SettingsPage() {
  const { query } = useLocation();
  const tab = (query.get('tab') as Tab) || 'taxes';
  return (
    <>
      <PageHeader title="Settings" />
      <Tabs<Tab> label="Settings" value={tab} onChange={(k) => setQuery({ tab: k })} tabs={[{ key: 'taxes', label: 'Taxes' }, { key: 'shipping', label: 'Shipping' }, { key: 'payments', label: 'Payments' }, { key: 'locations', label: 'Locations' }]} />
      <div className="tab-body">
        {tab === 'taxes' && <ListCard<any> title="Tax rates" path="/admin/tax/rates" rowKey={(r) => r.id} columns={[
          { key: 'n', header: 'Name', render: (r) => r.name },
          { key: 'c', header: 'Where', render: (r) => [r.country, r.region, r.postalPrefix].filter(Boolean).join(' · ') },
          { key: 'r', header: 'Rate', align: 'right', render: (r) => formatPercentBp(r.rateBp) },
        ]} />}
        {tab === 'shipping' && <>
          <ListCard<any> title="Zones" path="/admin/shipping/zones" rowKey={(z) => z.id} columns={[
            { key: 'n', header: 'Zone', render: (z) => <strong>{z.name}</strong> },
            { key: 'a', header: 'Areas', render: (z) => (z.areas ?? []).map((a: any) => [a.country, a.region].filter(Boolean).join('-')).join(', ') },
          ]} />
          <ListCard<any> title="Methods" path="/admin/shipping/methods" rowKey={(m) => m.id} columns={[
            { key: 'n', header: 'Method', render: (m) => <strong>{m.name}</strong> },
            { key: 'k', header: 'Kind', render: (m) => humanise(m.kind) },
            { key: 'p', header: 'Price', align: 'right', render: (m) => (m.brackets?.length ? money(m.brackets[0].amount, m.currency ?? 'USD') : 'Free') },
            { key: 'a', header: 'Active', render: (m) => (m.active === false ? 'No' : 'Yes') },
          ]} />
        </>}
        {tab === 'payments' && <ListCard<any> title="Recent payments" path="/admin/payments" query={{ limit: 25 }} rowKey={(p) => p.id} columns={[
          { key: 'p', header: 'Provider', render: (p) => p.provider },
          { key: 's', header: 'Status', render: (p) => humanise(p.status) },
          { key: 'a', header: 'Amount', align: 'right', render: (p) => money(p.amount, p.currency) },
          { key: 'r', header: 'Reference', render: (p) => <code className="small">{p.reference}</code> },
        ]} />}
        {tab === 'locations' && <ListCard<any> title="Stock locations" path="/admin/locations" query={{ limit: 100 }} rowKey={(l) => l.id} columns={[
          { key: 'n', header: 'Location', render: (l) => <strong>{l.name}</strong> },
          { key: 'k', header: 'Kind', render: (l) => humanise(l.kind) },
          { key: 'p', header: 'Pickup', render: (l) => (l.pickup ? 'Yes' : '—') },
          { key: 'a', header: 'Address', render: (l) => [l.address?.city, l.address?.country].filter(Boolean).join(', ') },
          { key: 's', header: 'Status', render: (l) => (l.active ? 'Active' : 'Inactive') },
        ]} />}
      </div>
    </>
  );
}
