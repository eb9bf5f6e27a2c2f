/**
 * Home: a hero, the categories, the "picked for you" slot and new arrivals. The slot is the
 * personalised feed from the recommendations (each item with its reason), falling back to best
 * sellers when the recommendations cannot answer.
 */
import { useT } from '@shared/i18n';
import { useCategories, listProducts } from '../app/catalog';
import { useKiosk } from '../app/kiosk';
import { Link } from '../app/router';
import { homeShelf } from '../app/recommendations';
import { useSession } from '../app/cart';
import { useAsync, useTitle } from '../app/use-async';
import { GridSkeleton, ProductGrid } from '../components/ProductCard';
import { RecommendationShelf } from '../components/Recommendations';
import { SearchBox } from '../components/SearchBox';

export function PickedForYou({ limit = 8, title }: { limit?: number; title?: string }) {
  const t = useT();
  const session = useSession();
  return (
    <RecommendationShelf id="recommendations" title={title ?? t('home.pickedForYou')} note={t('home.pickedForYouNote')} limit={limit}
      load={() => homeShelf(limit, { popular: t('recs.popular') })} deps={[limit, session?.accessToken ? 'in' : 'out']} />
  );
}

const HUES = [152, 24, 210, 340, 45, 270, 190, 10, 95, 300, 230, 60];

export default function Home({ kiosk: kioskRoute }: { kiosk?: boolean }) {
  const t = useT();
  const kiosk = useKiosk();
  useTitle(undefined);
  const categories = useCategories().filter((c) => !c.parentId && c.productCount > 0);
  const fresh = useAsync(() => listProducts({ sort: 'newest', limit: 8 }), []);
  const big = kioskRoute || kiosk.on;
  return (
    <div className="page page--home">
      <section className={`hero ${big ? 'hero--kiosk' : ''}`}>
        <div className="wrap hero__inner">
          <h1 className="hero__title">{big ? t('kiosk.title') : t('home.heroTitle')}</h1>
          {!big && <p className="hero__text">{t('home.heroText')}</p>}
          {big ? <div className="hero__search"><SearchBox large /></div>
            : <Link to="/search?sort=newest" className="ui-btn ui-btn--lg hero__cta">{t('home.heroCta')}</Link>}
        </div>
      </section>
      {!big && (
        <ul className="perks wrap" aria-label="Services">
          <li><strong>{t('home.perk.pickup')}</strong><span>{t('home.perk.pickupText')}</span></li>
          <li><strong>{t('home.perk.delivery')}</strong><span>{t('home.perk.deliveryText')}</span></li>
          <li><strong>{t('home.perk.returns')}</strong><span>{t('home.perk.returnsText')}</span></li>
        </ul>
      )}
      <div className="wrap">
        <section className="section" aria-labelledby="cats-h">
          <h2 id="cats-h" className="section__title">{t('home.shopBy')}</h2>
          <ul className="tiles">
            {categories.map((c, i) => (
              <li key={c.id}>
                <Link to={`/c/${c.handle}`} className="tile" style={{ '--h': HUES[i % HUES.length] } as React.CSSProperties}>
                  <span className="tile__name">{c.name}</span>
                  <span className="tile__count">{t('category.products', { count: c.productCount })}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
        <PickedForYou />
        <section className="section" aria-labelledby="new-h">
          <div className="section__head">
            <h2 id="new-h" className="section__title">{t('home.newArrivals')}</h2>
            <Link to="/search?sort=newest" className="section__more">{t('home.viewAll')} →</Link>
          </div>
          {fresh.data ? <ProductGrid items={fresh.data.items} label={t('home.newArrivals')} /> : <GridSkeleton />}
        </section>
      </div>
    </div>
  );
}
