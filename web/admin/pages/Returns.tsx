/**
 * The returns queue (`#/returns`, filtered by status) and one return (`#/returns/:id`) with the
 * actions its status offers: authorise (restocking fee), reject (reason), cancel, receive (restock
 * or write off each line), refund (original payment or store credit) and place an exchange.
 */
import { useState } from 'react';
import { Button, Card, Input, PageHeader, Radio, Select, Table, TextArea, useToast } from '@shared/ui';
import { formatDate, formatDateTime, parseMoney } from '@shared/format';
import { call } from '../app/api';
import { Link, navigate, setQuery, useLocation } from '../app/router';
import { useSession } from '../app/session';
import { useAsync } from '../app/use-async';
import { ListCard } from '../components/ListCard';
import { Detail, ErrorNote, FormDialog, StatusBadge, Toolbar, fieldError, humanise, money } from '../components/bits';

const STATUSES = ['requested', 'authorized', 'received', 'refunded', 'rejected', 'cancelled', 'exchanged'];

interface ReturnLine { orderLineId: string; quantity: number; reason: string | null; disposition: string | null; condition: string | null; locationId: string | null; value: number | null }
interface OrderReturn {
  id: string; orderId: string; status: string; source: string | null; note: string | null; reason: string | null; lines: ReturnLine[];
  restockingFee: number; rejectionReason: string | null; refundMethod: string | null; refundTotal: number;
  requestedAt: string; authorizedAt: string | null; receivedAt: string | null; refundedAt: string | null; closedAt: string | null;
  exchange: { variantId: string; title: string; variantTitle: string | null; quantity: number; total: number }[]; exchangeOrderId: string | null; actions: string[];
}
interface OrderLine { id: string; title: string; variantTitle: string | null; sku: string | null; quantity: number; total: number; locationId?: string | null }
interface Order { id: string; displayNumber: string; email: string; currency: string; lines: OrderLine[] }

/** Order numbers for the queue, one request per order however many rows name it. */
const orderNumbers = new Map<string, Promise<string>>();
function OrderRef({ id }: { id: string }) {
  if (!orderNumbers.has(id)) orderNumbers.set(id, call<Order>('GET', `/admin/orders/${id}`).then((o) => `${o.displayNumber} · ${o.email}`, () => id));
  const { data } = useAsync(() => orderNumbers.get(id)!, [id]);
  return <Link to={`/orders/${id}`} onClick={(e) => e.stopPropagation()}>{data ?? '…'}</Link>;
}

export function ReturnsPage() {
  const { query } = useLocation();
  const status = query.get('status') ?? 'requested';
  return (
    <>
      <PageHeader title="Returns" subtitle="Requests from customers, guests and staff" />
      <Toolbar>
        <Select label="Status" value={status} onChange={(e) => setQuery({ status: e.target.value })}
          options={[{ value: 'all', label: 'All returns' }, ...STATUSES.map((s) => ({ value: s, label: humanise(s) }))]} />
      </Toolbar>
      <ListCard<OrderReturn> path="/admin/returns" query={{ status: status === 'all' ? undefined : status, limit: 50 }} rowKey={(r) => r.id}
        empty={status === 'all' ? 'No returns yet.' : `No ${humanise(status).toLowerCase()} returns.`}
        onRowClick={(r) => navigate(`/returns/${r.id}`)}
        columns={[
          { key: 'i', header: 'Return', render: (r) => <Link to={`/returns/${r.id}`} onClick={(e) => e.stopPropagation()}><code>{r.id.slice(-8)}</code></Link> },
          { key: 'o', header: 'Order', render: (r) => <OrderRef id={r.orderId} /> },
          { key: 's', header: 'Status', render: (r) => <StatusBadge status={r.status} /> },
          { key: 'u', header: 'Units', align: 'right', render: (r) => r.lines.reduce((n, l) => n + l.quantity, 0) },
          { key: 'w', header: 'Why', render: (r) => [...new Set(r.lines.map((l) => l.reason).filter(Boolean))].map((x) => humanise(x!)).join(', ') || '—' },
          { key: 'f', header: 'From', render: (r) => (r.source ? humanise(r.source) : 'Imported') },
          { key: 'r', header: 'Requested', render: (r) => formatDate(r.requestedAt) },
          { key: 't', header: 'Refunded', align: 'right', render: (r) => (r.refundTotal ? money(r.refundTotal) : '—') },
        ]} />
    </>
  );
}

