/**
 * A shelf of recommended products, each with the reason it is shown ("Because you bought …").
 * It loads its own items, falls back to simpler lists when recommendations fail, and renders
 * nothing (not an error) when there is nothing to show.
 */
import { useT } from '@shared/i18n';
import { Link } from '../app/router';
import { useAsync } from '../app/use-async';
import { reportRec, type Shelf, type ShelfItem } from '../app/recommendations';
import { GridSkeleton } from './ProductCard';
import { Price } from './Price';

function RecCard({ item, cartId }: { item: ShelfItem; cartId?: string }) {
  return (
    <article className="card rec-card">
      <Link to={`/p/${item.handle}`} className="card__link" onClick={() => reportRec('click', item, cartId)}>
        <div className="card__media">
          {item.thumbnail ? <img src={item.thumbnail} alt="" width={400} height={400} loading="lazy" decoding="async" /> : <div className="card__placeholder" aria-hidden="true">{item.title.slice(0, 1)}</div>}
        </div>
        <h3 className="card__title">{item.title}</h3>
      </Link>
      {item.price && <Price amount={item.price.amount} currency={item.price.currency} from={item.from} className="card__price" />}
      {item.reason && <p className="rec-card__reason" data-testid="rec-reason">{item.reason}</p>}
    </article>
  );
}

export function RecommendationShelf({ id, title, note, load, deps, limit = 4, cartId }: {
  id: string; title: string; note?: string; load: () => Promise<Shelf>; deps: unknown[]; limit?: number; cartId?: string;
}) {
  const t = useT();
  const { data, loading } = useAsync(load, deps);
  if (!loading && (!data || data.items.length === 0)) return null;
  return (
    <section className="section rec-shelf" aria-labelledby={`${id}-h`} data-slot={id} data-source={data?.source}>
      <div className="section__head">
        <div>
          <h2 id={`${id}-h`} className="section__title">{title}</h2>
          {note && <p className="section__sub">{note}</p>}
        </div>
      </div>
      {data ? (
        <ul className="grid" aria-label={title}>
          {data.items.slice(0, limit).map((i) => <li key={i.productId}><RecCard item={i} cartId={cartId} /></li>)}
        </ul>
      ) : <GridSkeleton n={limit} />}
      {data?.source === 'fallback' && <p className="rec-shelf__fallback ui-visually-hidden">{t('recs.fallback')}</p>}
    </section>
  );
}
