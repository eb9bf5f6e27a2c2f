/**
 * Identity and access: staff users with roles, customer accounts, sessions and tokens, MFA,
 * lockout, login history. The front door of the module.
 */
import type { Actor, ModuleDeps, ModuleParts } from '../../platform/index.js';
import { identityMigrations } from './data/migrations.js';
import { identityRoutes } from './http/identity.routes.js';
import { AuthService } from './service/auth.service.js';
import { CustomersService } from './service/customers.service.js';
import { StaffService } from './service/staff.service.js';

export * from './contracts/events.js';
export type { CustomerDto, StaffDto, AddressDto } from './contracts/schemas.js';
export type { Tokens, SubjectKind, ClientMeta } from './service/auth.service.js';
export type { AuthService, CustomersService, StaffService };

export interface IdentityModule {
  parts: ModuleParts;
  service: {
    auth: AuthService;
    staff: StaffService;
    customers: CustomersService;
    authenticate(token: string): Promise<Actor>;
  };
}

export function createIdentityModule(deps: ModuleDeps): IdentityModule {
  const auth = new AuthService(deps.config, deps.authSecret, deps.mailer, deps.clock, deps.cache);
  const staff = new StaffService(auth);
  const customers = new CustomersService();
  return {
    parts: { name: 'identity', migrations: identityMigrations, routes: identityRoutes(auth, customers, staff, deps.config.rateLimitAuthMax) },
    service: { auth, staff, customers, authenticate: (token) => auth.authenticate(deps.database.db, token) },
  };
}
