/**
 * One order: lines and totals, fulfilments (create, pick, pack, ship with the flat-rate label or a
 * manual carrier and tracking number, deliver, pickup steps), refunds (before fulfilment an edit
 * gives back removed units; after, a staff return refunds what comes back), returns, hold and
 * release, cancel, the timeline and internal notes.
 */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Dialog, Input, PageHeader, Select, TextArea, useToast } from '@shared/ui';
import { formatDateTime } from '@shared/format';
import { call } from '../app/api';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { useAsync } from '../app/use-async';
import { Detail, ErrorNote, humanise, money, StatusBadge } from '../components/bits';

interface Line { id: string; title: string; variantTitle: string | null; sku: string | null; quantity: number; unitPrice: number; discountTotal: number; taxTotal: number; total: number; returnedQuantity: number; fulfilledQuantity: number }
interface Address { firstName?: string; lastName?: string; line1?: string; line2?: string | null; city?: string; region?: string | null; postalCode?: string; country?: string }
interface Order {
  id: string; displayNumber: string; number: number; email: string; customerId: string | null; status: string; paymentStatus: string; fulfillmentStatus: string;
  currency: string; subtotal: number; discountTotal: number; shippingTotal: number; taxTotal: number; total: number; refundedTotal: number; placedAt: string;
  shippingMethod: string | null; shippingAddress: Address | null; holdReason: string | null; fulfilmentKind: string | null; channel: string; promotionCode: string | null;
  lines: Line[]; returns: { id: string; status: string; refundTotal: number; requestedAt: string; lines: { orderLineId: string; quantity: number }[] }[];
}
interface Fulfilment { id: string; kind: string; status: string; carrier: string | null; trackingNumber: string | null; trackingUrl: string | null; labelUrl: string | null; lines: { orderLineId: string; quantity: number }[]; actions: string[]; createdAt: string; shippedAt: string | null }
interface TimelineEntry { id: string; kind: string; message: string; internal: boolean; actor: string; createdAt: string }

const EDITABLE = ['pending', 'paid', 'fulfilling', 'on_hold'];

