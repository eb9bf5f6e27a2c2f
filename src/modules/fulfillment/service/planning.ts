/** Location planning over the inventory front door: active locations, their coordinates and stock. */
import { validationError } from '../../../kernel/index.js';
import type { Ctx } from '../../../platform/index.js';
import type { InventoryService } from '../../inventory/index.js';
import { planShipment, type CandidateLocation, type Destination, type PlanLine, type ShipmentPlan } from '../domain/plan.js';

export async function planFromInventory(ctx: Ctx, inventory: InventoryService, input: { lines: PlanLine[]; destination: Destination }): Promise<ShipmentPlan> {
  const problems = input.lines.flatMap((l, i) => (Number.isInteger(l.quantity) && l.quantity > 0 ? [] : [{ field: `lines[${i}].quantity`, message: 'must be a whole number of at least 1' }]));
  if (!input.destination?.country) problems.push({ field: 'destination.country', message: 'is required' });
  if (problems.length) throw validationError('the shipment cannot be planned', problems);
  const ids = [...new Set(input.lines.map((l) => l.variantId))];
  const [stock, locations] = await Promise.all([inventory.availability(ctx, ids), inventory.listLocations(ctx)]);
  const byLocation = new Map<string, Map<string, number>>();
  for (const v of stock.values()) {
    for (const l of v.byLocation) {
      const m = byLocation.get(l.locationId) ?? new Map<string, number>();
      m.set(v.variantId, l.available);
      byLocation.set(l.locationId, m);
    }
  }
  const candidates: CandidateLocation[] = locations.filter((l) => l.active && byLocation.has(l.id)).map((l) => ({
    id: l.id, name: l.name, country: l.address.country, region: l.address.region, postalCode: l.address.postalCode,
    latitude: l.latitude, longitude: l.longitude, priority: l.priority, available: byLocation.get(l.id)!,
  }));
  return planShipment(input.lines, input.destination, candidates);
}
