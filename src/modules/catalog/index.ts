/** Catalog: products, variants, prices, categories, collections, search. (Being built.) */
import type { ModuleDeps, ModuleParts } from '../../platform/index.js';
import type { InventoryService } from '../inventory/index.js';

export interface CatalogModule { parts: ModuleParts; service: Record<string, never> }

export function createCatalogModule(_deps: ModuleDeps, _uses: { inventory: InventoryService }): CatalogModule {
  return { parts: { name: 'catalog', migrations: [], routes: [] }, service: {} };
}
