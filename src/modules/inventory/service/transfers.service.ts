/**
 * Transfers between locations. Stock leaves the source and reaches the destination in one
 * transaction; with `inTransit` it leaves now, shows as `incoming` at the destination, and lands
 * on hand when the transfer is received (or goes back to the source when it is cancelled).
 */
import { conflict, fail, newId, notFound, ok, validationError, type Result } from '../../../kernel/index.js';
import { actorRef, audit, decodeCursor, encodeCursor, inTransaction, withDb, type Ctx } from '../../../platform/index.js';
import type { MovementReason, Page, Shortage, StockError, Transfer, TransferInput, TransferStatus } from '../contracts/service.js';
import type { LevelRow } from '../data/levels.repo.js';
import { nextTransferStatus, type TransferAction } from '../domain/transfer-process.js';
import { mergeLines } from '../domain/stock.js';
import type { LocationsService } from './locations.service.js';
import { announce, atomically, insufficient, type InventoryDeps } from './support.js';

const toTransfer = (r: any, lines: any[]): Transfer => ({
  id: r.id, fromLocationId: r.from_location_id, toLocationId: r.to_location_id, status: r.status, note: r.note ?? null,
  lines: lines.map((l) => ({ variantId: l.variant_id, quantity: Number(l.quantity) })),
  createdAt: r.created_at, receivedAt: r.received_at ?? null, cancelledAt: r.cancelled_at ?? null,
});

export class TransfersService {
  constructor(private deps: InventoryDeps, private locations: LocationsService) {}

  async create(ctx: Ctx, input: TransferInput): Promise<Result<Transfer, StockError>> {
    if (input.fromLocationId === input.toLocationId) {
      throw validationError('body.toLocationId must differ from body.fromLocationId', [{ field: 'body.toLocationId', message: 'must differ from fromLocationId' }]);
    }
    const lines = mergeLines(input.lines).map(({ variantId, quantity }) => ({ variantId, quantity }));
    return atomically(ctx, async (t) => {
      await this.locations.requireActive(t, input.fromLocationId, 'body.fromLocationId');
      await this.locations.requireActive(t, input.toLocationId, 'body.toLocationId');
      const now = ctx.clock.now().toISOString();
      const id = newId('trf');
      const shortages: Shortage[] = [];
      for (const line of lines) {
        const before = await this.deps.levels.get(t.db, line.variantId, input.fromLocationId);
        const row = before && await this.deps.levels.changeOnHand(t.db, line.variantId, input.fromLocationId, -line.quantity, now);
        if (!row) {
          shortages.push({ variantId: line.variantId, locationId: input.fromLocationId, requested: line.quantity, available: before ? before.on_hand - before.reserved : 0 });
          continue;
        }
        await this.move(t, row, -line.quantity, 'transfer_out', id, row.on_hand + line.quantity - row.reserved, now);
      }
      if (shortages.length) return fail(insufficient(shortages));
      for (const line of lines) {
        await this.deps.levels.ensure(t.db, line.variantId, input.toLocationId, now);
        if (input.inTransit) await this.deps.levels.changeIncoming(t.db, line.variantId, input.toLocationId, line.quantity, now);
        else await this.arrive(t, line.variantId, input.toLocationId, line.quantity, 'transfer_in', id, now);
      }
      const row = {
        id, from_location_id: input.fromLocationId, to_location_id: input.toLocationId, status: input.inTransit ? 'in_transit' : 'received',
        note: input.note ?? null, created_at: now, received_at: input.inTransit ? null : now, cancelled_at: null,
      };
      await t.db.insertInto('inventory_transfers').values(row).execute();
      await t.db.insertInto('inventory_transfer_lines').values(lines.map((l) => ({ transfer_id: id, variant_id: l.variantId, quantity: l.quantity }))).execute();
      const transfer = toTransfer(row, lines.map((l) => ({ variant_id: l.variantId, quantity: l.quantity })));
      await audit(t, { action: 'inventory.transfer_created', entityType: 'inventory_transfer', entityId: id, after: transfer });
      return ok(transfer);
    });
  }

  /** Lands an in-transit transfer on hand at its destination. */
  async receive(ctx: Ctx, id: string): Promise<Transfer> {
    return this.finish(ctx, id, 'receive');
  }

