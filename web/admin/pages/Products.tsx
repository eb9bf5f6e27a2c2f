/** Products: search and status filter, and bulk edit of status or price for the selected products. */
import { useEffect, useState } from 'react';
import { Button, Card, Dialog, Input, PageHeader, Select, Table, useToast } from '@shared/ui';
import { parseMoney } from '@shared/format';
import { call } from '../app/api';
import { Link, navigate, setQuery, useLocation } from '../app/router';
import { useSession } from '../app/session';
import { ErrorNote, money, Pager, StatusBadge, Toolbar } from '../components/bits';

export interface Variant { id: string; sku: string | null; barcode: string | null; title: string; options: Record<string, string>; weightGrams: number | null; manageInventory: boolean; prices: { amount: number; currency: string }[] }
export interface Product { id: string; handle: string; title: string; description: string; status: string; tags: string[]; options: { name: string; values: string[] }[]; variants: Variant[]; images: { id: string; url: string; alt: string | null }[]; updatedAt: string }

const CURRENCY = 'USD';
const priceRange = (p: Product) => {
  const amounts = p.variants.flatMap((v) => v.prices.filter((x) => x.currency === CURRENCY).map((x) => x.amount));
  if (!amounts.length) return '—';
  const lo = Math.min(...amounts), hi = Math.max(...amounts);
  return lo === hi ? money(lo, CURRENCY) : `${money(lo, CURRENCY)} – ${money(hi, CURRENCY)}`;
};

export function ProductsPage() {
  const { query } = useLocation();
  const { can } = useSession();
  const toast = useToast();
  const q = query.get('q') ?? '';
  const status = query.get('status') ?? '';
  const [search, setSearch] = useState(q);
  const [rows, setRows] = useState<Product[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState<'status' | 'price' | null>(null);

  const load = async (after?: string) => {
    setLoading(true);
    try {
      const page = await call<{ items: Product[]; nextCursor: string | null }>('GET', '/admin/products', { query: { q, status, limit: 50, cursor: after } });
      setRows((r) => (after ? [...r, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(undefined);
    } catch (e) { setError(e as Error); } finally { setLoading(false); }
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { setSelected(new Set()); void load(); }, [q, status]);

  const applyBulk = async (value: string) => {
    const ids = [...selected];
    try {
      for (const id of ids) {
        const p = rows.find((r) => r.id === id)!;
        if (bulk === 'status') await call('PATCH', `/admin/products/${id}`, { body: { status: value } });
        else {
          const amount = parseMoney(value, CURRENCY);
          if (amount === null) throw new Error('enter a price such as 24.99');
          for (const v of p.variants) await call('PATCH', `/admin/variants/${v.id}`, { body: { prices: [...v.prices.filter((x) => x.currency !== CURRENCY), { currency: CURRENCY, amount }] } });
        }
      }
      toast.success(`${ids.length} product(s) updated`);
      setBulk(null);
      void load();
    } catch (e) { toast.error((e as Error).message); }
  };

  return (
    <>
      <PageHeader title="Products" subtitle="Catalog in every status" actions={can('catalog:write') && <Button onClick={() => navigate('/products/new')}>Add product</Button>} />
      <Card>
        <Toolbar>
          <form className="toolbar-search" onSubmit={(e) => { e.preventDefault(); setQuery({ q: search.trim() || undefined }); }}>
            <Input label="Search products" hideLabel type="search" placeholder="Search by title, SKU, tag…" value={search} onChange={(e) => setSearch(e.target.value)} />
          </form>
          <Select label="Status" value={status} onChange={(e) => setQuery({ status: e.target.value })} options={[{ value: '', label: 'Any' }, { value: 'active', label: 'Active' }, { value: 'draft', label: 'Draft' }, { value: 'archived', label: 'Archived' }]} />
          {can('catalog:write') && selected.size > 0 && <div className="bulk-bar">
            <span>{selected.size} selected</span>
            <Button size="sm" variant="secondary" onClick={() => setBulk('status')}>Set status</Button>
            <Button size="sm" variant="secondary" onClick={() => setBulk('price')}>Set price</Button>
          </div>}
        </Toolbar>
        <ErrorNote error={error} />
        <Table<Product>
          caption="Products" rows={rows} rowKey={(p) => p.id} onRowClick={(p) => navigate(`/products/${p.id}`)}
          selected={can('catalog:write') ? selected : undefined} onSelect={can('catalog:write') ? setSelected : undefined}
          empty={loading ? 'Loading…' : 'No products match.'}
          columns={[
            { key: 'img', header: '', width: '56px', render: (p) => (p.images[0] ? <img className="thumb" src={p.images[0].url} alt="" loading="lazy" /> : <span className="thumb thumb--empty" aria-hidden="true">◫</span>) },
            { key: 't', header: 'Product', render: (p) => <Link to={`/products/${p.id}`} onClick={(e) => e.stopPropagation()}><strong>{p.title}</strong></Link> },
            { key: 's', header: 'Status', render: (p) => <StatusBadge status={p.status} /> },
            { key: 'v', header: 'Variants', align: 'right', render: (p) => p.variants.length },
            { key: 'sku', header: 'SKU', render: (p) => <span className="muted small">{p.variants[0]?.sku ?? '—'}{p.variants.length > 1 ? ` +${p.variants.length - 1}` : ''}</span> },
            { key: 'p', header: 'Price', align: 'right', render: (p) => <span className="num">{priceRange(p)}</span> },
          ]}
        />
        <Pager hasMore={!!cursor} loading={loading} onMore={() => void load(cursor!)} />
      </Card>
      {bulk && <BulkDialog kind={bulk} count={selected.size} onClose={() => setBulk(null)} onApply={applyBulk} />}
    </>
  );
}

function BulkDialog({ kind, count, onClose, onApply }: { kind: 'status' | 'price'; count: number; onClose(): void; onApply(v: string): Promise<void> }) {
  const [value, setValue] = useState(kind === 'status' ? 'active' : '');
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open onClose={onClose} title={kind === 'status' ? `Set status of ${count} product(s)` : `Set the ${CURRENCY} price of ${count} product(s)`}
      footer={<><Button variant="ghost" onClick={onClose}>Cancel</Button><Button busy={busy} onClick={async () => { setBusy(true); await onApply(value); setBusy(false); }}>Apply</Button></>}>
      {kind === 'status'
        ? <Select label="Status" value={value} onChange={(e) => setValue(e.target.value)} options={[{ value: 'active', label: 'Active' }, { value: 'draft', label: 'Draft' }, { value: 'archived', label: 'Archived' }]} />
        : <Input label={`Price (${CURRENCY}), for every variant`} inputMode="decimal" placeholder="24.99" value={value} onChange={(e) => setValue(e.target.value)} />}
    </Dialog>
  );
}
