/** An order as the shopper sees it: status, lines, totals, where it goes, and its parcels or pickups. */
import type { ReactNode } from 'react';
import type { paths } from '@shared/api/client';
import { Badge, type Tone } from '@shared/ui';
import { useI18n } from '@shared/i18n';
import { formatDateTime } from '@shared/format';
import { Readiness } from './Collect';
import { useMoney } from './Price';

export type Order = paths['/store/orders/lookup']['post']['responses'][200]['content']['application/json'];
export type Fulfilment = paths['/store/orders/{id}/fulfillments/lookup']['post']['responses'][200]['content']['application/json']['items'][number];

const TONES: Record<string, Tone> = { paid: 'info', fulfilling: 'info', partially_fulfilled: 'warning', fulfilled: 'success', completed: 'success', cancelled: 'danger', on_hold: 'warning' };

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const label = t(`order.status.${status}`);
  return <Badge tone={TONES[status] ?? 'neutral'}>{label.startsWith('order.status.') ? status.replace(/_/g, ' ') : label}</Badge>;
}

function fulfilmentStep(f: Fulfilment, t: (key: string) => string): string {
  const label = t(`fulfilment.status.${f.status}`);
  return label.startsWith('fulfilment.status.') ? f.status.replace(/_/g, ' ') : label;
}

export function OrderView({ order, fulfilments, extra }: { order: Order; fulfilments?: Fulfilment[]; extra?: ReactNode }) {
  const { t, lang } = useI18n();
  const money = useMoney();
  const c = order.currency;
  const a = order.shippingAddress;
  return (
    <div className="order">
      <dl className="order__meta">
        <div><dt>{t('order.number')}</dt><dd data-testid="order-number">{order.displayNumber}</dd></div>
        <div><dt>{t('order.status')}</dt><dd><StatusBadge status={order.status} /></dd></div>
        <div><dt>{t('order.placed')}</dt><dd>{formatDateTime(order.placedAt, lang)}</dd></div>
        {order.shippingMethod && <div><dt>{order.fulfilmentKind === 'delivery' ? t('checkout.method') : t('order.pickupAt')}</dt><dd>{order.shippingMethod}</dd></div>}
      </dl>
      <div className="two-col two-col--even">
        <section className="ui-card" aria-labelledby="o-items">
          <h2 id="o-items" className="ui-card__title">{t('order.items')}</h2>
          <ul className="order__lines">
            {order.lines.map((l) => (
              <li key={l.id}>
                <span className="order__line-title">{l.title}{l.variantTitle && l.variantTitle !== 'Default' ? ` · ${l.variantTitle}` : ''}</span>
                <span className="muted">{t('order.qty', { count: l.quantity })}</span>
                <span>{money(l.unitPrice * l.quantity, c)}</span>
              </li>
            ))}
          </ul>
          <dl className="summary__rows">
            <div><dt>{t('cart.subtotal')}</dt><dd>{money(order.subtotal, c)}</dd></div>
            {order.discountTotal > 0 && <div className="summary__discount"><dt>{t('cart.discount')}{order.promotionCode ? ` (${order.promotionCode})` : ''}</dt><dd>−{money(order.discountTotal, c)}</dd></div>}
            <div><dt>{t('cart.shipping')}</dt><dd>{order.shippingTotal === 0 ? t('cart.free') : money(order.shippingTotal, c)}</dd></div>
            <div><dt>{order.taxInclusive ? t('cart.taxIncluded') : t('cart.tax')}</dt><dd>{money(order.taxTotal, c)}</dd></div>
            <div className="summary__total"><dt>{t('cart.total')}</dt><dd>{money(order.total, c)}</dd></div>
          </dl>
        </section>
        <div className="stack">
          {a && a.line1 && (
            <section className="ui-card" aria-labelledby="o-ship">
              <h2 id="o-ship" className="ui-card__title">{t('order.shipTo')}</h2>
              <address className="addr">
                {[a.firstName, a.lastName].filter(Boolean).join(' ')}<br />{a.line1}{a.line2 ? <><br />{a.line2}</> : null}<br />
                {[a.city, a.region, a.postalCode].filter(Boolean).join(', ')}<br />{a.country}
              </address>
            </section>
          )}
          <section className="ui-card" aria-labelledby="o-ful">
            <h2 id="o-ful" className="ui-card__title">{t('order.fulfilments')}</h2>
            {!fulfilments?.length ? <p className="muted">{t('order.noFulfilments')}</p> : (
              <ul className="fuls">
                {fulfilments.map((f) => (
                  <li key={f.id} className="ful">
                    <div className="ful__head"><strong>{f.kind === 'delivery' ? t('checkout.delivery') : f.kind === 'curbside' ? t('checkout.curbside') : t('checkout.pickup')}</strong><Badge tone={f.status === 'cancelled' ? 'danger' : f.deliveredAt || f.pickedUpAt ? 'success' : 'info'}>{fulfilmentStep(f, t)}</Badge></div>
                    <Readiness f={f} />
                    {f.trackingNumber && (
                      <p className="small">{t('order.tracking')}: <code>{f.trackingNumber}</code>{f.trackingUrl && <> · <a href={f.trackingUrl} target="_blank" rel="noreferrer">{t('order.track')}</a></>}</p>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {extra}
        </div>
      </div>
    </div>
  );
}
