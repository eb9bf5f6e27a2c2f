/** The cart: lines with quantity steppers and warnings (stock, price changes), codes and the summary. */
import { Alert, Button, EmptyState, Spinner, useToast } from '@shared/ui';
import { useT } from '@shared/i18n';
import { ApiError } from '../app/api';
import { useCart, type Cart as CartT } from '../app/cart';
import { Link, navigate } from '../app/router';
import { useTitle } from '../app/use-async';
import { CodeForm } from '../components/CodeForm';
import { useMoney } from '../components/Price';
import { Summary } from '../components/Summary';
import { RecommendationShelf } from '../components/Recommendations';
import { cartShelf } from '../app/recommendations';

type Line = CartT['lines'][number];

function LineRow({ line, currency }: { line: Line; currency: string }) {
  const t = useT();
  const money = useMoney();
  const toast = useToast();
  const { setQuantity, remove } = useCart();
  const title = line.productTitle ?? line.title ?? line.sku ?? '';
  const act = async (fn: () => Promise<void>) => {
    try { await fn(); } catch (e) { toast.error(e instanceof ApiError ? e.message : t('common.error')); }
  };
  return (
    <li className="line">
      <div className="line__info">
        <p className="line__title">{title}</p>
        {line.title && line.title !== title && line.title !== 'Default' && <p className="line__variant">{line.title}</p>}
        {line.unitPrice !== null && <p className="line__unit">{t('cart.each', { price: money(line.unitPrice, currency) })}</p>}
        {line.warnings.map((w) => <p key={w.code} className="line__warn" role="note">{w.message}</p>)}
      </div>
      <div className="line__qty qty">
        <button type="button" className="qty__btn" aria-label={t('cart.decrease')} onClick={() => act(() => setQuantity(line.id, line.quantity - 1))}>−</button>
        <input type="number" className="qty__input" min={0} max={999} value={line.quantity} aria-label={t('cart.quantityOf', { title })}
          onChange={(e) => { const n = Number(e.target.value); if (Number.isInteger(n) && n >= 0) void act(() => setQuantity(line.id, n)); }} />
        <button type="button" className="qty__btn" aria-label={t('cart.increase')} onClick={() => act(() => setQuantity(line.id, line.quantity + 1))}>+</button>
      </div>
      <div className="line__total">
        <span>{money(line.subtotal, currency)}</span>
        {line.discount > 0 && <span className="line__disc">−{money(line.discount, currency)}</span>}
      </div>
      <button type="button" className="line__remove ui-btn ui-btn--ghost ui-btn--sm" aria-label={t('cart.removeItem', { title })} onClick={() => act(() => remove(line.id))}>{t('cart.remove')}</button>
    </li>
  );
}

export default function Cart() {
  const t = useT();
  const { cart, loading } = useCart();
  useTitle(t('cart.title'));
  if (loading && !cart) return <div className="page-loading"><Spinner /></div>;
  const productIds = [...new Set((cart?.lines ?? []).map((l) => l.productId).filter((x): x is string => !!x))];
  if (!cart || cart.lines.length === 0) {
    return (
      <div className="wrap page">
        <h1 className="page__title">{t('cart.title')}</h1>
        <EmptyState title={t('cart.empty')} action={<Link to="/" className="ui-btn ui-btn--primary ui-btn--md">{t('cart.emptyCta')}</Link>} />
      </div>
    );
  }
  return (
    <div className="wrap page">
      <h1 className="page__title">{t('cart.title')}</h1>
      <div className="two-col">
        <div>
          {cart.warnings.map((w) => <Alert key={w.code} tone="warning">{w.message}</Alert>)}
          <ul className="lines" aria-label={t('cart.title')}>
            {cart.lines.map((l) => <LineRow key={l.id} line={l} currency={cart.currency} />)}
          </ul>
          <Link to="/" className="back-link">← {t('cart.continue')}</Link>
        </div>
        <Summary cart={cart}>
          <CodeForm />
          <Button size="lg" block onClick={() => navigate('/checkout')} disabled={cart.lines.every((l) => l.availability.status === 'out_of_stock')}>{t('cart.checkout')}</Button>
        </Summary>
      </div>
      <RecommendationShelf id="cart-recs" title={t('recs.youMayAlsoLike')} cartId={cart.id}
        load={() => cartShelf(productIds, 4, { popular: t('recs.popular') })} deps={[productIds.join(',')]} />
    </div>
  );
}
