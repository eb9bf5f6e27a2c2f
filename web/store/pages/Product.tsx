/**
 * Product page: gallery, options resolved to a variant, price, stock, where it can be picked up
 * today (per store, from the variant's levels), quantity and add to cart.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Button, EmptyState, Spinner, useToast } from '@shared/ui';
import { useT } from '@shared/i18n';
import { api, ApiError, unwrap } from '../app/api';
import { useCart } from '../app/cart';
import { useProductInView } from '../app/assistant';
import { getProduct, type ProductDetail } from '../app/catalog';
import { reportRec, similarShelf, togetherShelf } from '../app/recommendations';
import { Link, navigate } from '../app/router';
import { useAsync, useTitle } from '../app/use-async';
import { Price } from '../components/Price';
import { RecommendationShelf } from '../components/Recommendations';

type Variant = ProductDetail['variants'][number];

/** Keeps only simple formatting from the merchant's HTML description. */
function sanitize(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const allowed = new Set(['P', 'BR', 'UL', 'OL', 'LI', 'STRONG', 'EM', 'B', 'I', 'H3', 'H4']);
  const walk = (node: Element) => {
    for (const child of Array.from(node.children)) {
      walk(child);
      if (!allowed.has(child.tagName)) child.replaceWith(...Array.from(child.childNodes));
      else for (const a of Array.from(child.attributes)) child.removeAttribute(a.name);
    }
  };
  walk(doc.body);
  return doc.body.innerHTML;
}

