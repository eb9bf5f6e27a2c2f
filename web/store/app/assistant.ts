/**
 * The shopping assistant and visual search from the storefront: the conversation's context (the
 * product in view, the last results and constraints) and the calls. The product page says which
 * product is in view, so "is this available in blue?" knows what "this" is.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { paths } from '@shared/api/client';
import { api, ApiError, getSession, unwrap } from './api';

export type AssistantAsk = NonNullable<paths['/store/assistant/messages']['post']['requestBody']>['content']['application/json'];
export type AssistantAnswer = paths['/store/assistant/messages']['post']['responses'][200]['content']['application/json'];
export type Constraints = AssistantAnswer['constraints'];
export type VisualResult = paths['/store/visual-search']['post']['responses'][200]['content']['application/json'];

let productInView: string | undefined;
const listeners = new Set<() => void>();

/** Called by the product page: the product the shopper is looking at (undefined when they leave it). */
export function useProductInView(id: string | undefined): void {
  useEffect(() => {
    productInView = id;
    for (const l of listeners) l();
    return () => { if (productInView === id) { productInView = undefined; for (const l of listeners) l(); } };
  }, [id]);
}

export function useCurrentProduct(): string | undefined {
  return useSyncExternalStore((l) => { listeners.add(l); return () => { listeners.delete(l); }; }, () => productInView, () => undefined);
}

export function askAssistant(body: AssistantAsk, cartHeaders: Record<string, string>): Promise<AssistantAnswer> {
  return unwrap(api.POST('/store/assistant/messages', { body, headers: cartHeaders }));
}

/** Removes the constraint a chip stands for (`ref` as the API gave it). */
export function withoutChip(c: Constraints, ref: string): Constraints {
  const next: Constraints = { ...c, keywords: [...c.keywords], tags: [...c.tags], attributes: [...c.attributes], options: [...c.options] };
  const [key, index] = ref.split('.');
  const i = Number(index);
  if (key === 'keywords') next.keywords.splice(i, 1);
  else if (key === 'tags') next.tags.splice(i, 1);
  else if (key === 'attributes') next.attributes.splice(i, 1);
  else if (key === 'options') next.options.splice(i, 1);
  else if (key === 'category') delete next.category;
  else if (key === 'price') { delete next.minPrice; delete next.maxPrice; }
  else if (key === 'maxPrice') delete next.maxPrice;
  else if (key === 'minPrice') delete next.minPrice;
  else if (key === 'sort') delete next.sort;
  else if (key === 'inStock') delete next.inStock;
  return next;
}

/** Sends a photo to visual search (multipart); the API's 4xx comes back as an ApiError with its message. */
export async function searchByPhoto(file: File, limit = 12): Promise<VisualResult> {
  const form = new FormData();
  form.append('file', file);
  const headers: Record<string, string> = {};
  const token = getSession()?.accessToken;
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try { res = await fetch(`/store/visual-search?limit=${limit}`, { method: 'POST', body: form, headers }); } catch (e) {
    throw new ApiError(0, 'network.unreachable', (e as Error).message || 'network error');
  }
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? `http.${res.status}`, body?.error?.message ?? res.statusText, body?.error?.details);
  return body as VisualResult;
}
