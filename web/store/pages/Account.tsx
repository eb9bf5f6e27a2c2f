/**
 * The shopper's account: sign in or create an account; then orders (with parcels, and a return
 * request per order), and saved addresses. Guests are pointed to the order lookup.
 */
import { useState } from 'react';
import type { paths } from '@shared/api/client';
import { Alert, Button, EmptyState, Input, Spinner, Table, Tabs, useToast } from '@shared/ui';
import { useI18n } from '@shared/i18n';
import { formatDate } from '@shared/format';
import { api, ApiError, ensureFreshSession, setSession, unwrap } from '../app/api';
import { useSession } from '../app/cart';
import { Link, navigate, useLocation } from '../app/router';
import { useAsync, useTitle } from '../app/use-async';
import { CheckIn } from '../components/Collect';
import { OrderView, StatusBadge, type Order } from '../components/OrderView';
import { ReturnList, ReturnRequest } from '../components/Returns';
import { useMoney } from '../components/Price';
import { Forgot, ResetPassword } from './Reset';

type Address = paths['/store/account/addresses']['get']['responses'][200]['content']['application/json']['items'][number];

function SignIn() {
  const { t } = useI18n();
  const { query } = useLocation();
  const [mode, setMode] = useState<'in' | 'up'>('in');
  const [f, setF] = useState({ email: '', password: '', firstName: '', lastName: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      let tokens: { accessToken: string; refreshToken: string; expiresIn: number };
      let firstName: string | undefined;
      if (mode === 'up') {
        const r = await unwrap(api.POST('/store/auth/register', { body: { email: f.email.trim(), password: f.password, firstName: f.firstName.trim() || undefined, lastName: f.lastName.trim() || undefined } }));
        tokens = r.tokens;
        firstName = r.customer.firstName;
      } else {
        tokens = await unwrap(api.POST('/store/auth/login', { body: { email: f.email.trim(), password: f.password } })) as typeof tokens;
      }
      setSession({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: Date.now() + tokens.expiresIn * 1000, email: f.email.trim(), firstName });
      const next = query.get('next');
      if (next && next.startsWith('/') && !next.startsWith('//')) navigate(next, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="wrap page">
      <h1 className="page__title center">{mode === 'in' ? t('account.signIn') : t('account.signUp')}</h1>
      <div className="narrow">
        <Tabs label={t('account.title')} value={mode} onChange={(m) => { setMode(m); setError(null); }}
          tabs={[{ key: 'in', label: t('account.signIn') }, { key: 'up', label: t('account.signUp') }]} />
        <form className="ui-card" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          {mode === 'up' && (
            <div className="row2">
              <Input label={t('account.firstName')} autoComplete="given-name" value={f.firstName} onChange={set('firstName')} />
              <Input label={t('account.lastName')} autoComplete="family-name" value={f.lastName} onChange={set('lastName')} />
            </div>
          )}
          <Input label={t('account.email')} type="email" autoComplete="email" value={f.email} onChange={set('email')} required />
          <Input label={t('account.password')} type="password" autoComplete={mode === 'in' ? 'current-password' : 'new-password'} value={f.password} onChange={set('password')} required
            hint={mode === 'up' ? t('account.passwordHint') : undefined} />
          {error && <Alert tone="danger">{error}</Alert>}
          <Button type="submit" block busy={busy}>{mode === 'in' ? t('account.signIn') : t('account.signUp')}</Button>
        </form>
        {mode === 'in' && <p className="center small"><Link to="/account/forgot">{t('reset.forgot')}</Link></p>}
        <p className="center small"><Link to="/order/lookup">{t('account.orderLookup')}</Link></p>
      </div>
    </div>
  );
}

function Orders() {
  const { t, lang } = useI18n();
  const money = useMoney();
  const { data, loading } = useAsync(async () => { await ensureFreshSession(); return unwrap(api.GET('/store/account/orders', { params: { query: { limit: 50 } } })); }, []);
  if (loading && !data) return <Spinner />;
  const items = (data?.items ?? []) as { id: string; displayNumber: string; placedAt: string; status: string; total: number; currency: string; itemCount: number }[];
  if (!items.length) return <EmptyState title={t('account.noOrders')} action={<Link to="/" className="ui-btn ui-btn--primary ui-btn--md">{t('cart.emptyCta')}</Link>} />;
  return (
    <Table caption={t('account.orders')} rows={items} rowKey={(o) => o.id} onRowClick={(o) => navigate(`/account/orders/${o.id}`)}
      columns={[
        { key: 'n', header: t('order.number'), render: (o) => <Link to={`/account/orders/${o.id}`}>{o.displayNumber}</Link> },
        { key: 'd', header: t('order.placed'), render: (o) => formatDate(o.placedAt, lang) },
        { key: 's', header: t('order.status'), render: (o) => <StatusBadge status={o.status} /> },
        { key: 'i', header: t('order.items'), render: (o) => o.itemCount, align: 'right' },
        { key: 't', header: t('cart.total'), render: (o) => money(o.total, o.currency), align: 'right' },
      ]} />
  );
}

function OrderDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const { data, reload } = useAsync(async () => {
    await ensureFreshSession();
    const [o, f] = await Promise.all([
      unwrap(api.GET('/store/account/orders/{id}', { params: { path: { id } } })),
      unwrap(api.GET('/store/account/orders/{id}/fulfillments', { params: { path: { id } } })),
    ]);
    return { order: o as Order, fulfilments: f.items };
  }, [id]);
  if (!data) return <Spinner />;
  return (
    <>
      <Link to="/account" className="back-link">← {t('account.backToOrders')}</Link>
      <OrderView order={data.order} fulfilments={data.fulfilments} extra={
        <>
          {data.fulfilments.map((f) => <CheckIn key={f.id} orderId={data.order.id} f={f} onDone={reload} />)}
          <ReturnList order={data.order} />
          <ReturnRequest order={data.order} fulfilments={data.fulfilments} onDone={() => { toast.success(t('account.returnRequested')); reload(); }} />
        </>
      } />
    </>
  );
}

function Addresses() {
  const { t } = useI18n();
  const toast = useToast();
  const { data, reload } = useAsync(async () => { await ensureFreshSession(); return (await unwrap(api.GET('/store/account/addresses'))).items; }, []);
  const [f, setF] = useState({ firstName: '', lastName: '', line1: '', city: '', region: '', postalCode: '', country: 'US' });
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const save = async () => {
    setError(null);
    try {
      await unwrap(api.POST('/store/account/addresses', { body: { ...f, region: f.region || undefined } as never }));
      setAdding(false);
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.error'));
    }
  };
  const remove = async (a: Address) => {
    try { await unwrap(api.DELETE('/store/account/addresses/{id}', { params: { path: { id: a.id } } })); reload(); } catch (e) { toast.error(e instanceof ApiError ? e.message : t('common.error')); }
  };
  return (
    <div className="stack">
      {data && data.length === 0 && !adding && <p className="muted">{t('account.noAddresses')}</p>}
      <ul className="addr-grid">
        {(data ?? []).map((a) => (
          <li key={a.id} className="ui-card">
            <address className="addr">{a.firstName} {a.lastName}<br />{a.line1}<br />{[a.city, a.region, a.postalCode].filter(Boolean).join(', ')}<br />{a.country}</address>
            {a.isDefaultShipping && <span className="ui-badge ui-badge--info">{t('account.default')}</span>}
            <Button variant="ghost" size="sm" onClick={() => void remove(a)}>{t('account.deleteAddress')}</Button>
          </li>
        ))}
      </ul>
      {adding ? (
        <form className="ui-card" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <div className="row2"><Input label={t('checkout.firstName')} value={f.firstName} onChange={set('firstName')} required /><Input label={t('checkout.lastName')} value={f.lastName} onChange={set('lastName')} required /></div>
          <Input label={t('checkout.line1')} value={f.line1} onChange={set('line1')} required />
          <div className="row3"><Input label={t('checkout.city')} value={f.city} onChange={set('city')} required /><Input label={t('checkout.region')} value={f.region} onChange={set('region')} /><Input label={t('checkout.postalCode')} value={f.postalCode} onChange={set('postalCode')} required /></div>
          <Input label={t('checkout.country')} value={f.country} onChange={set('country')} maxLength={2} required />
          {error && <Alert tone="danger">{error}</Alert>}
          <div className="row-btns"><Button type="submit">{t('account.saveAddress')}</Button><Button variant="ghost" onClick={() => setAdding(false)}>{t('common.cancel')}</Button></div>
        </form>
      ) : <Button variant="secondary" onClick={() => setAdding(true)}>{t('account.addAddress')}</Button>}
    </div>
  );
}

export default function Account({ sub }: { sub?: string }) {
  const { t } = useI18n();
  const session = useSession();
  useTitle(t('account.title'));
  const me = useAsync(async () => { if (!session) return null; await ensureFreshSession(); return unwrap(api.GET('/store/account')); }, [session?.refreshToken]);
  if (sub === 'forgot') return <Forgot />;
  if (sub === 'reset-password') return <ResetPassword />;
  if (!session) return <SignIn />;
  const tab = sub?.startsWith('addresses') ? 'addresses' : 'orders';
  const orderId = sub?.startsWith('orders/') ? sub.slice(7) : null;
  const signOut = async () => {
    try { await api.POST('/store/auth/logout'); } catch { /* signed out locally either way */ }
    setSession(null);
    navigate('/');
  };
  return (
    <div className="wrap page">
      <div className="ui-page-head">
        <div>
          <h1 className="ui-page-head__title">{me.data ? t('account.welcome', { name: me.data.firstName || me.data.email }) : t('account.title')}</h1>
          {me.data && <p className="ui-page-head__sub">{me.data.email}</p>}
        </div>
        <Button variant="secondary" onClick={() => void signOut()}>{t('account.signOut')}</Button>
      </div>
      <Tabs label={t('account.title')} value={tab} onChange={(k) => navigate(k === 'orders' ? '/account' : '/account/addresses')}
        tabs={[{ key: 'orders', label: t('account.orders') }, { key: 'addresses', label: t('account.addresses') }]} />
      {orderId ? <OrderDetail id={orderId} /> : tab === 'orders' ? <Orders /> : <Addresses />}
    </div>
  );
}
