/**
 * Imports products from a CSV (Shopify's export or our simple format) through the catalogue and
 * inventory services: good products are created, each bad row is reported by its line, stock
 * quantities are set at a location. Called by `emporia import products` and by
 * `POST /admin/products/import`.
 */
import { AppError, isAppError, type ErrorDetail } from '../../kernel/index.js';
import { audit, type Ctx } from '../../platform/index.js';
import type { InventoryService } from '../../modules/inventory/index.js';
import type { CatalogPort } from './catalog-port.js';
import { parseProductsCsv, toHandle, type ProductDraft, type RowProblem } from './products-csv.js';

export interface ProductImportReport {
  format: 'shopify' | 'simple';
  dryRun: boolean;
  /** Data rows read (the header excluded). */
  rows: number;
  imported: { products: number; variants: number; stockLevels: number; categoriesCreated: number };
  products: { handle: string; id: string | null; line: number }[];
  /** Rows that were not imported, with the line and the reason. */
  problems: RowProblem[];
  warnings: RowProblem[];
}

export interface ImportOptions {
  currency: string;
  /** Location id or code for stock quantities (default: the first warehouse). */
  location?: string;
  /** Check everything the parser can and report, without writing. */
  dryRun?: boolean;
}

const BATCH = 100;

export class ProductImportService {
  constructor(private catalog: CatalogPort, private inventory: InventoryService) {}

  async importCsv(ctx: Ctx, text: string, opts: ImportOptions): Promise<ProductImportReport> {
    const parsed = parseProductsCsv(text, { currency: opts.currency });
    const report: ProductImportReport = {
      format: parsed.format, dryRun: !!opts.dryRun, rows: parsed.rows,
      imported: { products: 0, variants: 0, stockLevels: 0, categoriesCreated: 0 },
      products: [], problems: [...parsed.problems], warnings: [...parsed.warnings],
    };
    if (opts.dryRun || !parsed.drafts.length) {
      if (opts.dryRun) report.products = parsed.drafts.map((d) => ({ handle: d.handle, id: null, line: d.line }));
      return report;
    }
    const location = await this.stockLocation(ctx, opts.location, parsed.drafts, report);
    const categories = await this.categoryIds(ctx, parsed.drafts, report);
    const created: { draft: ProductDraft; variantIds: Map<string, string>; productId: string }[] = [];
    for (let i = 0; i < parsed.drafts.length; i += BATCH) {
      const batch = parsed.drafts.slice(i, i + BATCH);
      try {
        created.push(...(await this.create(ctx, batch, categories)));
      } catch (e) {
        if (!isAppError(e)) throw e;
        // Something in the batch was refused: create one by one to find out which product and row.
        for (const d of batch) {
          try { created.push(...(await this.create(ctx, [d], categories))); } catch (err) {
            if (!isAppError(err)) throw err;
            report.problems.push(...problemsFrom(err, d));
          }
        }
      }
    }
    const levels: { variantId: string; locationId: string; onHand: number }[] = [];
    for (const c of created) {
      report.products.push({ handle: c.draft.handle, id: c.productId, line: c.draft.line });
      report.imported.variants += c.draft.variants.length;
      if (!location) continue;
      c.draft.variants.forEach((v, j) => {
        const id = c.variantIds.get(String(j));
        if (id && v.quantity !== null) levels.push({ variantId: id, locationId: location, onHand: v.quantity });
      });
    }
    report.imported.products = created.length;
    if (levels.length) report.imported.stockLevels = (await this.inventory.seedLevels(ctx, levels)).levels;
    await audit(ctx, { action: 'product.imported', entityType: 'product', entityId: 'import', after: { format: report.format, products: created.length, problems: report.problems.length } });
    report.problems.sort((a, b) => a.line - b.line);
    return report;
  }