export function OrderDetailPage({ id }: { id: string }) {
  const toast = useToast();
  const { can } = useSession();
  const order = useAsync(() => call<Order>('GET', `/admin/orders/${id}`), [id]);
  const fulfilments = useAsync(() => call<{ items: Fulfilment[] }>('GET', `/admin/orders/${id}/fulfillments`).then((r) => r.items), [id]);
  const timeline = useAsync(() => call<{ items: TimelineEntry[] }>('GET', `/admin/orders/${id}/timeline`).then((r) => r.items), [id]);
  const [busy, setBusy] = useState<string>();
  const [shipFor, setShipFor] = useState<Fulfilment>();
  const [refunding, setRefunding] = useState(false);
  const [holding, setHolding] = useState(false);
  const [note, setNote] = useState('');

  const reloadAll = () => { order.reload(); fulfilments.reload(); timeline.reload(); };
  const act = async (label: string, f: () => Promise<unknown>, done?: string) => {
    setBusy(label);
    try { await f(); if (done) toast.success(done); reloadAll(); } catch (e) { toast.error((e as Error).message); } finally { setBusy(undefined); }
  };

  const o = order.data;
  if (order.error) return <ErrorNote error={order.error} />;
  if (!o) return <p className="muted">Loading order…</p>;
  const inFulfilment = new Map<string, number>();
  for (const f of fulfilments.data ?? []) if (f.status !== 'cancelled') for (const l of f.lines) inFulfilment.set(l.orderLineId, (inFulfilment.get(l.orderLineId) ?? 0) + l.quantity);
  const unassigned = o.lines.some((l) => l.quantity - (inFulfilment.get(l.id) ?? 0) > 0);
  const open = !['cancelled', 'completed'].includes(o.status);

  return (
    <>
      <div className="crumbs"><Link to="/orders">Orders</Link> / {o.displayNumber}</div>
      <PageHeader
        title={<span className="order-title">Order {o.displayNumber} <StatusBadge status={o.status} /> <StatusBadge status={o.paymentStatus} /> <StatusBadge status={o.fulfillmentStatus} /></span>}
        subtitle={`Placed ${formatDateTime(o.placedAt)} · ${humanise(o.channel)}${o.fulfilmentKind ? ` · ${humanise(o.fulfilmentKind)}` : ''}`}
        actions={<>
          {can('orders:write') && o.status === 'on_hold' && <Button variant="secondary" busy={busy === 'release'} onClick={() => act('release', () => call('POST', `/admin/orders/${id}/release`), 'Order released')}>Release hold</Button>}
          {can('orders:write') && ['pending', 'paid', 'fulfilling', 'partially_fulfilled'].includes(o.status) && <Button variant="secondary" onClick={() => setHolding(true)}>Hold</Button>}
          {can('orders:refund') && open && o.paymentStatus !== 'refunded' && <Button variant="secondary" onClick={() => setRefunding(true)}>Refund</Button>}
          {can('orders:fulfil') && open && unassigned && o.status !== 'on_hold' && <Button busy={busy === 'fulfil'} onClick={() => act('fulfil', () => call('POST', `/admin/orders/${id}/fulfillments`), 'Fulfilment created')}>Create fulfilment</Button>}
        </>}
      />
      {o.status === 'on_hold' && <Alert tone="warning" title="On hold">{o.holdReason}</Alert>}
      <div className="order-grid">
        <div className="order-main">
          <Card title="Items">
            <table className="lines">
              <thead><tr><th>Item</th><th className="num">Price</th><th className="num">Qty</th><th className="num">Sent</th><th className="num">Returned</th><th className="num">Total</th></tr></thead>
              <tbody>
                {o.lines.map((l) => (
                  <tr key={l.id}>
                    <td><strong>{l.title}</strong><div className="muted small">{[l.variantTitle, l.sku].filter(Boolean).join(' · ')}</div></td>
                    <td className="num">{money(l.unitPrice, o.currency)}</td>
                    <td className="num">{l.quantity}</td>
                    <td className="num">{l.fulfilledQuantity}</td>
                    <td className="num">{l.returnedQuantity || '—'}</td>
                    <td className="num">{money(l.total, o.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <dl className="totals">
              <Detail label="Subtotal">{money(o.subtotal, o.currency)}</Detail>
              {o.discountTotal > 0 && <Detail label={`Discount${o.promotionCode ? ` (${o.promotionCode})` : ''}`}>−{money(o.discountTotal, o.currency)}</Detail>}
              <Detail label={`Shipping${o.shippingMethod ? ` · ${o.shippingMethod}` : ''}`}>{money(o.shippingTotal, o.currency)}</Detail>
              <Detail label="Tax">{money(o.taxTotal, o.currency)}</Detail>
              <Detail label={<strong>Total</strong>}><strong>{money(o.total, o.currency)}</strong></Detail>
              {o.refundedTotal > 0 && <Detail label="Refunded">−{money(o.refundedTotal, o.currency)}</Detail>}
              {o.refundedTotal > 0 && <Detail label={<strong>Net</strong>}><strong>{money(o.total - o.refundedTotal, o.currency)}</strong></Detail>}
            </dl>
          </Card>

          <Card title="Fulfilment">
            {(fulfilments.data ?? []).length === 0 && <p className="muted">Nothing has been prepared yet.{unassigned && can('orders:fulfil') ? ' Create a fulfilment to start picking.' : ''}</p>}
            {(fulfilments.data ?? []).map((f) => (
              <div key={f.id} className="fulfilment" data-testid="fulfilment">
                <div className="fulfilment__head">
                  <strong>{humanise(f.kind)}</strong> <StatusBadge status={f.status} />
                  <span className="muted small">{f.lines.reduce((n, l) => n + l.quantity, 0)} item(s) · created {formatDateTime(f.createdAt)}</span>
                </div>
                {f.trackingNumber && <p className="small">Tracking: <strong>{f.carrier}</strong> <code>{f.trackingNumber}</code>{f.trackingUrl && <> · <a href={f.trackingUrl} target="_blank" rel="noreferrer">track</a></>}{f.labelUrl && <> · <a href={f.labelUrl} target="_blank" rel="noreferrer">label</a></>}</p>}
                {can('orders:fulfil') && <div className="fulfilment__actions">
                  {f.actions.includes('pick') && <Button size="sm" busy={busy === `pick${f.id}`} onClick={() => act(`pick${f.id}`, () => call('POST', `/admin/fulfillments/${f.id}/pick`), 'Picking started')}>Start picking</Button>}
                  {f.actions.includes('pack') && <Button size="sm" busy={busy === `pack${f.id}`} onClick={() => act(`pack${f.id}`, () => call('POST', `/admin/fulfillments/${f.id}/pack`), 'Packed')}>Mark packed</Button>}
                  {f.actions.includes('ship') && <Button size="sm" onClick={() => setShipFor(f)}>Ship</Button>}
                  {f.actions.includes('deliver') && <Button size="sm" variant="secondary" busy={busy === `deliver${f.id}`} onClick={() => act(`deliver${f.id}`, () => call('POST', `/admin/fulfillments/${f.id}/deliver`), 'Marked delivered')}>Mark delivered</Button>}
                  {f.actions.includes('ready') && <Button size="sm" busy={busy === `ready${f.id}`} onClick={() => act(`ready${f.id}`, () => call('POST', `/admin/fulfillments/${f.id}/ready`), 'Ready for pickup')}>Ready for pickup</Button>}
                  {f.actions.includes('picked_up') && <Button size="sm" busy={busy === `pu${f.id}`} onClick={() => act(`pu${f.id}`, () => call('POST', `/admin/fulfillments/${f.id}/picked-up`), 'Handed over')}>Handed to customer</Button>}
                  {f.actions.includes('cancel') && <Button size="sm" variant="ghost" busy={busy === `cancel${f.id}`} onClick={() => act(`cancel${f.id}`, () => call('POST', `/admin/fulfillments/${f.id}/cancel`, { body: { reason: 'cancelled by staff' } }), 'Fulfilment cancelled')}>Cancel</Button>}
                </div>}
              </div>
            ))}
          </Card>

          {o.returns.length > 0 && <Card title="Returns and refunds">
            <ul className="plain-list">
              {o.returns.map((r) => (
                <li key={r.id}><StatusBadge status={r.status} /> {r.lines.reduce((n, l) => n + l.quantity, 0)} item(s) · requested {formatDateTime(r.requestedAt)}{r.refundTotal > 0 && <> · refunded <strong>{money(r.refundTotal, o.currency)}</strong></>} · <Link to={`/returns/${r.id}`}>Open return</Link></li>
              ))}
            </ul>
          </Card>}

          <Card title="Timeline">
            {can('orders:write') && <form className="note-form" onSubmit={(e) => { e.preventDefault(); if (note.trim()) void act('note', () => call('POST', `/admin/orders/${id}/notes`, { body: { message: note.trim(), internal: true } }).then(() => setNote('')), 'Note added'); }}>
              <TextArea label="Add an internal note" hideLabel placeholder="Add an internal note (customers never see it)" value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
              <Button type="submit" size="sm" variant="secondary" busy={busy === 'note'} disabled={!note.trim()}>Add note</Button>
            </form>}
            <ol className="timeline">
              {[...(timeline.data ?? [])].reverse().map((t) => (
                <li key={t.id} className={t.internal ? 'timeline__item timeline__item--internal' : 'timeline__item'}>
                  <span className="timeline__msg">{t.message}</span>
                  <span className="muted small">{formatDateTime(t.createdAt)}{t.internal ? ' · internal' : ''}</span>
                </li>
              ))}
            </ol>
          </Card>
        </div>
        <aside className="order-side">
          <Card title="Customer">
            <p><strong>{o.email}</strong></p>
            {o.customerId && <Link to={`/customers/${o.customerId}`}>View profile</Link>}
          </Card>
          {o.shippingAddress && <Card title="Ship to">
            <address className="address">
              {[o.shippingAddress.firstName, o.shippingAddress.lastName].filter(Boolean).join(' ')}<br />
              {o.shippingAddress.line1}{o.shippingAddress.line2 ? <>, {o.shippingAddress.line2}</> : null}<br />
              {o.shippingAddress.city}{o.shippingAddress.region ? `, ${o.shippingAddress.region}` : ''} {o.shippingAddress.postalCode}<br />
              {o.shippingAddress.country}
            </address>
          </Card>}
          {can('orders:refund') && EDITABLE.includes(o.status) && <Card title="Cancel order">
            <p className="small muted">Nothing has left yet: cancelling voids or refunds the payment and restocks.</p>
            <Button variant="danger" size="sm" busy={busy === 'cancel'} onClick={() => { if (confirm(`Cancel order ${o.displayNumber}?`)) void act('cancel', () => call('POST', `/admin/orders/${id}/cancel`, { body: { reason: 'cancelled by staff' } }), 'Order cancelled'); }}>Cancel order</Button>
          </Card>}
        </aside>
      </div>
      {shipFor && <ShipDialog fulfilment={shipFor} onClose={() => setShipFor(undefined)} onDone={() => { setShipFor(undefined); toast.success('Shipped'); reloadAll(); }} />}
      {refunding && <RefundDialog order={o} onClose={() => setRefunding(false)} onDone={(amount) => { setRefunding(false); toast.success(`Refunded ${money(amount, o.currency)}`); reloadAll(); }} />}
      <HoldDialog open={holding} onClose={() => setHolding(false)} onHold={(reason) => { setHolding(false); void act('hold', () => call('POST', `/admin/orders/${id}/hold`, { body: { reason } }), 'Order on hold'); }} />
    </>
  );
}

function ShipDialog({ fulfilment, onClose, onDone }: { fulfilment: Fulfilment; onClose(): void; onDone(): void }) {
  const [carrier, setCarrier] = useState('flat-rate');
  const [name, setName] = useState('');
  const [tracking, setTracking] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const manual = carrier === 'manual';
  const submit = async () => {
    setBusy(true); setError(undefined);
    try {
      await call('POST', `/admin/fulfillments/${fulfilment.id}/ship`, { body: manual ? { carrier: name.trim(), trackingNumber: tracking.trim() } : {} });
      onDone();
    } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  };
  return (
    <Dialog open onClose={onClose} title="Ship parcel" footer={<><Button variant="ghost" onClick={onClose}>Cancel</Button><Button busy={busy} disabled={manual && (!name.trim() || !tracking.trim())} onClick={() => void submit()}>Ship</Button></>}>
      {error && <Alert tone="danger">{error}</Alert>}
      <Select label="Carrier" value={carrier} onChange={(e) => setCarrier(e.target.value)} options={[{ value: 'flat-rate', label: 'Flat-rate label (tracking number generated)' }, { value: 'manual', label: 'Another carrier (enter the tracking number)' }]} />
      {manual && <>
        <Input label="Carrier name" name="carrier" placeholder="e.g. UPS" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} />
        <Input label="Tracking number" name="trackingNumber" value={tracking} onChange={(e) => setTracking(e.target.value)} maxLength={100} />
      </>}
      <p className="small muted">An authorized payment is captured before the parcel ships.</p>
    </Dialog>
  );
}

function HoldDialog({ open, onClose, onHold }: { open: boolean; onClose(): void; onHold(reason: string): void }) {
  const [reason, setReason] = useState('');
  return (
    <Dialog open={open} onClose={onClose} title="Put order on hold" footer={<><Button variant="ghost" onClick={onClose}>Cancel</Button><Button disabled={!reason.trim()} onClick={() => onHold(reason.trim())}>Hold order</Button></>}>
      <Input label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="e.g. address check with the customer" />
    </Dialog>
  );
}

/**
 * Refunds chosen units. Before anything ships the order is edited (the units are removed, restocked
 * and their money given back); after, a staff return takes the units back (restocked or written
 * off) and refunds them to the original payment.
 */
function RefundDialog({ order, onClose, onDone }: { order: Order; onClose(): void; onDone(amount: number): void }) {
  const editable = EDITABLE.includes(order.status) && order.lines.every((l) => l.fulfilledQuantity === 0);
  const refundable = (l: Line) => (editable ? l.quantity : l.fulfilledQuantity - l.returnedQuantity);
  const [qty, setQty] = useState<Record<string, number>>({});
  const [restock, setRestock] = useState(true);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const chosen = order.lines.filter((l) => (qty[l.id] ?? 0) > 0);
  const estimate = chosen.reduce((s, l) => s + Math.round((l.total * (qty[l.id] ?? 0)) / l.quantity), 0);
  const submit = async () => {
    setBusy(true); setError(undefined);
    try {
      const why = reason.trim() || 'refund by staff';
      if (editable) {
        const before = order.total;
        const after = await call<Order>('POST', `/admin/orders/${order.id}/edit`, { body: { lines: chosen.map((l) => ({ lineId: l.id, quantity: l.quantity - qty[l.id] })), reason: why } });
        onDone(before - after.total);
      } else {
        const ret = await call<{ id: string }>('POST', `/admin/orders/${order.id}/returns`, { body: { lines: chosen.map((l) => ({ orderLineId: l.id, quantity: qty[l.id], reason: 'other' })), note: why, ignoreWindow: true } });
        await call('POST', `/admin/returns/${ret.id}/authorize`, { body: {} });
        await call('POST', `/admin/returns/${ret.id}/receive`, { body: { lines: chosen.map((l) => ({ orderLineId: l.id, disposition: restock ? 'restock' : 'write_off' })) } });
        const refunded = await call<{ refundTotal: number }>('POST', `/admin/returns/${ret.id}/refund`, { body: { method: 'original_payment', reason: why } });
        onDone(refunded.refundTotal);
      }
    } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  };
  return (
    <Dialog open onClose={onClose} title={`Refund order ${order.displayNumber}`}
      footer={<><Button variant="ghost" onClick={onClose}>Cancel</Button><Button busy={busy} disabled={!chosen.length} onClick={() => void submit()}>Refund {money(estimate, order.currency)}</Button></>}>
      {error && <Alert tone="danger">{error}</Alert>}
      <p className="small muted">{editable ? 'Nothing has shipped: the units are removed from the order, restocked, and their price given back.' : 'The units come back as a return and are refunded to the original payment.'}</p>
      <table className="lines">
        <thead><tr><th>Item</th><th className="num">Refundable</th><th className="num">Refund</th></tr></thead>
        <tbody>
          {order.lines.map((l) => (
            <tr key={l.id}>
              <td>{l.title}<div className="muted small">{money(Math.round(l.total / l.quantity), order.currency)} each</div></td>
              <td className="num">{refundable(l)}</td>
              <td className="num"><input className="ui-input qty-input" type="number" min={0} max={refundable(l)} aria-label={`Units of ${l.title} to refund`} value={qty[l.id] ?? 0}
                disabled={refundable(l) <= 0} onChange={(e) => setQty({ ...qty, [l.id]: Math.max(0, Math.min(refundable(l), Number(e.target.value) || 0)) })} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {!editable && <Checkbox label="Put the returned units back in stock" checked={restock} onChange={(e) => setRestock(e.target.checked)} />}
      <Input label="Reason (optional)" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
    </Dialog>
  );
}
