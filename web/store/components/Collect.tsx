/**
 * Pickup and curbside on the order status page: how ready each collection is, and for a curbside
 * order that is ready, the "I'm here" form (vehicle, bay, note) that checks the shopper in. A
 * signed-in customer proves the order is theirs by their session; a guest by the order's email.
 */
import { useState } from 'react';
import { Alert, Button, Card, Input, TextArea } from '@shared/ui';
import { useI18n } from '@shared/i18n';
import { formatDateTime } from '@shared/format';
import { api, ApiError, ensureFreshSession, unwrap } from '../app/api';
import type { Fulfilment } from './OrderView';

/** One line on how far a pickup or curbside collection has got. */
export function Readiness({ f }: { f: Fulfilment }) {
  const { t, lang } = useI18n();
  if (f.kind === 'delivery') return null;
  let text: string;
  if (f.status === 'cancelled') text = t('collect.cancelled');
  else if (f.pickedUpAt) text = t('collect.pickedUp', { at: formatDateTime(f.pickedUpAt, lang) });
  else if (f.arrivedAt) text = t('collect.arrived');
  else if (f.readyAt) text = t(f.kind === 'curbside' ? 'collect.readyCurbside' : 'collect.ready', { at: formatDateTime(f.readyAt, lang) });
  else text = t('collect.preparing');
  return <p className="small" data-testid="readiness">{text}</p>;
}

function Arrival({ f }: { f: Fulfilment }) {
  const { t } = useI18n();
  const a = f.arrival;
  return (
    <Alert tone="success" title={t('collect.checkedIn')}>
      <span data-testid="checked-in">{t('collect.comingOut')}</span>
      {a && (a.vehicle || a.bay || a.note) && (
        <dl className="summary__rows">
          {a.vehicle && <div><dt>{t('collect.vehicle')}</dt><dd>{a.vehicle}</dd></div>}
          {a.bay && <div><dt>{t('collect.bay')}</dt><dd>{a.bay}</dd></div>}
          {a.note && <div><dt>{t('collect.note')}</dt><dd>{a.note}</dd></div>}
        </dl>
      )}
    </Alert>
  );
}

/** The "I'm here" form for a ready curbside fulfilment, or what was said once checked in. */
export function CheckIn({ orderId, f, email, onDone }: { orderId: string; f: Fulfilment; email?: string; onDone(f: Fulfilment): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ vehicle: '', bay: '', note: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (f.kind !== 'curbside') return null;
  if (f.status === 'arrived') return <Arrival f={f} />;
  if (f.status !== 'ready_for_pickup') return null;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (!email) await ensureFreshSession();
      const body = {
        email,
        vehicle: form.vehicle.trim() || undefined,
        bay: form.bay.trim() || undefined,
        note: form.note.trim() || undefined,
      };
      const done = await unwrap(api.POST('/store/orders/{id}/fulfillments/{fulfillmentId}/check-in', { params: { path: { id: orderId, fulfillmentId: f.id } }, body }));
      onDone(done as Fulfilment);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('collect.hereTitle')}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-label={t('collect.hereTitle')}>
        <p className="muted small">{t('collect.hereText')}</p>
        <Input label={t('collect.vehicle')} value={form.vehicle} onChange={set('vehicle')} maxLength={120} placeholder={t('collect.vehiclePlaceholder')} />
        <Input label={t('collect.bay')} value={form.bay} onChange={set('bay')} maxLength={40} />
        <TextArea label={t('collect.note')} value={form.note} onChange={set('note')} maxLength={500} rows={2} />
        {error && <Alert tone="danger">{error}</Alert>}
        <Button type="submit" block busy={busy}>{t('order.curbsideHere')}</Button>
      </form>
    </Card>
  );
}
