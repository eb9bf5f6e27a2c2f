/** Pure checks of a promotion's definition and of whether it is live at a moment. */
import type { ErrorDetail } from '../../../kernel/index.js';
import type { PromotionInput, PromotionTargets } from '../contracts/service.js';

/** Codes are matched case-insensitively and without surrounding spaces. */
export const codeKey = (code: string): string => code.trim().toUpperCase();

export const targetsOf = (t?: Partial<PromotionTargets> | null): PromotionTargets => ({
  variantIds: [...new Set(t?.variantIds ?? [])], productIds: [...new Set(t?.productIds ?? [])], categoryIds: [...new Set(t?.categoryIds ?? [])],
});

/** Problems with a complete definition (after a patch is merged), each naming its field. */
export function definitionProblems(p: PromotionInput): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const need = (field: keyof PromotionInput, message: string) => out.push({ field: `body.${field}`, message });
  const forbid = (field: keyof PromotionInput) => { if (p[field] != null) need(field, `is not used by a ${p.kind} promotion`); };
  switch (p.kind) {
    case 'percentage':
      if (p.percent == null) need('percent', 'is required for a percentage promotion');
      forbid('amount'); forbid('buyX'); forbid('getY');
      break;
    case 'fixed_amount':
      if (p.amount == null) need('amount', 'is required for a fixed amount promotion');
      if (p.amountScope == null) need('amountScope', 'is required for a fixed amount promotion (order or item)');
      forbid('percent'); forbid('buyX'); forbid('getY');
      break;
    case 'free_shipping':
      forbid('percent'); forbid('amount'); forbid('buyX'); forbid('getY');
      break;
    case 'buy_x_get_y':
      if (p.buyX == null) need('buyX', 'is required for a buy X get Y promotion');
      if (p.getY == null) need('getY', 'is required for a buy X get Y promotion');
      forbid('amount');
      break;
  }
  if (p.kind !== 'fixed_amount' && p.amountScope != null) need('amountScope', 'is only used by a fixed amount promotion');
  if (p.kind !== 'buy_x_get_y' && p.maxApplications != null) need('maxApplications', 'is only used by a buy X get Y promotion');
  if ((p.amount != null || p.minSubtotal != null) && !p.currency) need('currency', 'is required with an amount or a minimum subtotal');
  if (p.startsAt && p.endsAt && p.startsAt >= p.endsAt) need('endsAt', 'must be after startsAt');
  if (p.usageLimit != null && p.perCustomerLimit != null && p.perCustomerLimit > p.usageLimit) need('perCustomerLimit', 'cannot exceed usageLimit');
  return out;
}

export type Liveness = 'live' | 'inactive' | 'not_started' | 'expired';

/** Whether a promotion may be used at `now` (ISO UTC); the window is [startsAt, endsAt). */
export function liveness(p: { active: boolean; startsAt: string | null; endsAt: string | null }, now: string): Liveness {
  if (!p.active) return 'inactive';
  if (p.startsAt && now < p.startsAt) return 'not_started';
  if (p.endsAt && now >= p.endsAt) return 'expired';
  return 'live';
}
