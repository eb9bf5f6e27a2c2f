/** The order summary box: subtotal, discounts, shipping, tax and total of a cart. */
import type { ReactNode } from 'react';
import { useT } from '@shared/i18n';
import type { Cart } from '../app/cart';
import { useMoney } from './Price';

export function Summary({ cart, children, shippingKnown }: { cart: Cart; children?: ReactNode; shippingKnown?: boolean }) {
  const t = useT();
  const money = useMoney();
  const c = cart.currency;
  const x = cart.totals;
  return (
    <section className="summary ui-card" aria-labelledby="sum-h">
      <h2 id="sum-h" className="summary__title">{t('cart.summary')}</h2>
      <dl className="summary__rows">
        <div><dt>{t('cart.subtotal')}</dt><dd>{money(x.subtotal, c)}</dd></div>
        {x.discounts.map((d) => (
          <div key={d.promotionId} className="summary__discount"><dt>{d.code ? `${t('cart.discount')} (${d.code})` : d.name}</dt><dd>−{money(d.amount, c)}</dd></div>
        ))}
        <div><dt>{t('cart.shipping')}</dt><dd>{cart.fulfilment || shippingKnown ? (x.shippingTotal === 0 ? t('cart.free') : money(x.shippingTotal, c)) : <span className="muted">{t('cart.shippingLater')}</span>}</dd></div>
        {x.taxTotal > 0 && <div><dt>{x.taxInclusive ? t('cart.taxIncluded') : t('cart.tax')}</dt><dd>{money(x.taxTotal, c)}</dd></div>}
        <div className="summary__total"><dt>{t('cart.total')}</dt><dd data-testid="cart-total">{money(x.total, c)}</dd></div>
      </dl>
      {children}
    </section>
  );
}
