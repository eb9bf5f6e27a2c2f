/** The admin frame: a side navigation by area (shown by permission), the signed-in user, live status. */
import type { ReactNode } from 'react';
import { AppShell, Button } from '@shared/ui';
import { Link, useLocation } from '../app/router';
import { useSession } from '../app/session';

const NAV: { to: string; label: string; icon: string; permission?: string }[] = [
  { to: '/', label: 'Dashboard', icon: '◔', permission: 'reports:read' },
  { to: '/orders', label: 'Orders', icon: '▤', permission: 'orders:read' },
  { to: '/returns', label: 'Returns', icon: '↩', permission: 'orders:read' },
  { to: '/products', label: 'Products', icon: '◫', permission: 'catalog:read' },
  { to: '/inventory', label: 'Inventory', icon: '▦', permission: 'inventory:read' },
  { to: '/customers', label: 'Customers', icon: '☺', permission: 'customers:read' },
  { to: '/discounts', label: 'Discounts', icon: '%', permission: 'catalog:read' },
  { to: '/campaigns', label: 'Recommendation emails', icon: '✉', permission: 'customers:read' },
  { to: '/import', label: 'Import & export', icon: '⇅', permission: 'catalog:write' },
  { to: '/agents', label: 'Agents', icon: '✦', permission: 'ai:read' },
  { to: '/models', label: 'Models', icon: '◎', permission: 'ai:read' },
  { to: '/staff', label: 'Staff', icon: '♟', permission: 'staff:manage' },
  { to: '/audit', label: 'Audit log', icon: '☰', permission: 'audit:read' },
  { to: '/settings', label: 'Settings', icon: '⚙', permission: 'settings:manage' },
];

export function Layout({ children }: { children: ReactNode }) {
  const { me, can, signOut } = useSession();
  const { path } = useLocation();
  const active = (to: string) => (to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`));
  return (
    <AppShell
      className="admin"
      header={
        <div className="admin-top">
          <Link to="/" className="admin-brand"><span className="admin-brand__mark">E</span> Emporia <span className="admin-brand__sub">Admin</span></Link>
          <div className="admin-top__right">
            <Link to="/account" className="admin-user">{me?.name ?? me?.email} <span className="admin-user__role">{me?.role}</span></Link>
            <Button variant="ghost" size="sm" onClick={() => void signOut()}>Sign out</Button>
          </div>
        </div>
      }
      nav={
        <ul className="admin-nav">
          {NAV.filter((n) => !n.permission || can(n.permission)).map((n) => (
            <li key={n.to}>
              <Link to={n.to} className={active(n.to) ? 'admin-nav__link admin-nav__link--active' : 'admin-nav__link'} aria-current={active(n.to) ? 'page' : undefined}>
                <span className="admin-nav__icon" aria-hidden="true">{n.icon}</span>{n.label}
              </Link>
            </li>
          ))}
        </ul>
      }
    >
      <div className="admin-page">{children}</div>
    </AppShell>
  );
}
