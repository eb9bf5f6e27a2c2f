import { Badge } from '@shared/ui';
import { useT } from '@shared/i18n';
import type { paths } from '@shared/api/client';
import { Link } from '../app/router';
import { Price } from './Price';

export type ProductSummary = paths['/store/products']['get']['responses'][200]['content']['application/json']['items'][number];

export function ProductCard({ p, eager }: { p: ProductSummary; eager?: boolean }) {
  const t = useT();
  const sale = p.variants.find((v) => v.originalPrice && v.price && v.originalPrice.amount > v.price.amount);
  const varies = p.priceRange && p.priceRange.min !== p.priceRange.max;
  return (
    <article className="card">
      <Link to={`/p/${p.handle}`} className="card__link">
        <div className="card__media">
          {p.thumbnail
            ? <img src={p.thumbnail} alt="" width={400} height={400} loading={eager ? 'eager' : 'lazy'} decoding="async" />
            : <div className="card__placeholder" aria-hidden="true">{p.title.slice(0, 1)}</div>}
          {!p.inStock && <span className="card__flag"><Badge tone="neutral">{t('product.outOfStock')}</Badge></span>}
          {p.inStock && sale && <span className="card__flag"><Badge tone="danger">Sale</Badge></span>}
        </div>
        <h3 className="card__title">{p.title}</h3>
      </Link>
      {p.attributes.vendor && <p className="card__vendor">{p.attributes.vendor}</p>}
      {p.priceRange && (
        <Price amount={p.priceRange.min} currency={p.priceRange.currency} from={!!varies}
          original={!varies && sale?.originalPrice ? sale.originalPrice.amount : null} className="card__price" />
      )}
    </article>
  );
}

export function ProductGrid({ items, eager = 0, label }: { items: ProductSummary[]; eager?: number; label?: string }) {
  return (
    <ul className="grid" aria-label={label}>
      {items.map((p, i) => <li key={p.id}><ProductCard p={p} eager={i < eager} /></li>)}
    </ul>
  );
}

export function GridSkeleton({ n = 8 }: { n?: number }) {
  return (
    <ul className="grid" aria-hidden="true">
      {Array.from({ length: n }, (_, i) => (
        <li key={i}><div className="card"><div className="card__media skeleton" /><div className="skeleton skeleton--line" /><div className="skeleton skeleton--line skeleton--short" /></div></li>
      ))}
    </ul>
  );
}