type ActionDialog = 'authorize' | 'reject' | 'cancel' | 'receive' | 'refund' | null;

export function ReturnDetailPage({ id }: { id: string }) {
  const { can } = useSession();
  const toast = useToast();
  const loaded = useAsync(async () => {
    const r = await call<OrderReturn>('GET', `/admin/returns/${id}`);
    const order = await call<Order>('GET', `/admin/orders/${r.orderId}`);
    return { r, order };
  }, [id]);
  const [dialog, setDialog] = useState<ActionDialog>(null);
  const [busy, setBusy] = useState(false);
  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (!loaded.data) return <p className="muted">Loading…</p>;
  const { r, order } = loaded.data;
  const cur = order.currency;
  const line = (lineId: string) => order.lines.find((l) => l.id === lineId);
  const done = (updated: OrderReturn, msg: string) => { setDialog(null); toast.success(msg); loaded.setData({ r: updated, order }); };
  const exchange = async () => {
    setBusy(true);
    try { done(await call<OrderReturn>('POST', `/admin/returns/${r.id}/exchange`, { body: {} }), 'Exchange order placed'); } catch (e) { toast.error((e as Error).message); } finally { setBusy(false); }
  };
  const allowed: Record<string, boolean> = {
    authorize: can('orders:refund'), reject: can('orders:refund'), refund: can('orders:refund'), exchange: can('orders:refund'),
    receive: can('orders:fulfil'), cancel: can('orders:write'),
  };
  const label: Record<string, string> = { authorize: 'Authorise', reject: 'Reject', cancel: 'Cancel return', receive: 'Receive', refund: 'Refund', exchange: 'Place exchange' };
  return (
    <>
      <PageHeader title={<>Return for order {order.displayNumber} <StatusBadge status={r.status} /></>} subtitle={<><Link to="/returns">← Returns</Link> · <Link to={`/orders/${order.id}`}>Order {order.displayNumber}</Link> · {order.email}</>}
        actions={<span className="row-actions">{r.actions.filter((a) => allowed[a]).map((a) => (
          <Button key={a} variant={a === 'reject' || a === 'cancel' ? 'secondary' : 'primary'} busy={a === 'exchange' && busy}
            onClick={() => (a === 'exchange' ? void exchange() : setDialog(a as ActionDialog))}>{label[a] ?? humanise(a)}</Button>
        ))}</span>} />
      <div className="tab-body">
        <Card title="Units">
          <Table<ReturnLine> rows={r.lines} rowKey={(l) => l.orderLineId} caption="Returned units" columns={[
            { key: 't', header: 'Item', render: (l) => { const o = line(l.orderLineId); return <><strong>{o?.title ?? l.orderLineId}</strong>{o?.variantTitle && <span className="muted"> · {o.variantTitle}</span>}</>; } },
            { key: 'q', header: 'Qty', align: 'right', render: (l) => l.quantity },
            { key: 'r', header: 'Reason', render: (l) => (l.reason ? humanise(l.reason) : '—') },
            { key: 'd', header: 'Received as', render: (l) => (l.disposition ? humanise(l.disposition) : '—') },
            { key: 'c', header: 'Condition', render: (l) => l.condition ?? '—' },
            { key: 'v', header: 'Value', align: 'right', render: (l) => money(l.value, cur) },
          ]} />
        </Card>
        {r.exchange.length > 0 && <Card title="Exchange for">
          <ul>{r.exchange.map((x) => <li key={x.variantId}>{x.quantity} × {x.title}{x.variantTitle ? ` · ${x.variantTitle}` : ''} ({money(x.total, cur)})</li>)}</ul>
          {r.exchangeOrderId && <p><Link to={`/orders/${r.exchangeOrderId}`}>Replacement order</Link></p>}
        </Card>}
        <Card title="Details">
          <dl className="admin-details">
            <Detail label="From">{r.source ? humanise(r.source) : 'Imported'}</Detail>
            <Detail label="Note">{r.note ?? '—'}</Detail>
            <Detail label="Requested">{formatDateTime(r.requestedAt)}</Detail>
            {r.authorizedAt && <Detail label="Authorised">{formatDateTime(r.authorizedAt)}</Detail>}
            <Detail label="Restocking fee">{money(r.restockingFee, cur)}</Detail>
            {r.rejectionReason && <Detail label="Rejected because">{r.rejectionReason}</Detail>}
            {r.receivedAt && <Detail label="Received">{formatDateTime(r.receivedAt)}</Detail>}
            {r.refundedAt && <Detail label="Refunded">{formatDateTime(r.refundedAt)}</Detail>}
            <Detail label="Refund">{r.refundTotal ? `${money(r.refundTotal, cur)}${r.refundMethod ? ` to ${humanise(r.refundMethod).toLowerCase()}` : ''}` : '—'}</Detail>
          </dl>
        </Card>
      </div>
      {dialog === 'authorize' && <AuthorizeDialog r={r} currency={cur} onClose={() => setDialog(null)} onDone={(u) => done(u, 'Return authorised')} />}
      {dialog === 'reject' && <ReasonDialog r={r} action="reject" onClose={() => setDialog(null)} onDone={(u) => done(u, 'Return rejected')} />}
      {dialog === 'cancel' && <ReasonDialog r={r} action="cancel" onClose={() => setDialog(null)} onDone={(u) => done(u, 'Return cancelled')} />}
      {dialog === 'receive' && <ReceiveDialog r={r} title={(l) => line(l)?.title ?? l} onClose={() => setDialog(null)} onDone={(u) => done(u, 'Units received')} />}
      {dialog === 'refund' && <RefundDialog r={r} currency={cur} onClose={() => setDialog(null)} onDone={(u) => done(u, `Refunded ${money(u.refundTotal, cur)}`)} />}
    </>
  );
}

