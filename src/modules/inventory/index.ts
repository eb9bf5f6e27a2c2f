/**
 * Inventory: stock locations, levels per variant and location, adjustments as a ledger of
 * movements, transfers, reservations with expiry, and low-stock and level-change events.
 * The database refuses to oversell (CHECK constraints plus conditional updates) on SQLite and
 * PostgreSQL alike. The front door of the module.
 */
import type { ModuleDeps, ModuleParts } from '../../platform/index.js';
import type { InventoryService } from './contracts/service.js';
import { LevelsRepo } from './data/levels.repo.js';
import { inventoryMigrations } from './data/migrations.js';
import { inventoryRoutes } from './http/inventory.routes.js';
import { inventoryService } from './service/inventory.service.js';
import { LocationsService } from './service/locations.service.js';
import { ReservationsService } from './service/reservations.service.js';
import { StockService } from './service/stock.service.js';
import { TransfersService } from './service/transfers.service.js';

export type * from './contracts/service.js';
export { ADJUSTMENT_REASONS } from './contracts/service.js';
export * from './contracts/events.js';

export interface InventoryModule { parts: ModuleParts; service: InventoryService }

/** The job that releases expired reservations, and how often the schedule enqueues it. */
export const EXPIRE_RESERVATIONS_JOB = 'inventory.expire_reservations';
const EXPIRE_EVERY_SECONDS = 30;

export function createInventoryModule(deps: ModuleDeps): InventoryModule {
  const shared = { config: deps.config, dialect: deps.database.dialect, levels: new LevelsRepo(deps.database.dialect) };
  const locations = new LocationsService();
  const stock = new StockService(shared, locations);
  const transfers = new TransfersService(shared, locations);
  const reservations = new ReservationsService(shared, locations);
  const service = inventoryService(locations, stock, transfers, reservations);
  return {
    parts: {
      name: 'inventory',
      migrations: inventoryMigrations,
      routes: inventoryRoutes(service),
      jobs: [{
        name: EXPIRE_RESERVATIONS_JOB,
        handle: async (ctx) => {
          // Drain everything due in one run; each batch commits with the job's delivery.
          while ((await service.expireDue(ctx, 500)) === 500) { /* more are due */ }
        },
      }],
      schedules: [{ name: EXPIRE_RESERVATIONS_JOB, everySeconds: EXPIRE_EVERY_SECONDS, job: EXPIRE_RESERVATIONS_JOB }],
    },
    service,
  };
}
