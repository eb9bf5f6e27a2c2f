/** The admin app, served at /admin with hash routes (`/admin#/orders/ord_…`). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ToastProvider } from '@shared/ui';
import './admin.css';
import { match, useLocation } from './app/router';
import { SessionProvider, useSession } from './app/session';
import { Layout } from './components/Layout';
import { AccountPage } from './pages/Account';
import { AgentsPage, RunPage } from './pages/Agents';
import { AuditPage } from './pages/Audit';
import { CampaignsPage } from './pages/Campaigns';
import { CustomerPage, CustomersPage } from './pages/Customers';
import { DashboardPage, prefetchDashboard } from './pages/Dashboard';
import { getSession } from './app/api';
import { DiscountsPage } from './pages/Discounts';
import { ImportExportPage } from './pages/ImportExport';
import { InventoryPage } from './pages/Inventory';
import { ModelsPage } from './pages/Models';
import { OrderDetailPage } from './pages/OrderDetail';
import { OrdersPage } from './pages/Orders';
import { ProductEditorPage } from './pages/ProductEditor';
import { ProductsPage } from './pages/Products';
import { ReturnDetailPage, ReturnsPage } from './pages/Returns';
import { SettingsPage } from './pages/Settings';
import { SignInPage } from './pages/SignIn';
import { StaffPage } from './pages/Staff';

function Routes() {
  const { path } = useLocation();
  const { me, can } = useSession();
  let m: Record<string, string> | null;
  if (path === '/account' || me?.permissions.length === 1) return <AccountPage />;
  if (path === '/') return can('reports:read') ? <DashboardPage /> : <OrdersPage />;
  if (path === '/orders') return <OrdersPage />;
  if ((m = match('/orders/:id', path))) return <OrderDetailPage id={m.id} />;
  if (path === '/returns') return <ReturnsPage />;
  if ((m = match('/returns/:id', path))) return <ReturnDetailPage id={m.id} />;
  if (path === '/products') return <ProductsPage />;
  if (path === '/products/new') return <ProductEditorPage />;
  if ((m = match('/products/:id', path))) return <ProductEditorPage id={m.id} />;
  if (path === '/inventory') return <InventoryPage />;
  if (path === '/customers') return <CustomersPage />;
  if ((m = match('/customers/:id', path))) return <CustomerPage id={m.id} />;
  if (path === '/discounts') return <DiscountsPage />;
  if (path === '/campaigns') return <CampaignsPage />;
  if (path === '/models') return <ModelsPage />;
  if (path === '/staff') return <StaffPage />;
  if (path === '/audit') return <AuditPage />;
  if (path === '/settings') return <SettingsPage />;
  if (path === '/import') return <ImportExportPage />;
  if (path === '/agents') return <AgentsPage />;
  if ((m = match('/agents/runs/:id', path))) return <RunPage id={m.id} />;
  return <div className="admin-empty"><h1>Not found</h1><p>There is no admin page at {path}.</p></div>;
}

function App() {
  const { me, ready } = useSession();
  if (!ready) return <main id="main" className="signin"><h1 className="ui-visually-hidden">Emporia admin</h1><p className="muted">Loading…</p></main>;
  if (!me) return <main id="main"><SignInPage /></main>;
  return <Layout><Routes /></Layout>;
}

if (getSession() && (window.location.hash === '' || window.location.hash === '#/')) prefetchDashboard();

createRoot(document.getElementById('root')!).render(<StrictMode><ToastProvider><SessionProvider><App /></SessionProvider></ToastProvider></StrictMode>);