/** Posts one action; keeps the API's error in the dialog. */
function usePost(path: string, onDone: (r: OrderReturn) => void) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const post = async (body: unknown) => {
    setBusy(true);
    try { onDone(await call<OrderReturn>('POST', path, { body })); } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return { error, setError, busy, post };
}

function AuthorizeDialog({ r, currency, onClose, onDone }: { r: OrderReturn; currency: string; onClose(): void; onDone(u: OrderReturn): void }) {
  const [fee, setFee] = useState('');
  const [note, setNote] = useState('');
  const { error, setError, busy, post } = usePost(`/admin/returns/${r.id}/authorize`, onDone);
  const submit = () => {
    const restockingFee = fee.trim() === '' ? 0 : parseMoney(fee, currency);
    if (restockingFee === null) { setError({ message: 'Enter the restocking fee as an amount, e.g. 5.00', details: [{ field: 'body.restockingFee', message: 'is not an amount' }] }); return; }
    void post({ restockingFee, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <FormDialog title="Authorise return" submitLabel="Authorise" onClose={onClose} onSubmit={submit} busy={busy} error={error}>
      <Input label={`Restocking fee (${currency}, optional)`} hint="Taken off the refund" inputMode="decimal" value={fee} onChange={(e) => setFee(e.target.value)} placeholder="0.00" error={fieldError(error, 'restockingFee')} />
      <TextArea label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} error={fieldError(error, 'note')} />
    </FormDialog>
  );
}

function ReasonDialog({ r, action, onClose, onDone }: { r: OrderReturn; action: 'reject' | 'cancel'; onClose(): void; onDone(u: OrderReturn): void }) {
  const [reason, setReason] = useState('');
  const { error, busy, post } = usePost(`/admin/returns/${r.id}/${action}`, onDone);
  const submit = () => void post(action === 'reject' ? { reason: reason.trim() } : reason.trim() ? { reason: reason.trim() } : {});
  return (
    <FormDialog title={action === 'reject' ? 'Reject return' : 'Cancel return'} submitLabel={action === 'reject' ? 'Reject' : 'Cancel return'} onClose={onClose} onSubmit={submit} busy={busy} error={error}>
      <TextArea label={action === 'reject' ? 'Reason (the customer sees it)' : 'Reason (optional)'} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(error, 'reason')} />
    </FormDialog>
  );
}