function Gallery({ p }: { p: ProductDetail }) {
  const t = useT();
  const [i, setI] = useState(0);
  const images = p.images.length ? p.images : [];
  if (!images.length) return <div className="gallery"><div className="gallery__main card__placeholder">{p.title.slice(0, 1)}</div></div>;
  const img = images[Math.min(i, images.length - 1)];
  return (
    <div className="gallery">
      <div className="gallery__main">
        <img src={img.url} alt={img.alt ?? p.title} width={640} height={640} fetchPriority="high" />
      </div>
      {images.length > 1 && (
        <ul className="gallery__thumbs">
          {images.map((im, n) => (
            <li key={im.id}>
              <button type="button" className={`gallery__thumb ${n === i ? 'gallery__thumb--on' : ''}`} onClick={() => setI(n)}
                aria-label={t('product.image', { n: n + 1, total: images.length })} aria-pressed={n === i}>
                <img src={im.url} alt="" width={72} height={72} loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const TruckIcon = () => (
  <svg className="avail__icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M3 6h11v9H3zM14 9h4l3 3v3h-7z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" /><circle cx="7" cy="17" r="1.8" fill="#fff" stroke="currentColor" strokeWidth="1.6" /><circle cx="17" cy="17" r="1.8" fill="#fff" stroke="currentColor" strokeWidth="1.6" /></svg>
);
const StoreIcon = () => (
  <svg className="avail__icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M4 10v10h16V10M3 10l2-6h14l2 6zM9 20v-5h6v5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" /></svg>
);

let pickupStores: Promise<{ id: string; name: string }[]> | null = null;
/** Every store offering pickup (cached for the visit), so a store without stock is listed too. */
function loadPickupStores() {
  pickupStores ??= unwrap(api.GET('/store/locations')).then((r) => r.items.filter((l) => l.pickup).map((l) => ({ id: l.id, name: l.name }))).catch(() => { pickupStores = null; return []; });
  return pickupStores;
}

function Availability({ v }: { v: Variant }) {
  const t = useT();
  const all = useAsync(loadPickupStores, []);
  const levels = new Map(v.locations.map((l) => [l.locationId, l]));
  const stores = [
    ...v.locations.filter((l) => l.pickup),
    ...(all.data ?? []).filter((s) => !levels.has(s.id)).map((s) => ({ locationId: s.id, locationName: s.name, available: 0 })),
  ].sort((a, b) => b.available - a.available);
  const warehouse = v.locations.filter((l) => !l.pickup).reduce((n, l) => n + Math.max(0, l.available), 0);
  const tracked = v.available !== null;
  return (
    <section className="avail" aria-labelledby="avail-h">
      <h2 id="avail-h" className="avail__title">{t('product.availability')}</h2>
      <div className="avail__row">
        <TruckIcon />
        <div>
          <strong>{t('product.shipping')}</strong>
          <p>{!tracked ? t('product.inStock') : warehouse > 0 ? t('product.shipsFrom', { count: warehouse }) : t('product.notShippable')}</p>
        </div>
      </div>
      <div className="avail__row" data-testid="pickup">
        <StoreIcon />
        <div>
          <strong>{t('product.pickupTitle')}</strong>
          {stores.length === 0 && tracked && <p>{t('product.pickupNoStores')}</p>}
          <ul className="avail__stores">
            {stores.map((s) => (
              <li key={s.locationId} className={s.available > 0 ? 'avail__store avail__store--yes' : 'avail__store'}>
                <span className="avail__store-name">{t('product.pickupAt', { store: s.locationName })}</span>
                <span className="avail__store-status">{s.available > 0 ? t('product.pickupReady', { count: s.available }) : t('product.pickupNone')}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

export default function Product({ handle }: { handle: string }) {
  const t = useT();
  const toast = useToast();
  const cart = useCart();
  const { data: p, error, loading } = useAsync(() => getProduct(handle), [handle]);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [qty, setQty] = useState(1);
  const [adding, setAdding] = useState(false);
  const [addError, setAddError] = useState<string | null>(null);
  useTitle(p?.title);
  useProductInView(p?.id);
  useEffect(() => { if (p) reportRec('view', { productId: p.id }); }, [p?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!p) return;
    // Start on the first variant in stock (or the first one).
    const first = p.variants.find((v) => v.inStock) ?? p.variants[0];
    setChosen(first ? { ...first.options } : {});
  }, [p]);

  const variant = useMemo(() => p?.variants.find((v) => p.options.every((o) => v.options[o.name] === chosen[o.name])) ?? (p && p.options.length === 0 ? p.variants[0] : undefined), [p, chosen]);

  if (loading && !p) return <div className="page-loading"><Spinner /></div>;
  if (error || !p) {
    const gone = error instanceof ApiError && error.status === 404;
    return <div className="wrap page"><EmptyState title={gone ? t('product.notFound') : t('common.error')} action={<Link to="/" className="ui-btn ui-btn--primary ui-btn--md">{t('common.backHome')}</Link>} /></div>;
  }

  const valueAvailable = (name: string, value: string) => p.variants.some((v) => v.options[name] === value && v.inStock
    && p.options.every((o) => o.name === name || v.options[o.name] === chosen[o.name]));
  const max = variant?.available ?? 99;

  const add = async () => {
    if (!variant) return;
    setAdding(true);
    setAddError(null);
    try {
      await cart.add(variant.id, qty);
      toast.success(<>{t('product.added', { title: p.title })} · <a href="/cart" onClick={(e) => { e.preventDefault(); navigate('/cart'); }} className="toast-link">{t('product.viewCart')}</a></>);
    } catch (e) {
      setAddError(e instanceof ApiError ? e.message : t('common.error'));
    } finally {
      setAdding(false);
    }
  };

  return (
    <div className="wrap page product">
      <nav aria-label={t('product.breadcrumb')} className="crumbs">
        <ol>
          <li><Link to="/">{t('nav.home')}</Link></li>
          {p.categories[0] && <li><Link to={`/c/${p.categories[0].handle}`}>{p.categories[0].name}</Link></li>}
          <li aria-current="page">{p.title}</li>
        </ol>
      </nav>
      <div className="product__grid">
        <Gallery p={p} />
        <div className="product__info">
          {p.attributes.vendor && <p className="product__vendor">{p.attributes.vendor}</p>}
          <h1 className="product__title">{p.title}</h1>
          <div className="product__price">
            {variant?.price ? <Price amount={variant.price.amount} currency={variant.price.currency} original={variant.originalPrice?.amount} />
              : p.priceRange && <Price amount={p.priceRange.min} currency={p.priceRange.currency} from />}
          </div>
          <div className="product__stock">
            {variant && !variant.inStock && <Badge tone="neutral">{t('product.outOfStock')}</Badge>}
            {variant?.inStock && variant.available !== null && variant.available <= 5 && <Badge tone="warning">{t('product.lowStock', { count: variant.available })}</Badge>}
            {variant?.inStock && (variant.available === null || variant.available > 5) && <Badge tone="success">{t('product.inStock')}</Badge>}
          </div>
          {p.options.map((o) => (
            <fieldset key={o.name} className="opt">
              <legend className="opt__name">{o.name}: <strong>{chosen[o.name]}</strong></legend>
              <div className="opt__values">
                {o.values.map((val) => {
                  const ok = valueAvailable(o.name, val);
                  return (
                    <button key={val} type="button" className={`opt__btn ${chosen[o.name] === val ? 'opt__btn--on' : ''} ${ok ? '' : 'opt__btn--out'}`}
                      aria-pressed={chosen[o.name] === val} onClick={() => setChosen({ ...chosen, [o.name]: val })}>{val}</button>
                  );
                })}
              </div>
            </fieldset>
          ))}
          {!variant && <Alert tone="warning">{t('product.unavailableCombo')}</Alert>}
          <div className="buy">
            <label className="qty">
              <span className="ui-visually-hidden">{t('product.quantity')}</span>
              <button type="button" className="qty__btn" aria-label={t('cart.decrease')} onClick={() => setQty(Math.max(1, qty - 1))} disabled={qty <= 1}>−</button>
              <input type="number" inputMode="numeric" min={1} max={max || 1} value={qty} aria-label={t('product.quantity')}
                onChange={(e) => setQty(Math.max(1, Math.min(999, Number(e.target.value) || 1)))} className="qty__input" />
              <button type="button" className="qty__btn" aria-label={t('cart.increase')} onClick={() => setQty(Math.min(max || 999, qty + 1))}>+</button>
            </label>
            <Button size="lg" className="buy__btn" disabled={!variant || !variant.inStock} busy={adding} onClick={add}>
              {variant && !variant.inStock ? t('product.outOfStock') : t('product.addToCart')}
            </Button>
          </div>
          {addError && <Alert tone="danger">{addError}</Alert>}
          {variant && <Availability v={variant} />}
          {p.description && (
            <section className="product__desc">
              <h2>{t('product.description')}</h2>
              <div dangerouslySetInnerHTML={{ __html: sanitize(p.description) }} />
            </section>
          )}
          <dl className="product__facts">
            {Object.entries(p.attributes).map(([k, v]) => <div key={k}><dt>{t(`listing.attr.${k}`) === `listing.attr.${k}` ? k : t(`listing.attr.${k}`)}</dt><dd>{v}</dd></div>)}
            {variant?.sku && <div><dt>{t('product.sku')}</dt><dd>{variant.sku}</dd></div>}
          </dl>
        </div>
      </div>
      <RecommendationShelf id="together" title={t('recs.together')} load={() => togetherShelf(p.id, 4)} deps={[p.id]} />
      <RecommendationShelf id="similar" title={t('recs.similar')}
        load={() => similarShelf(p.id, p.categories[0]?.handle, 4, { sameCategory: t('recs.sameCategory', { category: p.categories[0]?.name ?? '' }) })} deps={[p.id]} />
    </div>
  );
}
