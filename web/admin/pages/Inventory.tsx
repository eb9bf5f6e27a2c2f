/** Inventory per location: levels (on hand, reserved, available, incoming), adjustments and transfers. */
import { useState } from 'react';
import { Alert, Button, Checkbox, Dialog, Input, PageHeader, Select, useToast } from '@shared/ui';
import { call } from '../app/api';
import { setQuery, useLocation } from '../app/router';
import { useSession } from '../app/session';
import { useAsync } from '../app/use-async';
import { ListCard } from '../components/ListCard';
import { Toolbar } from '../components/bits';

interface Level { variantId: string; locationId: string; locationName: string; onHand: number; reserved: number; available: number; incoming: number; reorderPoint: number | null; lowStock: boolean }
interface Location { id: string; name: string; kind: string; active: boolean }
const REASONS = ['received', 'counted', 'damaged', 'shrinkage', 'returned', 'correction', 'cycle_count', 'production', 'sample'];

export function InventoryPage() {
  const { query } = useLocation();
  const { can } = useSession();
  const toast = useToast();
  const locationId = query.get('locationId') ?? '';
  const lowStock = query.get('lowStock') === '1';
  const variantId = query.get('variantId') ?? '';
  const locations = useAsync(() => call<{ items: Location[] }>('GET', '/admin/locations', { query: { limit: 100 } }).then((r) => r.items), []);
  const [adjust, setAdjust] = useState<Level | 'new' | null>(null);
  const [transfer, setTransfer] = useState<Level | null>(null);
  const [refresh, setRefresh] = useState(0);
  const done = (msg: string) => { toast.success(msg); setAdjust(null); setTransfer(null); setRefresh((n) => n + 1); };
  return (
    <>
      <PageHeader title="Inventory" subtitle="Stock per location" actions={can('inventory:write') && <Button onClick={() => setAdjust('new')}>Adjust stock</Button>} />
      <Toolbar>
        <Select label="Location" value={locationId} onChange={(e) => setQuery({ locationId: e.target.value })} options={[{ value: '', label: 'All locations' }, ...(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))]} />
        <Input label="Variant id" value={variantId} onChange={(e) => setQuery({ variantId: e.target.value.trim() })} />
        <Checkbox label="Low stock only" checked={lowStock} onChange={(e) => setQuery({ lowStock: e.target.checked ? '1' : undefined })} />
      </Toolbar>
      <ListCard<Level> path="/admin/inventory/levels" refresh={refresh} query={{ locationId, variantId, lowStock: lowStock || undefined, limit: 100 }} rowKey={(l) => `${l.variantId}@${l.locationId}`}
        empty="No stock levels match."
        columns={[
          { key: 'v', header: 'Variant', render: (l) => <code className="small">{l.variantId}</code> },
          { key: 'l', header: 'Location', render: (l) => l.locationName },
          { key: 'o', header: 'On hand', align: 'right', render: (l) => l.onHand },
          { key: 'r', header: 'Reserved', align: 'right', render: (l) => l.reserved },
          { key: 'a', header: 'Available', align: 'right', render: (l) => <span className={l.available <= 0 ? 'stock stock--out' : l.lowStock ? 'stock stock--low' : 'stock'}>{l.available}</span> },
          { key: 'i', header: 'Incoming', align: 'right', render: (l) => l.incoming || '—' },
          { key: 'x', header: '', align: 'right', render: (l) => can('inventory:write') && <span className="row-actions"><Button size="sm" variant="ghost" onClick={() => setAdjust(l)}>Adjust</Button><Button size="sm" variant="ghost" onClick={() => setTransfer(l)}>Transfer</Button></span> },
        ]} />
      {adjust && <AdjustDialog level={adjust === 'new' ? undefined : adjust} locations={locations.data ?? []} onClose={() => setAdjust(null)} onDone={() => done('Stock adjusted')} />}
      {transfer && <TransferDialog level={transfer} locations={locations.data ?? []} onClose={() => setTransfer(null)} onDone={() => done('Transfer created')} />}
    </>
  );
}

function AdjustDialog({ level, locations, onClose, onDone }: { level?: Level; locations: Location[]; onClose(): void; onDone(): void }) {
  const [variantId, setVariantId] = useState(level?.variantId ?? '');
  const [locationId, setLocationId] = useState(level?.locationId ?? locations[0]?.id ?? '');
  const [reason, setReason] = useState('received');
  const [delta, setDelta] = useState('');
  const [error, setError] = useState<string>();
  const submit = async () => {
    try { await call('POST', '/admin/inventory/adjustments', { body: { variantId, locationId, reason, delta: Number(delta) } }); onDone(); } catch (e) { setError((e as Error).message); }
  };
  return (
    <Dialog open onClose={onClose} title="Adjust stock" footer={<><Button variant="ghost" onClick={onClose}>Cancel</Button><Button disabled={!variantId || !Number(delta)} onClick={() => void submit()}>Save adjustment</Button></>}>
      {error && <Alert tone="danger">{error}</Alert>}
      <Input label="Variant id" value={variantId} onChange={(e) => setVariantId(e.target.value.trim())} disabled={!!level} />
      <Select label="Location" value={locationId} onChange={(e) => setLocationId(e.target.value)} options={locations.map((l) => ({ value: l.id, label: l.name }))} disabled={!!level} />
      <Select label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} options={REASONS.map((r) => ({ value: r, label: r.replace(/_/g, ' ') }))} />
      <Input label="Change in units" hint="Positive adds stock, negative removes it" inputMode="numeric" value={delta} onChange={(e) => setDelta(e.target.value.replace(/[^\d-]/g, ''))} />
    </Dialog>
  );
}

function TransferDialog({ level, locations, onClose, onDone }: { level: Level; locations: Location[]; onClose(): void; onDone(): void }) {
  const others = locations.filter((l) => l.id !== level.locationId);
  const [to, setTo] = useState(others[0]?.id ?? '');
  const [quantity, setQuantity] = useState('1');
  const [error, setError] = useState<string>();
  const submit = async () => {
    try {
      await call('POST', '/admin/inventory/transfers', { body: { fromLocationId: level.locationId, toLocationId: to, lines: [{ variantId: level.variantId, quantity: Number(quantity) }] } });
      onDone();
    } catch (e) { setError((e as Error).message); }
  };
  return (
    <Dialog open onClose={onClose} title={`Transfer from ${level.locationName}`} footer={<><Button variant="ghost" onClick={onClose}>Cancel</Button><Button disabled={!to || !(Number(quantity) > 0)} onClick={() => void submit()}>Create transfer</Button></>}>
      {error && <Alert tone="danger">{error}</Alert>}
      <p className="small muted">{level.available} available to move.</p>
      <Select label="To location" value={to} onChange={(e) => setTo(e.target.value)} options={others.map((l) => ({ value: l.id, label: l.name }))} />
      <Input label="Units" inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value.replace(/\D/g, ''))} />
    </Dialog>
  );
}
