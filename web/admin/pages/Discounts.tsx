/** Discounts: promotions (codes and automatic), their usage, create, edit, pause and delete. */
import { useState } from 'react';
import { Button, Checkbox, Dialog, Input, PageHeader, Select, useToast } from '@shared/ui';
import { formatDate, parseMoney } from '@shared/format';
import { call } from '../app/api';
import { useSession } from '../app/session';
import { ListCard } from '../components/ListCard';
import { FormError, fieldError, humanise, money } from '../components/bits';

interface Promotion { id: string; name: string; code: string | null; automatic: boolean; kind: string; percent: number | null; amount: number | null; currency: string | null; usageCount: number; usageLimit: number | null; active: boolean; endsAt: string | null }

export function DiscountsPage() {
  const { can } = useSession();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<FullPromotion | null>(null);
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
            <Button size="sm" variant="ghost" aria-label={`Edit ${p.name}`} onClick={() => void call<FullPromotion>('GET', `/admin/promotions/${p.id}`).then(setEditing, (e) => toast.error((e as Error).message))}>Edit</Button>
            <Button size="sm" variant="ghost" onClick={() => void act(() => call('PATCH', `/admin/promotions/${p.id}`, { body: { active: !p.active } }), p.active ? 'Paused' : 'Activated')}>{p.active ? 'Pause' : 'Activate'}</Button>
            <Button size="sm" variant="ghost" onClick={() => { if (confirm(`Delete ${p.name}?`)) void act(() => call('DELETE', `/admin/promotions/${p.id}`), 'Deleted'); }}>Delete</Button>
          </span> },
        ]} />
      {creating && <PromotionDialog onClose={() => setCreating(false)} onDone={() => { setCreating(false); toast.success('Discount created'); setRefresh((n) => n + 1); }} />}
      {editing && <PromotionDialog key={editing.id} promotion={editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); toast.success('Discount saved'); setRefresh((n) => n + 1); }} />}
    </>
  );
}

interface Targets { variantIds: string[]; productIds: string[]; categoryIds: string[] }
interface Side { quantity: number; targets: Targets }
interface FullPromotion extends Promotion {
  amountScope: string | null; targets: Targets; buyX: Side | null; getY: Side | null; maxApplications: number | null; minSubtotal: number | null;
  startsAt: string | null; perCustomerLimit: number | null; combinable: boolean; priority: number;
}

const ids = (s: string) => s.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);
const idText = (t?: Targets | null) => ({ v: t?.variantIds.join(', ') ?? '', p: t?.productIds.join(', ') ?? '', c: t?.categoryIds.join(', ') ?? '' });
const minor = (n: number | null | undefined) => (n === null || n === undefined ? '' : (n / 100).toFixed(2));
const int = (s: string) => (s.trim() === '' ? null : Number(s));
/** ISO time → the value of a datetime-local input (UTC shown as local wall time) and back. */
const toLocal = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 16) : '');
const fromLocal = (v: string) => (v ? new Date(`${v}:00Z`).toISOString() : null);