  private async create(ctx: Ctx, drafts: ProductDraft[], categories: Map<string, string>) {
    const inputs = drafts.map((d) => ({ ...d.input, ...(d.categoryName && categories.has(d.categoryName.toLowerCase()) ? { categoryIds: [categories.get(d.categoryName.toLowerCase())!] } : {}) }));
    const { productIds, variantIds } = await this.catalog.createProducts(ctx, inputs);
    return drafts.map((draft, i) => ({ draft, productId: productIds[i], variantIds: new Map(variantIds[i].map((id, j) => [String(j), id])) }));
  }

  /** Finds or creates a category for each product type named in the file. */
  private async categoryIds(ctx: Ctx, drafts: ProductDraft[], report: ProductImportReport): Promise<Map<string, string>> {
    const names = [...new Set(drafts.map((d) => d.categoryName).filter((n): n is string => !!n))];
    const out = new Map<string, string>();
    if (!names.length) return out;
    const existing = await this.catalog.listCategories(ctx);
    for (const name of names) {
      const key = name.toLowerCase();
      const found = existing.find((c) => c.name.toLowerCase() === key || c.handle === toHandle(name));
      if (found) { out.set(key, found.id); continue; }
      try {
        out.set(key, await this.catalog.createCategory(ctx, { name: name.slice(0, 120) }));
        report.imported.categoriesCreated++;
      } catch (e) {
        if (!isAppError(e)) throw e;
        const line = drafts.find((d) => d.categoryName === name)!.line;
        report.warnings.push({ line, handle: null, column: 'Type', message: `category '${name}' could not be created (${e.message}); products stay uncategorised` });
      }
    }
    return out;
  }

  private async stockLocation(ctx: Ctx, wanted: string | undefined, drafts: ProductDraft[], report: ProductImportReport): Promise<string | null> {
    const needs = drafts.some((d) => d.variants.some((v) => v.quantity !== null));
    if (!needs && !wanted) return null;
    const locations = await this.inventory.listLocations(ctx);
    if (wanted) {
      const loc = locations.find((l) => l.id === wanted || l.code === wanted);
      if (!loc) throw new AppError('import.unknown_location', `no stock location with id or code '${wanted}'`, 400, [{ field: 'location', message: 'is not a location id or code' }]);
      return loc.id;
    }
    const loc = locations.find((l) => l.kind === 'warehouse') ?? locations[0];
    if (!loc && needs) report.warnings.push({ line: 1, handle: null, column: 'Variant Inventory Qty', message: 'no stock location exists yet, so quantities were not imported; create a location first' });
    return loc?.id ?? null;
  }
}

/** Maps a catalogue error for one product back to the CSV rows it came from. */
function problemsFrom(err: { code: string; message: string; details: unknown }, d: ProductDraft): RowProblem[] {
  const details: ErrorDetail[] = Array.isArray(err.details) ? err.details : err.details && typeof err.details === 'object' && 'field' in (err.details as object) ? [{ ...(err.details as any), message: err.message }] : [];
  const lineOf = (field?: string) => {
    const m = field ? /variants\[(\d+)\]/.exec(field) : null;
    return m && d.variants[Number(m[1])] ? d.variants[Number(m[1])].line : d.line;
  };
  const column = (field?: string) => {
    if (!field) return undefined;
    if (/\.sku$/.test(field)) return 'Variant SKU';
    if (/\.barcode$/.test(field)) return 'Variant Barcode';
    if (/\.handle$/.test(field)) return 'Handle';
    if (/\.images/.test(field)) return 'Image Src';
    if (/\.prices/.test(field)) return 'Variant Price';
    if (/\.options/.test(field)) return 'Option1 Value';
    return undefined;
  };
  const out: RowProblem[] = (details.length ? details : [{ message: err.message }]).map((x) => ({
    line: lineOf(x.field), handle: d.handle, column: column(x.field), message: x.message === err.message || !x.field ? err.message : `${x.message} (${err.message})`,
  }));
  if (!out.some((p) => p.line === d.line)) out.push({ line: d.line, handle: d.handle, message: `product '${d.handle}' was not imported` });
  return out;
}
