/** Request and response shapes of the identity module. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Strict } from '../../../platform/index.js';

export const Email = Type.String({ format: 'email', maxLength: 254, minLength: 3 });
export const Password = Type.String({ minLength: 1, maxLength: 200 });
export const RoleSchema = Type.Union(['owner', 'admin', 'staff', 'support', 'clerk'].map((r) => Type.Literal(r)));

export const TokenPair = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  expiresIn: Type.Integer({ description: 'seconds until the access token expires' }),
  tokenType: Type.Literal('Bearer'),
});

export const CustomerDto = Type.Object({
  id: Type.String(), email: Type.String(), firstName: Type.String(), lastName: Type.String(),
  phone: Nullable(Type.String()), acceptsMarketing: Type.Boolean(), status: Type.String(), createdAt: Type.String(),
});
export type CustomerDto = Static<typeof CustomerDto>;

export const StaffDto = Type.Object({
  id: Type.String(), email: Type.String(), name: Type.String(), role: Type.String(), status: Type.String(),
  mfaEnabled: Type.Boolean(), lastLoginAt: Nullable(Type.String()), createdAt: Type.String(),
});
export type StaffDto = Static<typeof StaffDto>;

const Line = (max: number) => Type.String({ minLength: 1, maxLength: max });
export const AddressInput = Strict({
  label: Type.Optional(Type.String({ maxLength: 60 })),
  firstName: Line(100), lastName: Line(100),
  company: Type.Optional(Type.String({ maxLength: 200 })),
  line1: Line(200), line2: Type.Optional(Type.String({ maxLength: 200 })),
  city: Line(100), region: Type.Optional(Type.String({ maxLength: 100 })),
  postalCode: Line(20), country: Type.String({ pattern: '^[A-Z]{2}$', maxLength: 2, description: 'ISO 3166-1 alpha-2' }),
  phone: Type.Optional(Type.String({ maxLength: 40, pattern: '^[+0-9 ()\\-]{4,40}$' })),
  isDefaultShipping: Type.Optional(Type.Boolean()), isDefaultBilling: Type.Optional(Type.Boolean()),
});
export type AddressInput = Static<typeof AddressInput>;
export const AddressDto = Type.Object({
  id: Type.String(), label: Nullable(Type.String()), firstName: Type.String(), lastName: Type.String(), company: Nullable(Type.String()),
  line1: Type.String(), line2: Nullable(Type.String()), city: Type.String(), region: Nullable(Type.String()), postalCode: Type.String(),
  country: Type.String(), phone: Nullable(Type.String()), isDefaultShipping: Type.Boolean(), isDefaultBilling: Type.Boolean(),
});
export type AddressDto = Static<typeof AddressDto>;

export const LoginEventDto = Type.Object({
  id: Type.String(), email: Type.String(), success: Type.Boolean(), reason: Type.String(), ip: Nullable(Type.String()), userAgent: Nullable(Type.String()), at: Type.String(),
});
