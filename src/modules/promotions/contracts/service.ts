/**
 * The promotions module's public service interface: what the cart and the checkout saga call.
 * A refused redemption (limit reached, expired) is an expected outcome and is returned; a missing
 * promotion is thrown as a 404.
 */
import type { Result } from '../../../kernel/index.js';
import type { Ctx } from '../../../platform/index.js';

export const PROMOTION_KINDS = ['percentage', 'fixed_amount', 'free_shipping', 'buy_x_get_y'] as const;
export type PromotionKind = (typeof PROMOTION_KINDS)[number];

/** Which order lines a promotion (or one side of a buy-X-get-Y) looks at; all empty means every line. */
export interface PromotionTargets { variantIds: string[]; productIds: string[]; categoryIds: string[] }

/** The pure rule of a promotion: everything the totals calculator needs, nothing about its lifecycle. */
export interface PromotionRule {
  id: string;
  name: string;
  /** Null for an automatic promotion. */
  code: string | null;
  kind: PromotionKind;
  /** Whole percent 1–100: the discount of `percentage`, and the discount on the Y units of `buy_x_get_y` (100 = free). */
  percent: number | null;
  /** Minor units of `currency`, for `fixed_amount`. */
  amount: number | null;
  /** `order`: the amount once, spread over the eligible lines; `item`: the amount off every eligible unit. */
  amountScope: 'order' | 'item' | null;
  /** Currency of `amount` and `minSubtotal`; null when neither is set. */
  currency: string | null;
  /** Lines the discount applies to (percentage, fixed amount). */
  targets: PromotionTargets;
  buyX: { quantity: number; targets: PromotionTargets } | null;
  getY: { quantity: number; targets: PromotionTargets } | null;
  /** At most this many X+Y groups per order (null: no limit). */
  maxApplications: number | null;
  /** The order subtotal (before discounts) must reach this, in `currency`. */
  minSubtotal: number | null;
  /** False: applies only alone, and nothing after it applies. */
  combinable: boolean;
  /** Lower goes first. */
  priority: number;
}

export interface Promotion extends PromotionRule {
  automatic: boolean;
  startsAt: string | null;
  endsAt: string | null;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  usageCount: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PromotionInput {
  name: string;
  code?: string | null;
  kind: PromotionKind;
  percent?: number | null;
  amount?: number | null;
  amountScope?: 'order' | 'item' | null;
  currency?: string | null;
  targets?: Partial<PromotionTargets>;
  buyX?: { quantity: number; targets?: Partial<PromotionTargets> } | null;
  getY?: { quantity: number; targets?: Partial<PromotionTargets> } | null;
  maxApplications?: number | null;
  minSubtotal?: number | null;
  startsAt?: string | null;
  endsAt?: string | null;
  usageLimit?: number | null;
  perCustomerLimit?: number | null;
  combinable?: boolean;
  priority?: number;
  active?: boolean;
}

export interface Redemption {
  id: string; promotionId: string; customerKey: string | null; orderReference: string; status: 'active' | 'released'; createdAt: string; releasedAt: string | null;
}

export type RedeemErrorCode =
  | 'promotions.inactive' | 'promotions.not_started' | 'promotions.expired'
  | 'promotions.usage_limit_reached' | 'promotions.customer_limit_reached' | 'promotions.customer_required';
export interface RedeemError { code: RedeemErrorCode; message: string }

export interface RedeemInput { promotionId: string; customerId?: string | null; email?: string | null; orderReference: string }

export interface EligibleQuery { codes?: string[]; customerId?: string | null; email?: string | null }
export interface EligibleAnswer {
  /** Live automatic promotions and the live promotions of the given codes, for the totals calculator. */
  promotions: Promotion[];
  /** Codes that are unknown, not live or used up for this customer, with the reason. */
  rejected: { code: string; reason: RedeemErrorCode | 'promotions.unknown_code'; message: string }[];
}

export interface PromotionsService {
  create(ctx: Ctx, input: PromotionInput): Promise<Promotion>;
  get(ctx: Ctx, id: string): Promise<Promotion>;
  list(ctx: Ctx, q: { active?: boolean; code?: string; limit: number; cursor?: string }): Promise<{ items: Promotion[]; nextCursor: string | null }>;
  update(ctx: Ctx, id: string, patch: Partial<PromotionInput>): Promise<Promotion>;
  /** Deactivates a promotion; its redemptions stay for the books. */
  archive(ctx: Ctx, id: string): Promise<void>;
  /** Promotions that could apply now, and why the other asked-for codes cannot. */
  eligible(ctx: Ctx, q: EligibleQuery): Promise<EligibleAnswer>;
  /**
   * Records one use for an order reference; the database holds the total and per-customer limits
   * under any concurrency. Redeeming the same reference twice returns the first redemption.
   */
  redeem(ctx: Ctx, input: RedeemInput): Promise<Result<Redemption, RedeemError>>;
  /** The saga's compensation: gives the use back. Idempotent; a no-op when nothing is active. */
  release(ctx: Ctx, input: { promotionId: string; orderReference: string }): Promise<void>;
  listRedemptions(ctx: Ctx, promotionId: string, q: { limit: number; cursor?: string }): Promise<{ items: Redemption[]; nextCursor: string | null }>;
}
