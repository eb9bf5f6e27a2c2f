/** Sign-in, account and staff routes. Thin: parse, call one service method, map the result. */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { access, Cursor, IdParam, Limit, Nullable, Page, route, Strict, type AnyRoute, type Ctx } from '../../../platform/index.js';
import { AddressDto, AddressInput, CustomerDto, Email, LoginEventDto, Password, RoleSchema, StaffDto, TokenPair } from '../contracts/schemas.js';
import type { AuthService, ClientMeta, SubjectKind } from '../service/auth.service.js';
import type { CustomersService } from '../service/customers.service.js';
import type { StaffService } from '../service/staff.service.js';

const meta = (req: FastifyRequest): ClientMeta => ({ ip: req.ip, userAgent: req.headers['user-agent'] });
const sessionOf = (ctx: Ctx): string => (ctx.actor.kind === 'staff' || ctx.actor.kind === 'customer' ? ctx.actor.sessionId ?? '' : '');
const subjectId = (ctx: Ctx): string => (ctx.actor.kind === 'staff' || ctx.actor.kind === 'customer' ? ctx.actor.id : '');

export function identityRoutes(auth: AuthService, customers: CustomersService, staff: StaffService, authRateLimit: number): AnyRoute[] {
  const rl = authRateLimit > 0 ? authRateLimit : undefined;
  const LoginTokens = Type.Composite([TokenPair, Type.Object({ mfaEnrollmentRequired: Type.Optional(Type.Boolean()) })]);
  const authRoutes = (kind: SubjectKind, prefix: string, tag: string): AnyRoute[] => [
    route({
      method: 'POST', url: `${prefix}/auth/login`, access: access.public, tags: [tag], status: 200, rateLimit: rl,
      summary: kind === 'staff' ? 'Sign in as staff (add `totp` when MFA is on)' : 'Sign in as a customer',
      body: Strict({ email: Email, password: Password, ...(kind === 'staff' ? { totp: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', maxLength: 6 })) } : {}) }),
      response: { 200: LoginTokens },
      handler: async ({ body, ctx, req }) => auth.login(ctx, kind, body as any, meta(req)),
    }),
    route({
      method: 'POST', url: `${prefix}/auth/refresh`, access: access.public, tags: [tag], status: 200, rateLimit: rl,
      summary: 'Trade a refresh token for a new token pair (the old refresh token stops working)',
      body: Strict({ refreshToken: Type.String({ minLength: 1, maxLength: 300 }) }),
      response: { 200: TokenPair },
      handler: async ({ body, ctx, req }) => auth.refresh(ctx, kind, body.refreshToken, meta(req)),
    }),
    route({
      method: 'POST', url: `${prefix}/auth/logout`, access: kind === 'staff' ? access.staff('self') : access.customer, tags: [tag], status: 204,
      summary: 'Sign out this session',
      handler: async ({ ctx }) => { await auth.logout(ctx, sessionOf(ctx)); },
    }),
    route({
      method: 'POST', url: `${prefix}/auth/password-reset`, access: access.public, tags: [tag], status: 202, rateLimit: rl,
      summary: 'Email a single-use password reset link (answers the same for unknown emails)',
      body: Strict({ email: Email }),
      handler: async ({ body, ctx }) => { await auth.requestPasswordReset(ctx, kind, body.email); return { accepted: true }; },
    }),
    route({
      method: 'POST', url: `${prefix}/auth/password-reset/confirm`, access: access.public, tags: [tag], status: 200, rateLimit: rl,
      summary: 'Set a new password with a reset token; signs out every session',
      body: Strict({ token: Type.String({ minLength: 10, maxLength: 200 }), password: Password }),
      handler: async ({ body, ctx }) => { await auth.resetPassword(ctx, body.token, body.password); return { reset: true }; },
    }),
  ];

  return [
    ...authRoutes('customer', '/store', 'store: account'),
    ...authRoutes('staff', '/admin', 'admin: auth'),
    route({
      method: 'POST', url: '/store/auth/register', access: access.public, tags: ['store: account'], rateLimit: rl,
      summary: 'Create a customer account and sign in',
      body: Strict({ email: Email, password: Password, firstName: Type.Optional(Type.String({ maxLength: 100 })), lastName: Type.Optional(Type.String({ maxLength: 100 })), acceptsMarketing: Type.Optional(Type.Boolean()) }),
      response: { 201: Type.Object({ customer: CustomerDto, tokens: TokenPair }) },
      handler: async ({ body, ctx, req }) => {
        const customer = await customers.register(ctx, body);
        return { customer, tokens: await auth.openSession(ctx.db, 'customer', customer.id, undefined, meta(req)) };
      },
    }),
    route({
      method: 'GET', url: '/store/account', access: access.customer, tags: ['store: account'], summary: 'My profile',
      response: { 200: CustomerDto },
      handler: async ({ ctx }) => customers.get(ctx, subjectId(ctx)),
    }),
    route({
      method: 'PATCH', url: '/store/account', access: access.customer, tags: ['store: account'], summary: 'Change my profile',
      body: Strict({ firstName: Type.Optional(Type.String({ maxLength: 100 })), lastName: Type.Optional(Type.String({ maxLength: 100 })), phone: Type.Optional(Nullable(Type.String({ maxLength: 40, pattern: '^[+0-9 ()\\-]{4,40}$' }))), acceptsMarketing: Type.Optional(Type.Boolean()) }, { minProperties: 1 }),
      response: { 200: CustomerDto },
      handler: async ({ body, ctx }) => customers.update(ctx, subjectId(ctx), body),
    }),
    route({
      method: 'POST', url: '/store/account/password', access: access.customer, tags: ['store: account'], status: 200, summary: 'Change my password (signs out my other sessions)',
      body: Strict({ currentPassword: Password, newPassword: Password }),
      handler: async ({ body, ctx }) => { await auth.changePassword(ctx, 'customer', subjectId(ctx), body.currentPassword, body.newPassword, sessionOf(ctx)); return { changed: true }; },
    }),
    route({
      method: 'GET', url: '/store/account/logins', access: access.customer, tags: ['store: account'], summary: 'My recent sign-ins',
      response: { 200: Type.Object({ items: Type.Array(LoginEventDto) }) },
      handler: async ({ ctx }) => ({ items: await auth.loginHistory(ctx.db, 'customer', subjectId(ctx)) }),
    }),
    route({
      method: 'GET', url: '/store/account/addresses', access: access.customer, tags: ['store: account'], summary: 'My addresses',
      response: { 200: Type.Object({ items: Type.Array(AddressDto) }) },
      handler: async ({ ctx }) => ({ items: await customers.addresses(ctx, subjectId(ctx)) }),
    }),
    route({
      method: 'POST', url: '/store/account/addresses', access: access.customer, tags: ['store: account'], summary: 'Add an address',
      body: AddressInput, response: { 201: AddressDto },
      handler: async ({ body, ctx }) => customers.addAddress(ctx, subjectId(ctx), body),
    }),
    route({
      method: 'PUT', url: '/store/account/addresses/:id', access: access.customer, tags: ['store: account'], summary: 'Replace an address',
      params: IdParam(), body: AddressInput, response: { 200: AddressDto },
      handler: async ({ params, body, ctx }) => customers.updateAddress(ctx, subjectId(ctx), params.id, body),
    }),
    route({
      method: 'DELETE', url: '/store/account/addresses/:id', access: access.customer, tags: ['store: account'], summary: 'Remove an address', status: 204,
      params: IdParam(),
      handler: async ({ params, ctx }) => { await customers.deleteAddress(ctx, subjectId(ctx), params.id); },
    }),

    // --- staff self-service ---
    route({
      method: 'GET', url: '/admin/auth/me', access: access.staff('self'), tags: ['admin: auth'], summary: 'Who am I, and what may I do',
      response: { 200: Type.Composite([StaffDto, Type.Object({ permissions: Type.Array(Type.String()) })]) },
      handler: async ({ ctx }) => ({ ...(await staff.get(ctx, subjectId(ctx))), permissions: ctx.actor.kind === 'staff' ? [...ctx.actor.permissions].sort() : [] }),
    }),
    route({
      method: 'POST', url: '/admin/auth/password', access: access.staff('self'), tags: ['admin: auth'], status: 200, summary: 'Change my password (signs out my other sessions)',
      body: Strict({ currentPassword: Password, newPassword: Password }),
      handler: async ({ body, ctx }) => { await auth.changePassword(ctx, 'staff', subjectId(ctx), body.currentPassword, body.newPassword, sessionOf(ctx)); return { changed: true }; },
    }),
    route({
      method: 'POST', url: '/admin/auth/mfa/setup', access: access.staff('self'), tags: ['admin: auth'], status: 200, summary: 'Start TOTP enrolment: returns the secret and an otpauth:// URI for a QR code',
      response: { 200: Type.Object({ secret: Type.String(), otpauthUri: Type.String() }) },
      handler: async ({ ctx }) => auth.mfaSetup(ctx, subjectId(ctx)),
    }),
    route({
      method: 'POST', url: '/admin/auth/mfa/enable', access: access.staff('self'), tags: ['admin: auth'], status: 200, summary: 'Confirm enrolment with a code; MFA is then required at sign-in',
      body: Strict({ code: Type.String({ pattern: '^[0-9]{6}$', maxLength: 6 }) }),
      handler: async ({ body, ctx }) => { await auth.mfaEnable(ctx, subjectId(ctx), body.code); return { mfaEnabled: true }; },
    }),
    route({
      method: 'POST', url: '/admin/auth/mfa/disable', access: access.staff('self'), tags: ['admin: auth'], status: 200, summary: 'Turn MFA off with a current code',
      body: Strict({ code: Type.String({ pattern: '^[0-9]{6}$', maxLength: 6 }) }),
      handler: async ({ body, ctx }) => { await auth.mfaDisable(ctx, subjectId(ctx), body.code); return { mfaEnabled: false }; },
    }),

    // --- staff management ---
    route({
      method: 'GET', url: '/admin/staff', access: access.staff('staff:manage'), tags: ['admin: staff'], summary: 'Staff users',
      response: { 200: Type.Object({ items: Type.Array(StaffDto) }) },
      handler: async ({ ctx }) => ({ items: await staff.list(ctx) }),
    }),
    route({
      method: 'POST', url: '/admin/staff', access: access.staff('staff:manage'), tags: ['admin: staff'], summary: 'Add a staff user',
      body: Strict({ email: Email, name: Type.String({ minLength: 1, maxLength: 100 }), role: RoleSchema, password: Password }),
      response: { 201: StaffDto },
      handler: async ({ body, ctx }) => staff.create(ctx, body as any),
    }),
    route({
      method: 'GET', url: '/admin/staff/:id', access: access.staff('staff:manage'), tags: ['admin: staff'], summary: 'One staff user',
      params: IdParam(), response: { 200: StaffDto },
      handler: async ({ params, ctx }) => staff.get(ctx, params.id),
    }),
    route({
      method: 'PATCH', url: '/admin/staff/:id', access: access.staff('staff:manage'), tags: ['admin: staff'], summary: 'Change a staff user\'s name, role or status',
      params: IdParam(),
      body: Strict({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), role: Type.Optional(RoleSchema), status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])) }, { minProperties: 1 }),
      response: { 200: StaffDto },
      handler: async ({ params, body, ctx }) => staff.update(ctx, params.id, body as any),
    }),
    route({
      method: 'GET', url: '/admin/staff/:id/logins', access: access.staff('staff:manage'), tags: ['admin: staff'], summary: 'A staff user\'s sign-in history',
      params: IdParam(), response: { 200: Type.Object({ items: Type.Array(LoginEventDto) }) },
      handler: async ({ params, ctx }) => { await staff.get(ctx, params.id); return { items: await auth.loginHistory(ctx.db, 'staff', params.id) }; },
    }),
    route({
      method: 'POST', url: '/admin/staff/:id/sessions/revoke', access: access.staff('staff:manage'), tags: ['admin: staff'], status: 200, summary: 'Sign a staff user out everywhere',
      params: IdParam(),
      handler: async ({ params, ctx }) => { await staff.get(ctx, params.id); return { revoked: await auth.revokeAll(ctx.db, 'staff', params.id) }; },
    }),
    route({
      method: 'GET', url: '/admin/settings/security', access: access.staff('settings:manage'), tags: ['admin: settings'], summary: 'Security settings',
      response: { 200: Type.Object({ requireStaffMfa: Type.Boolean() }) },
      handler: async ({ ctx }) => ({ requireStaffMfa: await auth.requireStaffMfa(ctx.db) }),
    }),
    route({
      method: 'PUT', url: '/admin/settings/security', access: access.staff('settings:manage'), tags: ['admin: settings'], summary: 'Require MFA for owners and admins',
      body: Strict({ requireStaffMfa: Type.Boolean() }),
      response: { 200: Type.Object({ requireStaffMfa: Type.Boolean() }) },
      handler: async ({ body, ctx }) => { await auth.setRequireStaffMfa(ctx, body.requireStaffMfa); return body; },
    }),

    // --- customers, for staff ---
    route({
      method: 'GET', url: '/admin/customers', access: access.staff('customers:read'), tags: ['admin: customers'], summary: 'Customers, newest first',
      query: Strict({ search: Type.Optional(Type.String({ maxLength: 100 })), limit: Limit(), cursor: Type.Optional(Cursor) }),
      response: { 200: Page(CustomerDto) },
      handler: async ({ query, ctx }) => customers.list(ctx, query),
    }),
    route({
      method: 'GET', url: '/admin/customers/:id', access: access.staff('customers:read'), tags: ['admin: customers'], summary: 'One customer with addresses',
      params: IdParam(), response: { 200: Type.Composite([CustomerDto, Type.Object({ addresses: Type.Array(AddressDto) })]) },
      handler: async ({ params, ctx }) => ({ ...(await customers.get(ctx, params.id)), addresses: await customers.addresses(ctx, params.id) }),
    }),
    route({
      method: 'PATCH', url: '/admin/customers/:id', access: access.staff('customers:write'), tags: ['admin: customers'], summary: 'Change a customer\'s profile or status',
      params: IdParam(),
      body: Strict({ firstName: Type.Optional(Type.String({ maxLength: 100 })), lastName: Type.Optional(Type.String({ maxLength: 100 })), phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))), acceptsMarketing: Type.Optional(Type.Boolean()), status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])) }, { minProperties: 1 }),
      response: { 200: CustomerDto },
      handler: async ({ params, body, ctx }) => {
        const updated = await customers.update(ctx, params.id, body as any);
        if (body.status === 'disabled') await auth.revokeAll(ctx.db, 'customer', params.id);
        return updated;
      },
    }),
  ];
}
