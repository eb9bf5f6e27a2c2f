/** Facts the promotions module announces. */
import { Type } from '@sinclair/typebox';
import { defineEvent } from '../../../platform/index.js';

export const PromotionChanged = defineEvent('promotion.changed', 1,
  'A promotion was created, changed or archived (carts re-price from this).',
  Type.Object({ promotionId: Type.String(), code: Type.Union([Type.String(), Type.Null()]), change: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('archived')]) }));

export const PromotionRedeemed = defineEvent('promotion.redeemed', 1,
  'A promotion was used by an order (counted against its limits).',
  Type.Object({ promotionId: Type.String(), redemptionId: Type.String(), orderReference: Type.String(), customerKey: Type.Union([Type.String(), Type.Null()]) }));

export const PromotionRedemptionReleased = defineEvent('promotion.redemption_released', 1,
  'A redemption was given back (the order did not go through); the use counts again.',
  Type.Object({ promotionId: Type.String(), redemptionId: Type.String(), orderReference: Type.String() }));
