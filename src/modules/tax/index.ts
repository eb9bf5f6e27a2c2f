/**
 * Tax: tax classes (standard, reduced, zero… products refer to one by id), rates per country,
 * region and postal prefix, and the store setting of whether shelf prices include tax. Its own
 * module rather than part of a pricing module: rates follow the destination and the law, not the
 * merchant's price lists, and they change on a different schedule. The front door of the module.
 */
import type { ModuleDeps, ModuleParts } from '../../platform/index.js';
import type { TaxService } from './contracts/service.js';
import { taxMigrations } from './data/migrations.js';
import { taxRoutes } from './http/tax.routes.js';
import { TaxServiceImpl } from './service/tax.service.js';

export type * from './contracts/service.js';
export * from './contracts/events.js';

export interface TaxModule { parts: ModuleParts; service: TaxService }

export function createTaxModule(_deps: ModuleDeps): TaxModule {
  const service = new TaxServiceImpl();
  return { parts: { name: 'tax', migrations: taxMigrations, routes: taxRoutes(service) }, service };
}
