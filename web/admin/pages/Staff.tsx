/** Staff and roles: who can sign in, their role, MFA and last sign-in; add staff and change roles. */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Dialog, Input, PageHeader, Select, useToast } from '@shared/ui';
import { formatDateTime } from '@shared/format';
import { call } from '../app/api';
import { ListCard } from '../components/ListCard';
import { StatusBadge } from '../components/bits';

interface Staff { id: string; email: string; name: string; role: string; status: string; mfaEnabled: boolean; lastLoginAt: string | null }
const ROLES = ['owner', 'admin', 'staff', 'support', 'clerk'];
const ROLE_TEXT: Record<string, string> = {
  owner: 'Everything, including staff, settings and the audit log.', admin: 'Everything, including staff, settings and the audit log.',
  staff: 'Catalog, inventory, orders and fulfilment, customers (read), reports.', support: 'Orders, refunds, customers and the support inbox.',
  clerk: 'Point of sale, fulfilment and reading the catalog and stock.',
};

export function StaffPage() {
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const setRole = async (s: Staff, role: string) => {
    try { await call('PATCH', `/admin/staff/${s.id}`, { body: { role } }); toast.success(`${s.name} is now ${role}`); setRefresh((n) => n + 1); } catch (e) { toast.error((e as Error).message); }
  };
  return (
    <>
      <PageHeader title="Staff and roles" actions={<Button onClick={() => setAdding(true)}>Add staff</Button>} />
      <ListCard<Staff> path="/admin/staff" query={{ limit: 100 }} refresh={refresh} rowKey={(s) => s.id}
        columns={[
          { key: 'n', header: 'Name', render: (s) => <><strong>{s.name}</strong><div className="muted small">{s.email}</div></> },
          { key: 'r', header: 'Role', render: (s) => <select className="ui-input ui-select role-select" aria-label={`Role of ${s.name}`} value={s.role} onChange={(e) => void setRole(s, e.target.value)}>{ROLES.map((r) => <option key={r} value={r}>{r}</option>)}</select> },
          { key: 'm', header: 'Two-step', render: (s) => (s.mfaEnabled ? <Badge tone="success">On</Badge> : <Badge tone="warning">Off</Badge>) },
          { key: 's', header: 'Status', render: (s) => <StatusBadge status={s.status} /> },
          { key: 'l', header: 'Last sign-in', render: (s) => (s.lastLoginAt ? formatDateTime(s.lastLoginAt) : 'Never') },
        ]} />
      <Card title="What each role may do">
        <dl className="admin-details">{ROLES.map((r) => <div key={r} className="admin-detail"><dt>{r}</dt><dd>{ROLE_TEXT[r]}</dd></div>)}</dl>
      </Card>
      {adding && <AddDialog onClose={() => setAdding(false)} onDone={() => { setAdding(false); toast.success('Staff member added'); setRefresh((n) => n + 1); }} />}
    </>
  );
}

function AddDialog({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const [form, setForm] = useState({ name: '', email: '', role: 'staff', password: '' });
  const [error, setError] = useState<string>();
  const submit = async () => { try { await call('POST', '/admin/staff', { body: form }); onDone(); } catch (e) { setError((e as Error).message); } };
  return (
    <Dialog open onClose={onClose} title="Add staff" footer={<><Button variant="ghost" onClick={onClose}>Cancel</Button><Button onClick={() => void submit()}>Add</Button></>}>
      {error && <Alert tone="danger">{error}</Alert>}
      <Input label="Name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      <Input label="Email" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
      <Select label="Role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })} options={ROLES.map((r) => ({ value: r, label: r }))} />
      <Input label="Temporary password" type="password" hint="At least 12 characters; they can change it after signing in" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
    </Dialog>
  );
}
