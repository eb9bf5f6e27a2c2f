/**
 * Category and search results: facets (price ranges, brand, material, availability, category for
 * search) with counts from the API, sorting, and "load more" over the cursor. Filters live in the
 * query string, so a filtered page can be shared and the back button undoes a filter.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Checkbox, EmptyState, Select } from '@shared/ui';
import { useI18n } from '@shared/i18n';
import { formatMoney } from '@shared/format';
import { listProducts, useCategories, type ProductList } from '../app/catalog';
import { setQuery, useLocation } from '../app/router';
import { useTitle } from '../app/use-async';
import { GridSkeleton, ProductGrid } from '../components/ProductCard';
import { SearchBox } from '../components/SearchBox';

const SORTS = ['relevance', 'newest', 'price_asc', 'price_desc', 'title'] as const;
type Sort = (typeof SORTS)[number];
const ATTR_KEYS = ['vendor', 'material', 'color', 'size'];

export default function Listing({ category }: { category?: string }) {
  const { t, lang } = useI18n();
  const { query, href } = useLocation();
  const categories = useCategories();
  const cat = category ? categories.find((c) => c.handle === category) : undefined;
  const q = query.get('q') ?? '';
  const sort = (SORTS as readonly string[]).includes(query.get('sort') ?? '') ? (query.get('sort') as Sort) : (q ? 'relevance' : 'newest');
  const price = query.get('price');
  const inStock = query.get('instock') === '1';
  const cats = query.getAll('category');
  const attrs = useMemo(() => {
    const a: Record<string, string[]> = {};
    for (const k of ATTR_KEYS) { const v = query.getAll(k); if (v.length) a[k] = v; }
    return a;
  }, [href]); // eslint-disable-line react-hooks/exhaustive-deps
  const [result, setResult] = useState<ProductList | null>(null);
  const [more, setMore] = useState<{ items: ProductList['items']; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState(false);
  const [showFilters, setShowFilters] = useState(false);

  const [minPrice, maxPrice] = price ? price.split('-').map((x) => (x ? Number(x) : undefined)) : [undefined, undefined];
  const base = useMemo(() => ({
    q: q || undefined, sort, inStock: inStock || undefined, attrs,
    category: category ? [category] : cats.length ? cats : undefined,
    minPrice, maxPrice, limit: 24,
  }), [href, category]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    let live = true;
    setError(false);
    setMore(null);
    listProducts(base).then((r) => { if (live) setResult(r); }, () => { if (live) setError(true); });
    return () => { live = false; };
  }, [base]);

  const title = category ? cat?.name ?? '' : q ? t('search.resultsFor', { q }) : t('search.title');
  useTitle(title || undefined);

  const update = (fn: (p: URLSearchParams) => void) => {
    const p = new URLSearchParams(query);
    fn(p);
    setQuery(p, { push: true });
  };
  const toggleValue = (key: string, value: string) => update((p) => {
    const vs = p.getAll(key);
    p.delete(key);
    const next = vs.includes(value) ? vs.filter((x) => x !== value) : [...vs, value];
    for (const v of next) p.append(key, v);
  });
  const loadMore = async () => {
    const cursor = more ? more.cursor : result?.nextCursor;
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const r = await listProducts({ ...base, cursor });
      setMore({ items: [...(more?.items ?? []), ...r.items], cursor: r.nextCursor });
    } finally {
      setLoadingMore(false);
    }
  };

  const facets = result?.facets;
  const items = result ? [...result.items, ...(more?.items ?? [])] : null;
  const hasMore = more ? !!more.cursor : !!result?.nextCursor;
  const money = (m: number) => formatMoney(m, facets?.price.currency ?? 'USD', lang);
  const active = !!(price || inStock || cats.length || Object.keys(attrs).length);

  const filters = facets && (
    <div className="facets">
      {!category && facets.categories.length > 0 && (
        <fieldset className="facet">
          <legend>{t('listing.category')}</legend>
          {facets.categories.slice(0, 12).map((c) => (
            <Checkbox key={c.id} label={<>{c.name} <span className="facet__n">{c.count}</span></>} checked={cats.includes(c.handle)} onChange={() => toggleValue('category', c.handle)} />
          ))}
        </fieldset>
      )}
      {facets.price.buckets.length > 0 && (
        <fieldset className="facet">
          <legend>{t('listing.price')}</legend>
          {facets.price.buckets.filter((b) => b.count > 0 || price === `${b.from}-${b.to ?? ''}`).map((b) => {
            const key = `${b.from}-${b.to ?? ''}`;
            const label = b.from === 0 && b.to ? t('listing.under', { to: money(b.to) }) : b.to === null ? t('listing.over', { from: money(b.from) }) : `${money(b.from)} – ${money(b.to)}`;
            return (
              <Checkbox key={key} label={<>{label} <span className="facet__n">{b.count}</span></>} checked={price === key}
                onChange={() => update((p) => { if (price === key) p.delete('price'); else p.set('price', key); })} />
            );
          })}
        </fieldset>
      )}
      {facets.attributes.filter((a) => ATTR_KEYS.includes(a.key) && a.values.length > 1).map((a) => (
        <fieldset className="facet" key={a.key}>
          <legend>{t(`listing.attr.${a.key}`)}</legend>
          <div className="facet__scroll">
            {a.values.slice(0, 30).map((v) => (
              <Checkbox key={v.value} label={<>{v.value} <span className="facet__n">{v.count}</span></>} checked={(attrs[a.key] ?? []).includes(v.value)} onChange={() => toggleValue(a.key, v.value)} />
            ))}
          </div>
        </fieldset>
      ))}
      <fieldset className="facet">
        <legend>{t('listing.availability')}</legend>
        <Checkbox label={<>{t('listing.inStockOnly')} <span className="facet__n">{facets.availability.inStock}</span></>} checked={inStock}
          onChange={() => update((p) => { if (inStock) p.delete('instock'); else p.set('instock', '1'); })} />
      </fieldset>
      {active && <Button variant="ghost" size="sm" onClick={() => update((p) => { for (const k of ['price', 'instock', 'category', ...ATTR_KEYS]) p.delete(k); })}>{t('listing.clearAll')}</Button>}
    </div>
  );

  return (
    <div className="wrap page">
      <header className="listing__head">
        <div>
          <h1 className="page__title">{title || '\u00a0'}</h1>
          {cat?.description && <p className="page__sub">{cat.description}</p>}
          {result && <p className="listing__count" aria-live="polite">{t('category.products', { count: result.total })}</p>}
        </div>
        {!category && !q && <div className="listing__search"><SearchBox /></div>}
      </header>
      <div className="listing">
        <aside className={`listing__side ${showFilters ? 'listing__side--open' : ''}`} aria-label={t('listing.filters')}>
          <h2 className="listing__side-title">{t('listing.filters')}</h2>
          {filters}
          <Button className="listing__apply" block onClick={() => setShowFilters(false)}>{t('listing.applyFilters')}</Button>
        </aside>
        <div className="listing__main">
          <div className="listing__bar">
            <Button variant="secondary" size="sm" className="listing__filter-btn" aria-expanded={showFilters} onClick={() => setShowFilters(true)}>{t('listing.showFilters')}</Button>
            <Select label={t('listing.sort')} value={sort} className="listing__sort"
              options={SORTS.filter((s) => s !== 'relevance' || q).map((s) => ({ value: s, label: t(`listing.sort.${s}`) }))}
              onChange={(e) => update((p) => p.set('sort', e.target.value))} />
          </div>
          {error && <EmptyState title={t('common.error')} />}
          {!error && !items && <GridSkeleton n={12} />}
          {items && items.length === 0 && <EmptyState title={q ? t('search.none', { q }) : t('listing.empty')} />}
          {items && items.length > 0 && <ProductGrid items={items} eager={4} label={title} />}
          {hasMore && (
            <div className="listing__more">
              <Button variant="secondary" busy={loadingMore} onClick={loadMore}>{t('listing.loadMore')}</Button>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
