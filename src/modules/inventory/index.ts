/** Inventory: stock locations, levels, adjustments, transfers, reservations. (Being built.) */
import type { ModuleDeps, ModuleParts } from '../../platform/index.js';
import type { InventoryService } from './contracts/service.js';

export type * from './contracts/service.js';

export interface InventoryModule { parts: ModuleParts; service: InventoryService }

export function createInventoryModule(_deps: ModuleDeps): InventoryModule {
  const notYet = () => { throw new Error('inventory module not built yet'); };
  return {
    parts: { name: 'inventory', migrations: [], routes: [] },
    service: { availability: async () => new Map(), reserve: notYet, release: notYet, commit: notYet },
  };
}
