/**
 * The storefront: served at `/` with history routes (`/c/:handle`, `/p/:handle`, `/search`,
 * `/cart`, `/checkout`, `/order/:id`, `/account/...`, `/kiosk`). Each page is its own chunk.
 */
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '@shared/i18n';
import { Spinner, ToastProvider } from '@shared/ui';
import { CartProvider } from './app/cart';
import { KioskProvider } from './app/kiosk';
import { Routes, type RouteDef } from './app/router';
import { Layout } from './components/Layout';
import { catalogues } from './i18n';
import './store.css';

const Home = lazy(() => import('./pages/Home'));
const Listing = lazy(() => import('./pages/Listing'));
const Product = lazy(() => import('./pages/Product'));
const Cart = lazy(() => import('./pages/Cart'));
const Checkout = lazy(() => import('./pages/Checkout'));
const Order = lazy(() => import('./pages/Order'));
const Account = lazy(() => import('./pages/Account'));
const NotFound = lazy(() => import('./pages/NotFound'));
const Csat = lazy(() => import('./pages/Csat'));

const routes: RouteDef[] = [
  { pattern: '/', render: () => <Home /> },
  { pattern: '/kiosk', render: () => <Home kiosk /> },
  { pattern: '/c/:handle', render: (p) => <Listing key={p.handle} category={p.handle} /> },
  { pattern: '/search', render: () => <Listing /> },
  { pattern: '/p/:handle', render: (p) => <Product key={p.handle} handle={p.handle} /> },
  { pattern: '/cart', render: () => <Cart /> },
  { pattern: '/checkout', render: () => <Checkout /> },
  { pattern: '/order/lookup', render: () => <Order /> },
  { pattern: '/order/:id', render: (p) => <Order key={p.id} id={p.id} /> },
  { pattern: '/csat', render: () => <Csat /> },
  { pattern: '/account', render: () => <Account /> },
  { pattern: '/account/*', render: (p) => <Account sub={p['*']} /> },
];

function Loading() {
  return <div className="page-loading"><Spinner /></div>;
}

function App() {
  return (
    <I18nProvider catalogues={catalogues}>
      <ToastProvider>
        <CartProvider>
          <KioskProvider>
            <Layout>
              <Suspense fallback={<Loading />}>
                <Routes routes={routes} fallback={<NotFound />} />
              </Suspense>
            </Layout>
          </KioskProvider>
        </CartProvider>
      </ToastProvider>
    </I18nProvider>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);

// The service worker keeps the shell for offline starts; it never caches API answers.
if ('serviceWorker' in navigator && location.protocol !== 'file:' && !import.meta.env.DEV) {
  window.addEventListener('load', () => { navigator.serviceWorker.register('/sw.js').catch(() => undefined); });
}