function ReceiveDialog({ r, title, onClose, onDone }: { r: OrderReturn; title(lineId: string): string; onClose(): void; onDone(u: OrderReturn): void }) {
  const [rows, setRows] = useState(r.lines.map((l) => ({ orderLineId: l.orderLineId, disposition: 'restock', condition: '' })));
  const [note, setNote] = useState('');
  const { error, busy, post } = usePost(`/admin/returns/${r.id}/receive`, onDone);
  const set = (i: number, patch: Partial<(typeof rows)[number]>) => setRows((rs) => rs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const submit = () => void post({
    lines: rows.map((x) => ({ orderLineId: x.orderLineId, disposition: x.disposition, ...(x.condition.trim() ? { condition: x.condition.trim() } : {}) })),
    ...(note.trim() ? { note: note.trim() } : {}),
  });
  return (
    <FormDialog title="Receive returned units" submitLabel="Receive" onClose={onClose} onSubmit={submit} busy={busy} error={error}>
      {rows.map((x, i) => (
        <fieldset className="brackets" key={x.orderLineId}>
          <legend>{title(x.orderLineId)} × {r.lines[i].quantity}</legend>
          <div className="form-row">
            <Select label={`What to do with ${title(x.orderLineId)}`} value={x.disposition} onChange={(e) => set(i, { disposition: e.target.value })}
              options={[{ value: 'restock', label: 'Restock' }, { value: 'write_off', label: 'Write off' }]} error={fieldError(error, `lines[${i}].disposition`)} />
            <Input label={`Condition of ${title(x.orderLineId)} (optional)`} value={x.condition} onChange={(e) => set(i, { condition: e.target.value })} error={fieldError(error, `lines[${i}].condition`)} />
          </div>
        </fieldset>
      ))}
      <TextArea label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} error={fieldError(error, 'note')} />
    </FormDialog>
  );
}

function RefundDialog({ r, currency, onClose, onDone }: { r: OrderReturn; currency: string; onClose(): void; onDone(u: OrderReturn): void }) {
  const worth = Math.max(0, r.lines.reduce((n, l) => n + (l.value ?? 0), 0) - r.restockingFee);
  const [method, setMethod] = useState('original_payment');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const { error, setError, busy, post } = usePost(`/admin/returns/${r.id}/refund`, onDone);
  const submit = () => {
    const a = amount.trim() === '' ? undefined : parseMoney(amount, currency);
    if (a === null) { setError({ message: 'Enter the amount, or leave it empty to refund everything', details: [{ field: 'body.amount', message: 'is not an amount' }] }); return; }
    void post({ method, ...(a !== undefined ? { amount: a } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) });
  };
  return (
    <FormDialog title="Refund return" submitLabel={`Refund ${money(amount.trim() ? parseMoney(amount, currency) ?? worth : worth, currency)}`} onClose={onClose} onSubmit={submit} busy={busy} error={error}>
      <div role="radiogroup" aria-label="Refund to">
        <Radio name="method" label="Original payment" description="Back to the card or method the customer paid with" checked={method === 'original_payment'} onChange={() => setMethod('original_payment')} />
        <Radio name="method" label="Store credit" description="Added to the customer's store credit balance" checked={method === 'store_credit'} onChange={() => setMethod('store_credit')} />
      </div>
      {fieldError(error, 'method') && <p className="ui-error">{fieldError(error, 'method')}</p>}
      <Input label={`Amount (${currency}, optional)`} hint={`Empty refunds what the units were worth less the fee: ${money(worth, currency)}`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={fieldError(error, 'amount')} />
      <Input label="Reason (optional)" value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(error, 'reason')} />
    </FormDialog>
  );
}
