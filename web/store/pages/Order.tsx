/**
 * Confirmation and order status. Right after checkout the order is known (kept for this browser
 * session); later a guest finds it by number and email, a customer through the account. Status
 * and fulfilments are read fresh each visit.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Input, Spinner, useToast } from '@shared/ui';
import { useT } from '@shared/i18n';
import { api, ApiError, getSession, unwrap } from '../app/api';
import { useKiosk } from '../app/kiosk';
import { Link, navigate } from '../app/router';
import { useTitle } from '../app/use-async';
import { CheckIn } from '../components/Collect';
import { OrderView, type Fulfilment, type Order as OrderT } from '../components/OrderView';
import { ReturnList, ReturnRequest } from '../components/Returns';

function remembered(id: string): { order: OrderT; email: string; lookedUp?: boolean } | null {
  try { return JSON.parse(sessionStorage.getItem(`emporia.order.${id}`) ?? 'null'); } catch { return null; }
}

export function LookupForm() {
  const t = useT();
  const [number, setNumber] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const find = async () => {
    setBusy(true);
    setError(null);
    try {
      const order = await unwrap(api.POST('/store/orders/lookup', { body: { number: number.trim(), email: email.trim() } }));
      sessionStorage.setItem(`emporia.order.${order.id}`, JSON.stringify({ order, email: email.trim(), lookedUp: true }));
      navigate(`/order/${order.id}`);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t('order.notFound') : e instanceof ApiError ? e.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="ui-card narrow" onSubmit={(e) => { e.preventDefault(); void find(); }}>
      <p>{t('order.lookupText')}</p>
      <Input label={t('order.number')} value={number} onChange={(e) => setNumber(e.target.value)} inputMode="numeric" placeholder="#1001" required />
      <Input label={t('checkout.email')} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      {error && <Alert tone="danger">{error}</Alert>}
      <Button type="submit" busy={busy} block>{t('order.lookup')}</Button>
    </form>
  );
}

export default function Order({ id }: { id?: string }) {
  const t = useT();
  const toast = useToast();
  const kiosk = useKiosk();
  const [version, setVersion] = useState(0);
  const first = id ? remembered(id) : null;
  const [order, setOrder] = useState<OrderT | null>(first?.order ?? null);
  const [fulfilments, setFulfilments] = useState<Fulfilment[] | undefined>();
  const [state, setState] = useState<'loading' | 'ready' | 'unknown'>(first ? 'ready' : 'loading');
  const justPlaced = !!first && !first.lookedUp && Date.now() - Date.parse(first.order.placedAt) < 10 * 60_000;
  useTitle(id ? t('order.confirmed', { number: order?.displayNumber ?? '' }) : t('order.lookupTitle'));

  useEffect(() => {
    if (!id) return;
    let live = true;
    (async () => {
      const mine = remembered(id);
      try {
        if (mine) {
          const [o, f] = await Promise.all([
            unwrap(api.POST('/store/orders/lookup', { body: { number: mine.order.number, email: mine.email } })),
            unwrap(api.POST('/store/orders/{id}/fulfillments/lookup', { params: { path: { id } }, body: { email: mine.email } })),
          ]);
          if (live) { setOrder(o); setFulfilments(f.items); setState('ready'); }
        } else if (getSession()) {
          const [o, f] = await Promise.all([
            unwrap(api.GET('/store/account/orders/{id}', { params: { path: { id } } })),
            unwrap(api.GET('/store/account/orders/{id}/fulfillments', { params: { path: { id } } })),
          ]);
          if (live) { setOrder(o as OrderT); setFulfilments(f.items); setState('ready'); }
        } else if (live) setState('unknown');
      } catch {
        if (live && !mine) setState('unknown');
      }
    })();
    return () => { live = false; };
  }, [id, version]);

  if (!id || state === 'unknown') {
    return (
      <div className="wrap page">
        <h1 className="page__title">{t('order.lookupTitle')}</h1>
        <LookupForm />
      </div>
    );
  }
  if (!order) return <div className="page-loading"><Spinner /></div>;
  const name = order.shippingAddress?.firstName;
  const guestEmail = remembered(order.id)?.email;
  return (
    <div className="wrap page">
      {justPlaced ? (
        <header className="confirm">
          <div className="confirm__tick" aria-hidden="true">✓</div>
          <h1 className="page__title">{name ? t('order.thanks', { name }) : t('order.thanksGuest')}</h1>
          <p className="confirm__lead">{t('order.confirmed', { number: order.displayNumber })}</p>
          <p className="muted">{kiosk.on ? t('kiosk.payAtCounter') : t('order.emailSent', { email: order.email })}</p>
        </header>
      ) : <h1 className="page__title">{t('order.confirmed', { number: order.displayNumber })}</h1>}
      <OrderView order={order} fulfilments={fulfilments} extra={kiosk.on ? null : (
        <>
          {fulfilments?.map((f) => (
            <CheckIn key={f.id} orderId={order.id} f={f} email={guestEmail}
              onDone={(done) => setFulfilments((all) => all?.map((x) => (x.id === done.id ? { ...x, ...done } : x)))} />
          ))}
          <ReturnList order={order} />
          <ReturnRequest order={order} fulfilments={fulfilments} email={guestEmail}
            onDone={() => { toast.success(t('return.requested')); setVersion((v) => v + 1); }} />
        </>
      )} />
      <div className="center page__foot">
        {kiosk.on ? <Button size="lg" onClick={kiosk.reset}>{t('kiosk.startOver')}</Button>
          : <Link to="/" className="ui-btn ui-btn--secondary ui-btn--md">{t('order.continue')}</Link>}
      </div>
    </div>
  );
}
