import { Type } from '@sinclair/typebox';
import { defineEvent } from '../../../platform/index.js';

export const CustomerRegistered = defineEvent('customer.registered', 1, 'A shopper created an account (or was imported).',
  Type.Object({ customerId: Type.String(), email: Type.String(), acceptsMarketing: Type.Boolean() }));
export const CustomerUpdated = defineEvent('customer.updated', 1, 'A customer profile changed.',
  Type.Object({ customerId: Type.String(), fields: Type.Array(Type.String()) }));
export const StaffCreated = defineEvent('staff.created', 1, 'A staff user was added.',
  Type.Object({ staffId: Type.String(), email: Type.String(), role: Type.String() }));
export const StaffUpdated = defineEvent('staff.updated', 1, 'A staff user changed role, name or status.',
  Type.Object({ staffId: Type.String(), fields: Type.Array(Type.String()) }));
export const AccountLocked = defineEvent('account.locked', 1, 'Too many failed logins locked an account for a while.',
  Type.Object({ subjectKind: Type.String(), subjectId: Type.String(), until: Type.String() }));
