/**
 * Checkout on one page: contact, how to get the order (delivery to an address with a quoted method,
 * pickup in store or curbside), discount code, a test card, and "place order". The order is placed
 * with an Idempotency-Key that stays the same while the request body does, so a retry after a
 * network failure answers the first order and never charges twice.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { paths } from '@shared/api/client';
import { idempotencyKey } from '@shared/api/client';
import { Alert, Button, Input, Radio, Select, Spinner } from '@shared/ui';
import { useI18n } from '@shared/i18n';
import { api, ApiError, unwrap } from '../app/api';
import { useCart, useSession } from '../app/cart';
import { useKiosk } from '../app/kiosk';
import { Link, navigate } from '../app/router';
import { useAsync, useTitle } from '../app/use-async';
import { CodeForm } from '../components/CodeForm';
import { useMoney } from '../components/Price';
import { Summary } from '../components/Summary';

type Kind = 'delivery' | 'pickup' | 'curbside';
type CheckoutBody = paths['/store/carts/{id}/checkout']['post']['requestBody']['content']['application/json'];
export type PlacedOrder = paths['/store/carts/{id}/checkout']['post']['responses'][201]['content']['application/json']['order'];

const COUNTRIES = [['US', 'United States'], ['CA', 'Canada'], ['GB', 'United Kingdom'], ['FR', 'France'], ['DE', 'Deutschland'], ['BE', 'Belgique'], ['CH', 'Schweiz'], ['ES', 'España'], ['IT', 'Italia'], ['NL', 'Nederland']];
const CARDS = [['tok_visa', 'checkout.card.visa'], ['tok_mastercard', 'checkout.card.mastercard'], ['tok_decline', 'checkout.card.decline']] as const;

interface Address { firstName: string; lastName: string; line1: string; line2: string; city: string; region: string; postalCode: string; country: string; phone: string }
const emptyAddress: Address = { firstName: '', lastName: '', line1: '', line2: '', city: '', region: '', postalCode: '', country: 'US', phone: '' };

/** Remembers a placed order for its confirmation page (a guest has no account to read it from). */
export function rememberOrder(order: PlacedOrder, email: string): void {
  sessionStorage.setItem(`emporia.order.${order.id}`, JSON.stringify({ order, email }));
}

