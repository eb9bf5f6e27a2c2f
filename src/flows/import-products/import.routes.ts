/** `POST /admin/products/import`: a product CSV in the body (text/csv), a per-row report out. */
import { Type } from '@sinclair/typebox';
import { AppError } from '../../kernel/index.js';
import { access, route, Strict, type AnyRoute } from '../../platform/index.js';
import type { ProductImportService } from './product-import.js';

const Problem = Type.Object({ line: Type.Integer(), handle: Type.Union([Type.String(), Type.Null()]), column: Type.Optional(Type.String()), message: Type.String() });

export function importRoutes(service: ProductImportService, defaultCurrency: string): AnyRoute[] {
  return [
    route({
      method: 'POST', url: '/admin/products/import', access: access.staff('catalog:write'), tags: ['admin: catalog'], status: 200, rawBody: true,
      summary: 'Import products from a CSV (Shopify product export or the simple format); good rows are imported, bad rows reported by line',
      query: Strict({
        location: Type.Optional(Type.String({ maxLength: 120, description: 'location id or code for stock quantities (default: the first warehouse)' })),
        currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', maxLength: 3, description: 'currency of the prices in the file (default: the store currency)' })),
        dryRun: Type.Optional(Type.Boolean({ description: 'check and report without writing' })),
      }),
      response: {
        200: Type.Object({
          format: Type.String(), dryRun: Type.Boolean(), rows: Type.Integer(),
          imported: Type.Object({ products: Type.Integer(), variants: Type.Integer(), stockLevels: Type.Integer(), categoriesCreated: Type.Integer() }),
          products: Type.Array(Type.Object({ handle: Type.String(), id: Type.Union([Type.String(), Type.Null()]), line: Type.Integer() })),
          problems: Type.Array(Problem), warnings: Type.Array(Problem),
        }),
      },
      handler: async ({ body, query, ctx }) => {
        const text: unknown = body;
        if (typeof text !== 'string') throw new AppError('import.expected_csv', 'send the CSV as the request body with Content-Type: text/csv', 415);
        if (!text.trim()) throw new AppError('import.empty_file', 'the CSV is empty', 400, [{ field: 'body', message: 'is empty' }]);
        return service.importCsv(ctx, text, { currency: query.currency ?? defaultCurrency, location: query.location, dryRun: query.dryRun });
      },
    }),
  ];
}
