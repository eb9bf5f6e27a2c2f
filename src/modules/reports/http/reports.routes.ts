/** Report routes for the admin: the dashboard and the sales series. Thin: parse, call the service. */
import { Type } from '@sinclair/typebox';
import { access, route, Strict, type AnyRoute } from '../../../platform/index.js';
import { DashboardDto, SalesReportDto } from '../contracts/schemas.js';
import type { ReportsService } from '../service/reports.service.js';

const Day = Type.String({ maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'UTC date YYYY-MM-DD (inclusive)' });
const ReportQuery = Strict({
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  bucket: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week')], { description: 'default: day up to 92 days, week beyond' })),
  currency: Type.Optional(Type.String({ minLength: 3, maxLength: 3, pattern: '^[A-Za-z]{3}$', description: 'default: the store currency' })),
});
const about = 'The range is whole UTC days, `from` and `to` included (default: the 30 days ending today, at most 1100 days); '
  + 'the comparison is the period of the same length just before it. Money is in minor units of `currency`; orders in other currencies are left out.';

export function reportsRoutes(reports: ReportsService): AnyRoute[] {
  return [
    route({
      method: 'GET', url: '/admin/reports/dashboard', access: access.staff('reports:read'), tags: ['admin: reports'],
      summary: 'Dashboard figures with the previous period for comparison, the sales series, top products and low stock',
      description: `${about} Revenue = gross sales − refunds; average order value = gross sales ÷ orders; conversion = checkout orders ÷ carts started (null without carts).`,
      query: ReportQuery, response: { 200: DashboardDto },
      handler: async ({ query, ctx }) => reports.dashboard(ctx, query),
    }),
    route({
      method: 'GET', url: '/admin/reports/sales', access: access.staff('reports:read'), tags: ['admin: reports'],
      summary: 'Revenue and orders per day or week, with the previous period', description: about,
      query: ReportQuery, response: { 200: SalesReportDto },
      handler: async ({ query, ctx }) => reports.sales(ctx, query),
    }),
  ];
}