export default function Checkout() {
  const { t, lang } = useI18n();
  const money = useMoney();
  const session = useSession();
  const kiosk = useKiosk();
  const { cart, loading, setShipping, headers, clear } = useCart();
  useTitle(t('checkout.title'));

  const [email, setEmail] = useState('');
  const [kind, setKind] = useState<Kind>(kiosk.on ? 'pickup' : 'delivery');
  const [addr, setAddr] = useState<Address>(emptyAddress);
  const [locationId, setLocationId] = useState('');
  const [card, setCard] = useState<string>('tok_visa');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [placing, setPlacing] = useState(false);
  const [quoting, setQuoting] = useState(false);
  const [quoted, setQuoted] = useState(false);
  const key = useRef<{ body: string; key: string } | null>(null);

  const account = useAsync(async () => (session ? unwrap(api.GET('/store/account')) : null), [session?.accessToken]);
  const saved = useAsync(async () => (session ? (await unwrap(api.GET('/store/account/addresses'))).items : []), [session?.accessToken]);
  const stores = useAsync(async () => (await unwrap(api.GET('/store/locations'))).items.filter((l) => l.pickup), []);

  useEffect(() => {
    const a = saved.data?.find((x) => x.isDefaultShipping) ?? saved.data?.[0];
    if (a) setAddr({ firstName: a.firstName, lastName: a.lastName, line1: a.line1, line2: a.line2 ?? '', city: a.city, region: a.region ?? '', postalCode: a.postalCode, country: a.country, phone: a.phone ?? '' });
    else if (account.data) setAddr((x) => ({ ...x, firstName: x.firstName || account.data!.firstName, lastName: x.lastName || account.data!.lastName }));
  }, [saved.data, account.data]);

  useEffect(() => {
    if (!locationId && stores.data?.length) setLocationId(stores.data[0].id);
  }, [stores.data, locationId]);

  // Pickup and curbside are set on the cart as soon as they are chosen, so the totals show them.
  useEffect(() => {
    if (!cart || kind === 'delivery' || !locationId) return;
    if (cart.fulfilment?.kind === kind && cart.fulfilment.locationId === locationId) return;
    setFailure(null);
    setShipping({ pickup: { kind, locationId } }).catch((e) => setFailure(e instanceof ApiError ? e.message : t('common.error')));
  }, [kind, locationId]); // eslint-disable-line react-hooks/exhaustive-deps

  const deliveryOptions = useMemo(() => (cart?.shippingOptions ?? []).filter((o) => o.kind === 'delivery'), [cart]);
  const chosenMethod = cart?.fulfilment?.kind === 'delivery' ? cart.fulfilment.methodId : null;

  if (loading && !cart) return <div className="page-loading"><Spinner /></div>;
  if (!cart || cart.lines.length === 0) {
    return <div className="wrap page"><h1 className="page__title">{t('checkout.title')}</h1><Alert tone="info">{t('cart.empty')}</Alert><Link to="/">{t('cart.emptyCta')}</Link></div>;
  }

  const set = (k: keyof Address) => (e: { target: { value: string } }) => { setAddr({ ...addr, [k]: e.target.value }); setErrors({ ...errors, [k]: '' }); };
  const destination = () => ({ country: addr.country, region: addr.region.trim() || null, postalCode: addr.postalCode.trim() || null });

  const quote = async () => {
    if (!addr.postalCode.trim()) { setErrors({ ...errors, postalCode: t('checkout.required') }); return; }
    setQuoting(true);
    setFailure(null);
    try {
      const c = await setShipping({ address: destination() });
      const first = c.shippingOptions.find((o) => o.kind === 'delivery');
      if (first) await setShipping({ address: destination(), methodId: first.id });
      setQuoted(true);
    } catch (e) {
      setFailure(e instanceof ApiError ? e.message : t('common.error'));
    } finally {
      setQuoting(false);
    }
  };

  const validate = (): boolean => {
    const errs: Record<string, string> = {};
    const mail = session ? account.data?.email ?? '' : email.trim();
    if (!session && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(mail)) errs.email = t('checkout.invalidEmail');
    if (kind === 'delivery') {
      for (const k of ['firstName', 'lastName', 'line1', 'city', 'postalCode'] as const) if (!addr[k].trim()) errs[k] = t('checkout.required');
      if (!chosenMethod) errs.method = t('checkout.chooseFulfilment');
    } else if (!locationId) errs.store = t('checkout.chooseStore');
    setErrors(errs);
    const first = Object.keys(errs)[0];
    if (first) document.getElementById(`f-${first}`)?.focus();
    return !first;
  };

  const place = async () => {
    setFailure(null);
    if (!validate()) return;
    setPlacing(true);
    try {
      // Make sure the cart holds the address as typed (it is what tax and shipping are computed for).
      if (kind === 'delivery' && (cart.address?.postalCode !== (addr.postalCode.trim() || null) || cart.address?.country !== addr.country)) {
        const c = await setShipping({ address: destination(), methodId: chosenMethod });
        if (!c.fulfilment) throw new ApiError(422, 'checkout.fulfilment_required', t('checkout.chooseFulfilment'));
      }
      const body: CheckoutBody = {
        payment: { provider: 'test', token: card },
        locale: lang,
        ...(session ? {} : { email: email.trim() }),
        ...(kind === 'delivery' ? {
          shippingAddress: {
            firstName: addr.firstName.trim(), lastName: addr.lastName.trim(), line1: addr.line1.trim(), city: addr.city.trim(), postalCode: addr.postalCode.trim(), country: addr.country,
            ...(addr.line2.trim() ? { line2: addr.line2.trim() } : {}), ...(addr.region.trim() ? { region: addr.region.trim() } : {}), ...(addr.phone.trim() ? { phone: addr.phone.trim() } : {}),
          },
        } : {}),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      };
      const json = JSON.stringify(body);
      if (key.current?.body !== json) key.current = { body: json, key: idempotencyKey() };
      const res = await unwrap(api.POST('/store/carts/{id}/checkout', {
        params: { path: { id: cart.id } }, body, headers: { ...headers(), 'idempotency-key': key.current.key },
      }));
      rememberOrder(res.order, res.order.email);
      clear();
      navigate(`/order/${res.order.id}`, { replace: true });
    } catch (e) {
      setFailure(e instanceof ApiError ? e.message : t('common.error'));
    } finally {
      setPlacing(false);
    }
  };

  const storeOptions = (stores.data ?? []).map((s) => ({ value: s.id, label: `${s.name} — ${s.address.line1}, ${s.address.city}` }));

  return (
    <div className="wrap page checkout">
      <h1 className="page__title">{t('checkout.title')}</h1>
      <div className="two-col">
        <form className="checkout__form" noValidate onSubmit={(e) => { e.preventDefault(); void place(); }}>
          <section className="step ui-card" aria-labelledby="s-contact">
            <h2 id="s-contact" className="step__title"><span className="step__n">1</span>{t('checkout.contact')}</h2>
            {session ? <p>{t('checkout.signedInAs', { email: account.data?.email ?? session.email ?? '' })}</p> : (
              <>
                <Input id="f-email" label={t('checkout.email')} type="email" autoComplete="email" value={email} required
                  onChange={(e) => { setEmail(e.target.value); setErrors({ ...errors, email: '' }); }} error={errors.email} hint={t('checkout.emailHint')} />
                {!kiosk.on && <p className="muted small">{t('checkout.haveAccount')} <Link to="/account?next=/checkout">{t('account.signIn')}</Link></p>}
              </>
            )}
          </section>

          <section className="step ui-card" aria-labelledby="s-ful">
            <h2 id="s-ful" className="step__title"><span className="step__n">2</span>{t('checkout.fulfilment')}</h2>
            <div className="choices" role="radiogroup" aria-labelledby="s-ful">
              {!kiosk.on && <Radio name="kind" value="delivery" checked={kind === 'delivery'} onChange={() => setKind('delivery')} label={t('checkout.delivery')} description={t('checkout.deliveryDesc')} />}
              <Radio name="kind" value="pickup" checked={kind === 'pickup'} onChange={() => setKind('pickup')} label={t('checkout.pickup')} description={t('checkout.pickupDesc')} />
              <Radio name="kind" value="curbside" checked={kind === 'curbside'} onChange={() => setKind('curbside')} label={t('checkout.curbside')} description={t('checkout.curbsideDesc')} />
            </div>

            {kind === 'delivery' ? (
              <fieldset className="address">
                <legend className="address__legend">{t('checkout.address')}</legend>
                <div className="row2">
                  <Input id="f-firstName" label={t('checkout.firstName')} autoComplete="given-name" value={addr.firstName} onChange={set('firstName')} error={errors.firstName} required />
                  <Input id="f-lastName" label={t('checkout.lastName')} autoComplete="family-name" value={addr.lastName} onChange={set('lastName')} error={errors.lastName} required />
                </div>
                <Input id="f-line1" label={t('checkout.line1')} autoComplete="address-line1" value={addr.line1} onChange={set('line1')} error={errors.line1} required />
                <Input id="f-line2" label={t('checkout.line2')} autoComplete="address-line2" value={addr.line2} onChange={set('line2')} />
                <div className="row3">
                  <Input id="f-city" label={t('checkout.city')} autoComplete="address-level2" value={addr.city} onChange={set('city')} error={errors.city} required />
                  <Input id="f-region" label={t('checkout.region')} autoComplete="address-level1" value={addr.region} onChange={set('region')} />
                  <Input id="f-postalCode" label={t('checkout.postalCode')} autoComplete="postal-code" value={addr.postalCode} onChange={set('postalCode')} error={errors.postalCode} required
                    onBlur={() => { if (addr.postalCode.trim() && !quoted) void quote(); }} />
                </div>
                <div className="row2">
                  <Select id="f-country" label={t('checkout.country')} autoComplete="country" value={addr.country} onChange={(e) => { set('country')(e); setQuoted(false); }}
                    options={COUNTRIES.map(([v, l]) => ({ value: v, label: l }))} />
                  <Input id="f-phone" label={t('checkout.phone')} type="tel" autoComplete="tel" value={addr.phone} onChange={set('phone')} />
                </div>
                <div className="methods" id="f-method" tabIndex={-1}>
                  <h3 className="methods__title">{t('checkout.method')}</h3>
                  {deliveryOptions.length === 0 && (
                    <>
                      {quoted && <Alert tone="warning">{t('checkout.noMethods')}</Alert>}
                      <Button variant="secondary" busy={quoting} onClick={() => void quote()}>{t('checkout.findMethods')}</Button>
                    </>
                  )}
                  <div className="choices">
                    {deliveryOptions.map((o) => (
                      <Radio key={o.id} name="method" value={o.id} checked={chosenMethod === o.id} label={o.name}
                        description={o.amount === 0 ? t('cart.free') : money(o.amount, cart.currency)}
                        onChange={() => void setShipping({ address: destination(), methodId: o.id }).catch((e) => setFailure(e instanceof ApiError ? e.message : t('common.error')))} />
                    ))}
                  </div>
                  {errors.method && <p className="ui-error" role="alert">{errors.method}</p>}
                </div>
              </fieldset>
            ) : (
              <div className="pickup">
                {stores.data && stores.data.length === 0 && <Alert tone="warning">{t('checkout.noStores')}</Alert>}
                {storeOptions.length > 0 && <Select id="f-store" label={t('checkout.store')} value={locationId} onChange={(e) => setLocationId(e.target.value)} options={storeOptions} error={errors.store} />}
              </div>
            )}
          </section>

          <section className="step ui-card" aria-labelledby="s-pay">
            <h2 id="s-pay" className="step__title"><span className="step__n">3</span>{t('checkout.payment')}</h2>
            <Alert tone="info">{t('checkout.testMode')}</Alert>
            <div className="choices" role="radiogroup" aria-label={t('checkout.card')}>
              {CARDS.map(([tok, label]) => <Radio key={tok} name="card" value={tok} checked={card === tok} onChange={() => setCard(tok)} label={t(label)} description={<code>{tok}</code>} />)}
            </div>
            {!kiosk.on && (
              <Input label={t('checkout.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} fieldClassName="notes" />
            )}
          </section>

          {failure && <Alert tone="danger" title={t('checkout.failed')}>{failure}</Alert>}
          <Button type="submit" size="lg" block busy={placing} data-testid="place-order">
            {placing ? t('checkout.placing') : t('checkout.placeOrder', { total: money(cart.totals.total, cart.currency) })}
          </Button>
          <p className="muted small center">{t('checkout.secure')}</p>
          <Link to="/cart" className="back-link">← {t('checkout.backToCart')}</Link>
        </form>
        <Summary cart={cart}>
          <ul className="mini-lines">
            {cart.lines.map((l) => (
              <li key={l.id}><span>{l.quantity} × {l.productTitle ?? l.title}</span><span>{money(l.subtotal, cart.currency)}</span></li>
            ))}
          </ul>
          <CodeForm />
        </Summary>
      </div>
    </div>
  );
}
