/**
 * Returns on the order status page: the order's returns with their status, and a request form for
 * units that were delivered or collected (a reason per line and a note). A guest names the order
 * by its number and email; a signed-in customer asks through the account.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Input, Select, TextArea, type Tone } from '@shared/ui';
import { useI18n } from '@shared/i18n';
import { formatDate } from '@shared/format';
import { api, ApiError, ensureFreshSession, unwrap } from '../app/api';
import type { Fulfilment, Order } from './OrderView';

const REASONS = ['damaged', 'wrong_item', 'not_as_described', 'too_small', 'too_large', 'changed_mind', 'other'] as const;
type Reason = (typeof REASONS)[number];
const TONES: Record<string, Tone> = { requested: 'info', authorized: 'info', received: 'info', refunded: 'success', exchanged: 'success', rejected: 'danger', cancelled: 'neutral' };
/** Returns still in flight hold their units: they cannot be asked for twice. */
const OPEN = ['requested', 'authorized'];

export function ReturnStatus({ status }: { status: string }) {
  const { t } = useI18n();
  const label = t(`return.status.${status}`);
  return <Badge tone={TONES[status] ?? 'neutral'}>{label.startsWith('return.status.') ? status.replace(/_/g, ' ') : label}</Badge>;
}

/** The order's returns, newest first, with status and what the shop said. */
export function ReturnList({ order }: { order: Order }) {
  const { t, lang } = useI18n();
  if (!order.returns.length) return null;
  const title = (id: string) => order.lines.find((l) => l.id === id)?.title ?? '';
  const returns = [...order.returns].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  return (
    <Card title={t('return.list')}>
      <ul className="plain stack" data-testid="returns">
        {returns.map((r) => (
          <li key={r.id}>
            <div className="ful__head"><span>{t('return.requestedOn', { at: formatDate(r.requestedAt, lang) })}</span><ReturnStatus status={r.status} /></div>
            <ul className="small muted plain">
              {r.lines.map((l) => <li key={l.orderLineId}>{title(l.orderLineId)} × {l.quantity}{l.reason ? ` · ${t(`account.reason.${l.reason}`)}` : ''}</li>)}
            </ul>
            {r.rejectionReason && <p className="small">{t('return.rejected', { reason: r.rejectionReason })}</p>}
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** Units of each line that left the shop (delivered or collected), less those already returned or asked for. */
export function returnableUnits(order: Order, fulfilments: Fulfilment[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  const done = (fulfilments ?? []).filter((f) => f.deliveredAt || f.pickedUpAt);
  for (const l of order.lines) {
    const left = done.reduce((n, f) => n + f.lines.filter((x) => x.orderLineId === l.id).reduce((m, x) => m + x.quantity, 0), 0);
    const asked = order.returns.filter((r) => OPEN.includes(r.status)).reduce((n, r) => n + r.lines.filter((x) => x.orderLineId === l.id).reduce((m, x) => m + x.quantity, 0), 0);
    const n = Math.min(left, l.fulfilledQuantity) - l.returnedQuantity - asked; // the server's rule, limited to units that arrived
    if (n > 0) out[l.id] = n;
  }
  return out;
}

/** The request form; `email` means a guest (by number and email), otherwise the signed-in customer. */
export function ReturnRequest({ order, fulfilments, email, onDone }: { order: Order; fulfilments?: Fulfilment[]; email?: string; onDone(): void }) {
  const { t } = useI18n();
  const [qty, setQty] = useState<Record<string, number>>({});
  const [reasons, setReasons] = useState<Record<string, Reason>>({});
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const units = returnableUnits(order, fulfilments);
  const lines = order.lines.filter((l) => units[l.id]);
  if (!lines.length) return null;
  const submit = async () => {
    const chosen = lines.filter((l) => (qty[l.id] ?? 0) > 0).map((l) => ({ orderLineId: l.id, quantity: qty[l.id], reason: reasons[l.id] ?? 'changed_mind' }));
    if (!chosen.length) { setError(t('return.none')); return; }
    setBusy(true);
    setError(null);
    try {
      const extra = note.trim() ? { note: note.trim() } : {};
      if (email) {
        await unwrap(api.POST('/store/orders/returns', { body: { number: order.number, email, lines: chosen, ...extra } }));
      } else {
        await ensureFreshSession();
        await unwrap(api.POST('/store/account/orders/{id}/returns', { params: { path: { id: order.id } }, body: { lines: chosen, ...extra } }));
      }
      setQty({});
      setReasons({});
      setNote('');
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('return.title')}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-label={t('return.title')}>
        <p className="muted small">{t('return.text')}</p>
        {lines.map((l) => (
          <div key={l.id} className="row2">
            <Input type="number" min={0} max={units[l.id]} label={t('return.qty', { title: l.title })}
              value={qty[l.id] ?? 0} onChange={(e) => setQty({ ...qty, [l.id]: Math.max(0, Math.min(units[l.id], Number(e.target.value) || 0)) })} />
            <Select label={t('return.reason', { title: l.title })} value={reasons[l.id] ?? 'changed_mind'}
              onChange={(e) => setReasons({ ...reasons, [l.id]: e.target.value as Reason })}
              options={REASONS.map((r) => ({ value: r, label: t(`account.reason.${r}`) }))} />
          </div>
        ))}
        <TextArea label={t('return.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} />
        {error && <Alert tone="danger">{error}</Alert>}
        <Button type="submit" variant="secondary" busy={busy}>{t('return.submit')}</Button>
      </form>
    </Card>
  );
}
