/** Hash routes (`/support#/inbox?view=mine`, `/support#/c/conv_…`, `/support#/canned`, `#/kb`, `#/team`, `#/analytics`, `#/assistant`) so no client path collides with the API. */
import { useEffect, useState } from 'react';

export type Page = 'inbox' | 'canned' | 'kb' | 'team' | 'analytics' | 'assistant';
export interface Route { page: Page; conversationId: string | null; params: URLSearchParams }

export function parseHash(hash: string): Route {
  const [path, qs] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(qs ?? '');
  const parts = (path || '/inbox').split('/').filter(Boolean);
  if (parts[0] === 'canned' || parts[0] === 'kb' || parts[0] === 'team' || parts[0] === 'analytics' || parts[0] === 'assistant') return { page: parts[0], conversationId: null, params };
  if (parts[0] === 'c' && parts[1]) return { page: 'inbox', conversationId: decodeURIComponent(parts[1]), params };
  return { page: 'inbox', conversationId: null, params };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

export const href = (path: string, params?: Record<string, string | undefined>) => {
  const qs = new URLSearchParams(Object.entries(params ?? {}).filter(([, v]) => v) as [string, string][]).toString();
  return `#${path}${qs ? `?${qs}` : ''}`;
};