  /** Sends an in-transit transfer's stock back on hand at its source. */
  async cancel(ctx: Ctx, id: string): Promise<Transfer> {
    return this.finish(ctx, id, 'cancel');
  }

  async get(ctx: Ctx, id: string): Promise<Transfer> {
    const r = await ctx.db.selectFrom('inventory_transfers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('inventory.transfer_not_found', 'transfer', id);
    const lines = await ctx.db.selectFrom('inventory_transfer_lines').selectAll().where('transfer_id', '=', id).orderBy('variant_id').execute();
    return toTransfer(r, lines);
  }

  async list(ctx: Ctx, q: { status?: TransferStatus; limit: number; cursor?: string }): Promise<Page<Transfer>> {
    const after = decodeCursor<{ id: string }>(q.cursor);
    const rows = await ctx.db.selectFrom('inventory_transfers').selectAll()
      .$if(!!q.status, (b) => b.where('status', '=', q.status!))
      .$if(!!after, (b) => b.where('id', '<', after!.id))
      .orderBy('id', 'desc').limit(q.limit + 1).execute();
    const page = rows.slice(0, q.limit);
    const lines = page.length ? await ctx.db.selectFrom('inventory_transfer_lines').selectAll().where('transfer_id', 'in', page.map((r: any) => r.id)).orderBy('variant_id').execute() : [];
    const items = page.map((r: any) => toTransfer(r, lines.filter((l: any) => l.transfer_id === r.id)));
    return { items, nextCursor: rows.length > q.limit ? encodeCursor({ id: items[items.length - 1].id }) : null };
  }

  private async finish(ctx: Ctx, id: string, action: TransferAction): Promise<Transfer> {
    return inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.get(t, id);
      const next = nextTransferStatus(before.status, action);
      if (!next) throw conflict('inventory.transfer_not_in_transit', `transfer '${id}' is ${before.status}; it can no longer be ${action === 'receive' ? 'received' : 'cancelled'}`, { id, status: before.status });
      const now = ctx.clock.now().toISOString();
      // The status guard makes a racing second receive or cancel a no-op instead of a double move.
      const res = await tx.updateTable('inventory_transfers').set({ status: next, ...(action === 'receive' ? { received_at: now } : { cancelled_at: now }) })
        .where('id', '=', id).where('status', '=', before.status).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('inventory.transfer_not_in_transit', `transfer '${id}' changed meanwhile; reload it`, { id });
      for (const line of before.lines) {
        const incoming = await this.deps.levels.changeIncoming(tx, line.variantId, before.toLocationId, -line.quantity, now);
        if (!incoming) throw new Error(`transfer ${id}: incoming at ${before.toLocationId} is below ${line.quantity} for ${line.variantId}`);
        if (action === 'receive') await this.arrive(t, line.variantId, before.toLocationId, line.quantity, 'transfer_in', id, now);
        else {
          await this.deps.levels.ensure(tx, line.variantId, before.fromLocationId, now);
          await this.arrive(t, line.variantId, before.fromLocationId, line.quantity, 'transfer_cancelled', id, now);
        }
      }
      const after = await this.get(t, id);
      await audit(t, { action: action === 'receive' ? 'inventory.transfer_received' : 'inventory.transfer_cancelled', entityType: 'inventory_transfer', entityId: id, before, after });
      return after;
    });
  }

  private async arrive(t: Ctx, variantId: string, locationId: string, qty: number, reason: MovementReason, ref: string, now: string): Promise<void> {
    const row = await this.deps.levels.changeOnHand(t.db, variantId, locationId, qty, now);
    if (!row) throw new Error(`level ${variantId}@${locationId} is missing`);
    await this.move(t, row, qty, reason, ref, row.on_hand - qty - row.reserved, now);
  }

  private async move(t: Ctx, row: LevelRow, delta: number, reason: MovementReason, ref: string, availableBefore: number, now: string): Promise<void> {
    await this.deps.levels.addMovement(t.db, {
      variant_id: row.variant_id, location_id: row.location_id, delta, on_hand_after: row.on_hand, reason, reference: ref, note: null, actor: actorRef(t.actor), created_at: now,
    });
    await announce(t, this.deps, row, availableBefore, reason);
  }
}
