/** Discounts: promotions (codes and automatic), their usage, create, pause and delete. */
import { useState } from 'react';
import { Alert, Button, Dialog, Input, PageHeader, Select, useToast } from '@shared/ui';
import { formatDate, parseMoney } from '@shared/format';
import { call } from '../app/api';
import { useSession } from '../app/session';
import { ListCard } from '../components/ListCard';
import { humanise, money } from '../components/bits';

interface Promotion { id: string; name: string; code: string | null; automatic: boolean; kind: string; percent: number | null; amount: number | null; currency: string | null; usageCount: number; usageLimit: number | null; active: boolean; endsAt: string | null }

export function DiscountsPage() {
  const { can } = useSession();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const act = async (f: () => Promise<unknown>, msg: string) => { try { await f(); toast.success(msg); setRefresh((n) => n + 1); } catch (e) { toast.error((e as Error).message); } };
  return (
    <>
      <PageHeader title="Discounts" subtitle="Codes and automatic promotions" actions={can('catalog:write') && <Button onClick={() => setCreating(true)}>Create discount</Button>} />
      <ListCard<Promotion> path="/admin/promotions" query={{ limit: 100 }} refresh={refresh} rowKey={(p) => p.id} empty="No discounts yet."
        columns={[
          { key: 'n', header: 'Name', render: (p) => <strong>{p.name}</strong> },
          { key: 'c', header: 'Code', render: (p) => (p.code ? <code>{p.code}</code> : <span className="muted">Automatic</span>) },
          { key: 'k', header: 'Offer', render: (p) => (p.percent ? `${p.percent}% off` : p.amount ? `${money(p.amount, p.currency ?? 'USD')} off` : humanise(p.kind)) },
          { key: 'u', header: 'Used', align: 'right', render: (p) => `${p.usageCount}${p.usageLimit ? ` / ${p.usageLimit}` : ''}` },
          { key: 'e', header: 'Ends', render: (p) => (p.endsAt ? formatDate(p.endsAt) : '—') },
          { key: 's', header: 'Status', render: (p) => (p.active ? 'Active' : 'Paused') },
          { key: 'x', header: '', align: 'right', render: (p) => can('catalog:write') && <span className="row-actions">
            <Button size="sm" variant="ghost" onClick={() => void act(() => call('PATCH', `/admin/promotions/${p.id}`, { body: { active: !p.active } }), p.active ? 'Paused' : 'Activated')}>{p.active ? 'Pause' : 'Activate'}</Button>
            <Button size="sm" variant="ghost" onClick={() => { if (confirm(`Delete ${p.name}?`)) void act(() => call('DELETE', `/admin/promotions/${p.id}`), 'Deleted'); }}>Delete</Button>
          </span> },
        ]} />
      {creating && <CreateDialog onClose={() => setCreating(false)} onDone={() => { setCreating(false); toast.success('Discount created'); setRefresh((n) => n + 1); }} />}
    </>
  );
}

function CreateDialog({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [kind, setKind] = useState('percentage');
  const [value, setValue] = useState('');
  const [limit, setLimit] = useState('');
  const [error, setError] = useState<string>();
  const submit = async () => {
    try {
      const amount = kind === 'fixed_amount' ? parseMoney(value, 'USD') : null;
      await call('POST', '/admin/promotions', { body: {
        name: name.trim(), code: code.trim() || null, kind,
        ...(kind === 'percentage' ? { percent: Number(value) } : kind === 'fixed_amount' ? { amount, currency: 'USD', amountScope: 'order' } : {}),
        ...(limit ? { usageLimit: Number(limit) } : {}),
      } });
      onDone();
    } catch (e) { setError((e as Error).message); }
  };
  return (
    <Dialog open onClose={onClose} title="Create discount" footer={<><Button variant="ghost" onClick={onClose}>Cancel</Button><Button disabled={!name.trim()} onClick={() => void submit()}>Create</Button></>}>
      {error && <Alert tone="danger">{error}</Alert>}
      <Input label="Name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Summer sale" />
      <Input label="Code" hint="Leave empty for an automatic discount" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} placeholder="SUMMER10" />
      <Select label="Type" value={kind} onChange={(e) => setKind(e.target.value)} options={[{ value: 'percentage', label: 'Percentage off' }, { value: 'fixed_amount', label: 'Fixed amount off the order' }, { value: 'free_shipping', label: 'Free shipping' }]} />
      {kind !== 'free_shipping' && <Input label={kind === 'percentage' ? 'Percent' : 'Amount (USD)'} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />}
      <Input label="Usage limit (optional)" inputMode="numeric" value={limit} onChange={(e) => setLimit(e.target.value.replace(/\D/g, ''))} />
    </Dialog>
  );
}