/** Creates a promotion, or edits one: every field the API takes. */
function PromotionDialog({ promotion: p, onClose, onDone }: { promotion?: FullPromotion; onClose(): void; onDone(): void }) {
  const [name, setName] = useState(p?.name ?? '');
  const [code, setCode] = useState(p?.code ?? '');
  const [kind, setKind] = useState(p?.kind ?? 'percentage');
  const [percent, setPercent] = useState(p?.percent != null ? String(p.percent) : '');
  const [amount, setAmount] = useState(minor(p?.amount));
  const [amountScope, setScope] = useState(p?.amountScope ?? 'order');
  const [currency, setCurrency] = useState(p?.currency ?? 'USD');
  const t0 = idText(p?.targets);
  const [tv, setTv] = useState(t0.v); const [tp, setTp] = useState(t0.p); const [tc, setTc] = useState(t0.c);
  const bx = idText(p?.buyX?.targets); const gy = idText(p?.getY?.targets);
  const [buyQty, setBuyQty] = useState(p?.buyX ? String(p.buyX.quantity) : '');
  const [buyV, setBuyV] = useState(bx.v); const [buyP, setBuyP] = useState(bx.p);
  const [getQty, setGetQty] = useState(p?.getY ? String(p.getY.quantity) : '');
  const [getV, setGetV] = useState(gy.v); const [getP, setGetP] = useState(gy.p);
  const [maxApplications, setMaxApps] = useState(p?.maxApplications != null ? String(p.maxApplications) : '');
  const [minSubtotal, setMinSubtotal] = useState(minor(p?.minSubtotal));
  const [startsAt, setStartsAt] = useState(toLocal(p?.startsAt ?? null));
  const [endsAt, setEndsAt] = useState(toLocal(p?.endsAt ?? null));
  const [usageLimit, setLimit] = useState(p?.usageLimit != null ? String(p.usageLimit) : '');
  const [perCustomerLimit, setPerCustomer] = useState(p?.perCustomerLimit != null ? String(p.perCustomerLimit) : '');
  const [combinable, setCombinable] = useState(p?.combinable ?? true);
  const [priority, setPriority] = useState(String(p?.priority ?? 0));
  const [active, setActive] = useState(p?.active ?? true);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fe = (f: string) => fieldError(error, f);
  const submit = async () => {
    const money = (s: string, field: string) => {
      if (s.trim() === '') return null;
      const v = parseMoney(s, currency || 'USD');
      if (v === null) throw Object.assign(new Error(`${field}: enter an amount, e.g. 10.00`), { details: [{ field: `body.${field}`, message: 'is not an amount' }] });
      return v;
    };
    setBusy(true);
    try {
      const bxgy = kind === 'buy_x_get_y';
      const body = {
        name: name.trim(), code: code.trim() || null, kind,
        percent: kind === 'percentage' || bxgy ? int(percent) : null,
        amount: kind === 'fixed_amount' ? money(amount, 'amount') : null,
        amountScope: kind === 'fixed_amount' ? amountScope : null,
        currency: currency.trim().toUpperCase() || null,
        targets: { variantIds: ids(tv), productIds: ids(tp), categoryIds: ids(tc) },
        buyX: bxgy ? { quantity: Number(buyQty || 0), targets: { variantIds: ids(buyV), productIds: ids(buyP) } } : null,
        getY: bxgy ? { quantity: Number(getQty || 0), targets: { variantIds: ids(getV), productIds: ids(getP) } } : null,
        maxApplications: bxgy ? int(maxApplications) : null,
        minSubtotal: money(minSubtotal, 'minSubtotal'),
        startsAt: fromLocal(startsAt), endsAt: fromLocal(endsAt),
        usageLimit: int(usageLimit), perCustomerLimit: int(perCustomerLimit),
        combinable, priority: Number(priority || 0), active,
      };
      await (p ? call('PATCH', `/admin/promotions/${p.id}`, { body }) : call('POST', '/admin/promotions', { body }));
      onDone();
    } catch (e) { setError(e); } finally { setBusy(false); }
  };
  const digits = (f: (v: string) => void) => (e: React.ChangeEvent<HTMLInputElement>) => f(e.target.value.replace(/[^\d-]/g, ''));
  return (
    <Dialog open onClose={onClose} title={p ? `Edit ${p.name}` : 'Create discount'} footer={<><Button variant="ghost" onClick={onClose}>Cancel</Button><Button busy={busy} disabled={!name.trim()} onClick={() => void submit()}>{p ? 'Save discount' : 'Create'}</Button></>}>
      <form className="settings-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <FormError error={error} />
        <Input label="Name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Summer sale" error={fe('name')} />
        <Input label="Code" hint="Leave empty for an automatic discount" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} placeholder="SUMMER10" error={fe('code')} />
        <Select label="Type" value={kind} onChange={(e) => setKind(e.target.value)} error={fe('kind')} options={[{ value: 'percentage', label: 'Percentage off' }, { value: 'fixed_amount', label: 'Fixed amount off' }, { value: 'free_shipping', label: 'Free shipping' }, { value: 'buy_x_get_y', label: 'Buy X get Y' }]} />
        <div className="form-row">
          {(kind === 'percentage' || kind === 'buy_x_get_y') && <Input label={kind === 'buy_x_get_y' ? 'Percent off each Y unit (100 = free)' : 'Percent'} inputMode="numeric" value={percent} onChange={digits(setPercent)} error={fe('percent')} />}
          {kind === 'fixed_amount' && <Input label={`Amount (${currency || 'USD'})`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={fe('amount')} />}
          {kind === 'fixed_amount' && <Select label="Applies to" value={amountScope} onChange={(e) => setScope(e.target.value)} error={fe('amountScope')} options={[{ value: 'order', label: 'The order' }, { value: 'item', label: 'Each eligible item' }]} />}
          <Input label="Currency" value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value.toUpperCase())} error={fe('currency')} />
        </div>
        {kind === 'buy_x_get_y' && <fieldset className="brackets">
          <legend>Buy X get Y</legend>
          <div className="form-row">
            <Input label="Buy quantity" inputMode="numeric" value={buyQty} onChange={digits(setBuyQty)} error={fe('buyX')} />
            <Input label="Buy: variant ids" value={buyV} onChange={(e) => setBuyV(e.target.value)} />
            <Input label="Buy: product ids" value={buyP} onChange={(e) => setBuyP(e.target.value)} />
          </div>
          <div className="form-row">
            <Input label="Get quantity" inputMode="numeric" value={getQty} onChange={digits(setGetQty)} error={fe('getY')} />
            <Input label="Get: variant ids" value={getV} onChange={(e) => setGetV(e.target.value)} />
            <Input label="Get: product ids" value={getP} onChange={(e) => setGetP(e.target.value)} />
          </div>
          <Input label="Most times per order (optional)" inputMode="numeric" value={maxApplications} onChange={digits(setMaxApps)} error={fe('maxApplications')} />
        </fieldset>}
        <fieldset className="brackets">
          <legend>Applies to lines</legend>
          <p className="ui-hint">Ids separated by commas; all empty means every line.</p>
          <div className="form-row">
            <Input label="Variant ids" value={tv} onChange={(e) => setTv(e.target.value)} error={fe('targets.variantIds')} />
            <Input label="Product ids" value={tp} onChange={(e) => setTp(e.target.value)} error={fe('targets.productIds')} />
            <Input label="Category ids" value={tc} onChange={(e) => setTc(e.target.value)} error={fe('targets.categoryIds')} />
          </div>
        </fieldset>
        <div className="form-row">
          <Input label="Minimum subtotal (optional)" inputMode="decimal" value={minSubtotal} onChange={(e) => setMinSubtotal(e.target.value)} error={fe('minSubtotal')} />
          <Input label="Priority" hint="Lower applies first" value={priority} onChange={digits(setPriority)} error={fe('priority')} />
        </div>
        <div className="form-row">
          <Input label="Starts (UTC, optional)" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} error={fe('startsAt')} />
          <Input label="Ends (UTC, optional)" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} error={fe('endsAt')} />
        </div>
        <div className="form-row">
          <Input label="Usage limit (optional)" inputMode="numeric" value={usageLimit} onChange={digits(setLimit)} error={fe('usageLimit')} />
          <Input label="Per customer limit (optional)" inputMode="numeric" value={perCustomerLimit} onChange={digits(setPerCustomer)} error={fe('perCustomerLimit')} />
        </div>
        <Checkbox label="Combines with other discounts" checked={combinable} onChange={(e) => setCombinable(e.target.checked)} />
        <Checkbox label="Active" checked={active} onChange={(e) => setActive(e.target.checked)} />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
