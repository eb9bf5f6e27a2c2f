/** The module's one public service: a facade over locations, stock, transfers and reservations. */
import type { Ctx } from '../../../platform/index.js';
import type { InventoryService } from '../contracts/service.js';
import type { LocationsService } from './locations.service.js';
import type { ReservationsService } from './reservations.service.js';
import type { StockService } from './stock.service.js';
import type { TransfersService } from './transfers.service.js';

export function inventoryService(locations: LocationsService, stock: StockService, transfers: TransfersService, reservations: ReservationsService): InventoryService {
  return {
    availability: (ctx, variantIds) => stock.availability(ctx, variantIds),
    reserve: (ctx, input) => reservations.reserve(ctx, input),
    release: (ctx, id) => reservations.release(ctx, id),
    commit: (ctx, id) => reservations.commit(ctx, id),
    getReservation: (ctx, id) => reservations.get(ctx, id),
    expireDue: (ctx: Ctx, limit?: number) => reservations.expireDue(ctx, limit),
    createLocation: (ctx, input) => locations.create(ctx, input),
    listLocations: (ctx, q) => locations.list(ctx, q),
    getLocation: (ctx, id) => locations.get(ctx, id),
    updateLocation: (ctx, id, patch) => locations.update(ctx, id, patch),
    archiveLocation: (ctx, id) => locations.archive(ctx, id),
    listLevels: (ctx, q) => stock.listLevels(ctx, q),
    setReorderPoint: (ctx, v, l, rp) => stock.setReorderPoint(ctx, v, l, rp),
    adjust: (ctx, input) => stock.adjust(ctx, input),
    listMovements: (ctx, q) => stock.listMovements(ctx, q),
    transfer: (ctx, input) => transfers.create(ctx, input),
    receiveTransfer: (ctx, id) => transfers.receive(ctx, id),
    cancelTransfer: (ctx, id) => transfers.cancel(ctx, id),
    getTransfer: (ctx, id) => transfers.get(ctx, id),
    listTransfers: (ctx, q) => transfers.list(ctx, q),
    seedLevels: (ctx, rows) => stock.seedLevels(ctx, rows),
  };
}
