/** Request and response shapes of the promotions HTTP API. */
import { Type } from '@sinclair/typebox';
import { Nullable, Strict } from '../../../platform/index.js';
import { PROMOTION_KINDS } from './service.js';

const Ref = Type.String({ minLength: 1, maxLength: 120 });
const Ids = Type.Array(Ref, { maxItems: 200 });
const Time = Type.String({ maxLength: 40, pattern: '^\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})?)?$', description: 'ISO 8601 date or time (UTC unless an offset is given)' });
const Money = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'minor units of `currency`' });
const Currency = Type.String({ pattern: '^[A-Za-z]{3}$', maxLength: 3, description: 'ISO 4217' });

export const TargetsInput = Strict({ variantIds: Type.Optional(Ids), productIds: Type.Optional(Ids), categoryIds: Type.Optional(Ids) }, { description: 'lines this applies to; all empty means every line' });
const Side = Strict({ quantity: Type.Integer({ minimum: 1, maximum: 1000 }), targets: Type.Optional(TargetsInput) });

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  code: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 64, pattern: '^\\s*[A-Za-z0-9][A-Za-z0-9_\\-]*\\s*$', description: 'null or absent: an automatic promotion; codes are unique, case-insensitive' }))),
  kind: Type.Union(PROMOTION_KINDS.map((k) => Type.Literal(k))),
  percent: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100, description: 'percentage off; for buy X get Y, off each Y unit (100 = free)' }))),
  amount: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'fixed amount off, minor units' }))),
  amountScope: Type.Optional(Nullable(Type.Union([Type.Literal('order'), Type.Literal('item')]))),
  currency: Type.Optional(Nullable(Currency)),
  targets: Type.Optional(TargetsInput),
  buyX: Type.Optional(Nullable(Side)),
  getY: Type.Optional(Nullable(Side)),
  maxApplications: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10_000 }))),
  minSubtotal: Type.Optional(Nullable(Money)),
  startsAt: Type.Optional(Nullable(Time)),
  endsAt: Type.Optional(Nullable(Time)),
  usageLimit: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100_000_000 }))),
  perCustomerLimit: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000 }))),
  combinable: Type.Optional(Type.Boolean({ description: 'false: applies only alone (default true)' })),
  priority: Type.Optional(Type.Integer({ minimum: -1000, maximum: 1000, description: 'lower applies first (default 0)' })),
  active: Type.Optional(Type.Boolean()),
};
export const PromotionCreate = Strict(fields);
export const PromotionPatch = Strict({ ...fields, name: Type.Optional(fields.name), kind: Type.Optional(fields.kind) }, { minProperties: 1 });

const Targets = Type.Object({ variantIds: Type.Array(Type.String()), productIds: Type.Array(Type.String()), categoryIds: Type.Array(Type.String()) });
const SideDto = Nullable(Type.Object({ quantity: Type.Integer(), targets: Targets }));
const N = Nullable(Type.Integer());
export const PromotionDto = Type.Object({
  id: Type.String(), name: Type.String(), code: Nullable(Type.String()), automatic: Type.Boolean(), kind: Type.String(),
  percent: N, amount: N, amountScope: Nullable(Type.String()), currency: Nullable(Type.String()), targets: Targets, buyX: SideDto, getY: SideDto,
  maxApplications: N, minSubtotal: N, startsAt: Nullable(Type.String()), endsAt: Nullable(Type.String()), usageLimit: N, perCustomerLimit: N,
  usageCount: Type.Integer(), combinable: Type.Boolean(), priority: Type.Integer(), active: Type.Boolean(), createdAt: Type.String(), updatedAt: Type.String(),
});

export const RedeemBody = Strict({
  orderReference: Type.String({ minLength: 1, maxLength: 200 }),
  customerId: Type.Optional(Nullable(Ref)),
  email: Type.Optional(Nullable(Type.String({ maxLength: 254, format: 'email' }))),
});
export const RedemptionDto = Type.Object({
  id: Type.String(), promotionId: Type.String(), customerKey: Nullable(Type.String()), orderReference: Type.String(), status: Type.String(),
  createdAt: Type.String(), releasedAt: Nullable(Type.String()),
});
