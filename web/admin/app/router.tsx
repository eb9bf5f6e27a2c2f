/**
 * Hash routing (`/admin#/orders/ord_123`): no client route can collide with the /admin/* JSON API,
 * and the server only ever serves /admin itself.
 */
import { useEffect, useState, type AnchorHTMLAttributes, type ReactNode } from 'react';

export interface Location { path: string; query: URLSearchParams }

function read(): Location {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path, qs] = raw.split('?');
  return { path: path || '/', query: new URLSearchParams(qs ?? '') };
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const on = () => setLoc(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return loc;
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const hash = `#${to}`;
  if (opts.replace) window.location.replace(hash);
  else window.location.hash = hash;
}

/** Replaces the query of the current route (filters that belong in the URL). */
export function setQuery(params: Record<string, string | undefined>): void {
  const { path, query } = read();
  for (const [k, v] of Object.entries(params)) if (v) query.set(k, v); else query.delete(k);
  const qs = query.toString();
  navigate(qs ? `${path}?${qs}` : path, { replace: true });
}

/** Matches `/orders/:id` against a path; answers the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.split('/');
  if (p.length !== s.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) out[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return out;
}

export function Link({ to, children, ...rest }: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return <a href={`#${to}`} {...rest}>{children}</a>;
}
