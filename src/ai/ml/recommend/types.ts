/** Shared shapes of the recommendation family: implicit feedback in, ranked items with reasons out. */

/** One piece of implicit feedback: a customer ordered, carted or viewed an item. */
export interface Interaction {
  user: string;
  item: string;
  /** Defaults to `order`; views and carts count for less (see `kindWeights`). */
  kind?: 'order' | 'cart' | 'view';
  /** Order or session id; items sharing a basket feed "frequently bought together". */
  basket?: string;
  /** Epoch milliseconds; recent interactions weigh more in popularity. */
  time?: number;
  /** Extra multiplier, e.g. quantity; defaults to 1. */
  weight?: number;
}

/** What to recommend for: a known customer, what is in the cart or on screen, or nothing (cold start). */
export interface RecommendQuery {
  user?: string;
  /** Items in the cart or on the current page. */
  context?: string[];
  k?: number;
  /** Items never to return (out of stock, already in cart). */
  exclude?: string[];
  /** Leave out what the customer already bought (default true: discovery); false allows "buy again". */
  excludeSeen?: boolean;
}

export type RecommendationSource = 'als' | 'item-knn' | 'popularity' | 'bought-before';

export interface Recommendation {
  item: string;
  score: number;
  source: RecommendationSource;
  /** Item ids that drove this recommendation (the customer's or the context's items). */
  because: string[];
  /** The reason in words a merchant understands; items are named by id for the caller to render. */
  reason: string;
}
