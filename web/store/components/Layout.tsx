/** The storefront frame: header (logo, categories, instant search, account, cart, language), footer, support chat slot. */
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { AppShell } from '@shared/ui';
import { LanguageSwitcher, useI18n } from '@shared/i18n';
import { useCart, useSession } from '../app/cart';
import { useCategories } from '../app/catalog';
import { useKiosk } from '../app/kiosk';
import { Link, useLocation } from '../app/router';
import { AssistantButton } from './Assistant';
import { SearchBox } from './SearchBox';

// The support engineer ships the chat widget in web/shared/support-widget; mount it when present.
const widgetModules = import.meta.glob<{ default: React.ComponentType<{ context?: Record<string, unknown> }> }>('../../shared/support-widget/index.{ts,tsx}');
const widgetLoader = Object.values(widgetModules)[0];
const SupportWidget = widgetLoader ? lazy(widgetLoader) : null;

export function Logo() {
  const { t } = useI18n();
  return (
    <Link to="/" className="logo" aria-label={`${t('app.name')} – ${t('nav.home')}`}>
      <svg viewBox="0 0 64 64" width="30" height="30" aria-hidden="true"><rect width="64" height="64" rx="14" fill="#1f5f4a" /><path d="M20 18h24v6H27v5h15v6H27v5h17v6H20z" fill="#fff" /></svg>
      <span>{t('app.name')}</span>
    </Link>
  );
}

function CartLink() {
  const { t } = useI18n();
  const { count } = useCart();
  return (
    <Link to="/cart" className="hdr-btn" aria-label={t('nav.cartCount', { count })} data-testid="cart-link">
      <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path d="M3 4h2l2.4 11.2a2 2 0 0 0 2 1.6h7.8a2 2 0 0 0 2-1.5L21 8H6.2" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" /><circle cx="10" cy="20.5" r="1.3" fill="currentColor" /><circle cx="17.5" cy="20.5" r="1.3" fill="currentColor" /></svg>
      <span className="hdr-btn__label">{t('nav.cart')}</span>
      {count > 0 && <span className="hdr-count" aria-hidden="true">{count}</span>}
    </Link>
  );
}

function Header() {
  const { t } = useI18n();
  const session = useSession();
  const categories = useCategories();
  const kiosk = useKiosk();
  const { path } = useLocation();
  const [menu, setMenu] = useState(false);
  const top = categories.filter((c) => !c.parentId && c.productCount > 0);
  return (
    <>
      <div className="hdr">
        <div className="hdr__row wrap">
          <button type="button" className="hdr-btn hdr-menu" aria-expanded={menu} aria-controls="cat-nav" onClick={() => setMenu(!menu)} aria-label={t('nav.menu')}>
            <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path d="M4 7h16M4 12h16M4 17h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" /></svg>
          </button>
          <Logo />
          <div className="hdr__search"><SearchBox large={kiosk.on} /></div>
          <div className="hdr__actions">
            <AssistantButton />
            {!kiosk.on && <LanguageSwitcher label={t('nav.language')} />}
            {kiosk.on && <LanguageSwitcher label={t('nav.language')} className="ui-lang--big" />}
            {!kiosk.on && (
              <Link to="/account" className="hdr-btn" aria-label={session ? t('nav.account') : t('nav.signIn')}>
                <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><circle cx="12" cy="8" r="4" fill="none" stroke="currentColor" strokeWidth="1.8" /><path d="M4 20c1.5-4 4.5-6 8-6s6.5 2 8 6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" /></svg>
                <span className="hdr-btn__label">{session ? t('nav.account') : t('nav.signIn')}</span>
              </Link>
            )}
            <CartLink />
          </div>
        </div>
      </div>
      <nav id="cat-nav" className={`cats ${menu ? 'cats--open' : ''}`} aria-label={t('nav.categories')}>
        <ul className="cats__list wrap">
          {top.map((c) => (
            <li key={c.id}>
              <Link to={`/c/${c.handle}`} className={path === `/c/${c.handle}` ? 'cats__link cats__link--on' : 'cats__link'} aria-current={path === `/c/${c.handle}` ? 'page' : undefined} onClick={() => setMenu(false)}>{c.name}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

function Footer() {
  const { t } = useI18n();
  const kiosk = useKiosk();
  if (kiosk.on) {
    return (
      <div className="ftr ftr--kiosk wrap">
        <button type="button" className="ui-btn ui-btn--ghost ui-btn--lg" onClick={kiosk.reset}>{t('kiosk.startOver')}</button>
        <button type="button" className="ui-btn ui-btn--ghost ui-btn--sm kiosk-exit" onClick={kiosk.exit}>{t('kiosk.exit')}</button>
      </div>
    );
  }
  return (
    <div className="ftr">
      <div className="wrap ftr__grid">
        <div>
          <Logo />
          <p className="ftr__about">{t('footer.about')}</p>
        </div>
        <div>
          <h2 className="ftr__h">{t('footer.help')}</h2>
          <ul className="ftr__links">
            <li><Link to="/order/lookup">{t('footer.orderStatus')}</Link></li>
            <li><Link to="/account">{t('footer.returns')}</Link></li>
            <li><Link to="/kiosk">{t('footer.kiosk')}</Link></li>
          </ul>
        </div>
        <div>
          <h2 className="ftr__h">{t('nav.account')}</h2>
          <ul className="ftr__links">
            <li><Link to="/account">{t('account.signIn')}</Link></li>
            <li><Link to="/account/addresses">{t('account.addresses')}</Link></li>
            <li><Link to="/cart">{t('nav.cart')}</Link></li>
          </ul>
        </div>
      </div>
      <p className="wrap ftr__rights">{t('footer.rights', { year: new Date().getFullYear() })}</p>
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const kiosk = useKiosk();
  return (
    <AppShell className={kiosk.on ? 'store kiosk' : 'store'} skipLabel={t('nav.skip')} header={<Header />} footer={<Footer />}>
      {children}
      {SupportWidget && !kiosk.on && (
        <div className="support-slot" data-slot="support-widget">
          <Suspense fallback={null}><SupportWidget context={{ app: 'store' }} /></Suspense>
        </div>
      )}
    </AppShell>
  );
}
