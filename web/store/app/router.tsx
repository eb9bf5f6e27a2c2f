/**
 * A small history router for the storefront: paths are matched against patterns (`/p/:handle`),
 * links push history entries, and each page is a lazily loaded chunk so the first visit downloads
 * only what it shows. Focus moves to the main region on navigation for screen-reader users.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

type Listener = () => void;
const listeners = new Set<Listener>();
const notify = () => { for (const l of listeners) l(); };
if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

const subscribe = (l: Listener) => { listeners.add(l); return () => { listeners.delete(l); }; };
const snapshot = () => location.pathname + location.search;

/** Goes to a storefront path (`replace` swaps the current history entry). */
export function navigate(to: string, opts: { replace?: boolean; state?: unknown } = {}): void {
  if (to === snapshot()) return;
  if (opts.replace) history.replaceState(opts.state ?? null, '', to); else history.pushState(opts.state ?? null, '', to);
  window.scrollTo(0, 0);
  notify();
}

/** The current path and query, re-rendering on every navigation. */
export function useLocation(): { path: string; query: URLSearchParams; href: string } {
  const href = useSyncExternalStore(subscribe, snapshot, () => '/');
  const [path, search = ''] = href.split('?');
  return { path, query: new URLSearchParams(search), href };
}

/** Replaces the query string of the current page (filters, sort, search text) without a new entry. */
export function setQuery(params: URLSearchParams, opts: { push?: boolean } = {}): void {
  const qs = params.toString();
  const to = location.pathname + (qs ? `?${qs}` : '');
  if (opts.push) history.pushState(null, '', to); else history.replaceState(null, '', to);
  notify();
}

export interface RouteDef { pattern: string; render(params: Record<string, string>): ReactNode }

/** Matches `/p/:handle` against `/p/linen-shirt` → `{ handle: 'linen-shirt' }`; `*` matches the rest. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '*') { params['*'] = s.slice(i).map(decodeURIComponent).join('/'); return params; }
    if (i >= s.length) return null;
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return p.length === s.length ? params : null;
}

const ParamsContext = createContext<Record<string, string>>({});
export const useParams = () => useContext(ParamsContext);

export function Routes({ routes, fallback }: { routes: RouteDef[]; fallback: ReactNode }) {
  const { path } = useLocation();
  const [first, setFirst] = useState(true);
  useEffect(() => {
    // Move focus to the new page's content (not on first load, where the browser decides).
    if (first) { setFirst(false); return; }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]); // eslint-disable-line react-hooks/exhaustive-deps
  for (const r of routes) {
    const params = matchPath(r.pattern, path);
    if (params) return <ParamsContext.Provider value={params}>{r.render(params)}</ParamsContext.Provider>;
  }
  return <>{fallback}</>;
}

/** An anchor that navigates in-app (a modified click still opens a new tab). */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const go = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || rest.target) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={go} {...rest} />;
}
