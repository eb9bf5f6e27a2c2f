/**
 * Product import, wired like a module (routes, no tables of its own) but living in apps/ because
 * it spans the catalogue and inventory through their public services.
 */
import type { CatalogModule } from '../../modules/catalog/index.js';
import type { InventoryService } from '../../modules/inventory/index.js';
import type { ModuleDeps, ModuleParts } from '../../platform/index.js';
import { catalogPort } from './catalog-port.js';
import { importRoutes } from './import.routes.js';
import { ProductImportService } from './product-import.js';

export type { ProductImportReport, ImportOptions } from './product-import.js';
export { ProductImportService };

export interface ProductImport { parts: ModuleParts; service: ProductImportService }

export function createProductImport(deps: ModuleDeps, uses: { catalog: CatalogModule['service']; inventory: InventoryService }): ProductImport {
  const service = new ProductImportService(catalogPort(uses.catalog), uses.inventory);
  return { parts: { name: 'import', migrations: [], routes: importRoutes(service, deps.config.defaultCurrency) }, service };
}
