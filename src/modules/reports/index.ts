/**
 * Reports: the merchant's figures (revenue, orders, average order value, conversion, top products,
 * low stock) over a range compared with the period before, and sales series for charts. Reads
 * other modules only through their front doors; owns no tables. The front door of the module.
 */
import type { ModuleDeps, ModuleParts } from '../../platform/index.js';
import { reportsRoutes } from './http/reports.routes.js';
import { ReportsService, type ReportsUses } from './service/reports.service.js';

export type { DashboardDto, SalesReportDto } from './contracts/schemas.js';
export type { ReportsService, ReportQuery } from './service/reports.service.js';

export interface ReportsModule { parts: ModuleParts; service: ReportsService }

export function createReportsModule(deps: ModuleDeps, uses: ReportsUses): ReportsModule {
  const service = new ReportsService(uses, deps.config.defaultCurrency);
  return { parts: { name: 'reports', migrations: [], routes: reportsRoutes(service) }, service };
}
