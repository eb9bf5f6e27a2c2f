/**
 * Reservations: stock held for a cart or checkout until it is committed (sold), released or
 * expires. Taking stock is a conditional UPDATE per level, so racing reservations can never both
 * take the last unit; a reservation of several lines is all or nothing.
 */
import { AppError, conflict, fail, newId, notFound, ok, type Result } from '../../../kernel/index.js';
import { actorRef, audit, emit, inTransaction, withDb, type Ctx } from '../../../platform/index.js';
import { InventoryReservationExpired } from '../contracts/events.js';
import type { Reservation, ReservationDetail, ReservationLine, ReserveError, Shortage } from '../contracts/service.js';
import type { LevelRow } from '../data/levels.repo.js';
import { mergeLines, planAllocation } from '../domain/stock.js';
import type { LocationsService } from './locations.service.js';
import { announce, atomically, insufficient, type InventoryDeps } from './support.js';

// Each failed conditional update means another writer just took stock; re-reading converges fast.
const MAX_ROUNDS = 8;

const toDetail = (r: any, lines: any[]): ReservationDetail => ({
  id: r.id, reference: r.reference, status: r.status, expiresAt: r.expires_at, createdAt: r.created_at, updatedAt: r.updated_at,
  lines: lines.map((l) => ({ variantId: l.variant_id, locationId: l.location_id, quantity: Number(l.quantity) })),
});

export class ReservationsService {
  constructor(private deps: InventoryDeps, private locations: LocationsService) {}

  async reserve(ctx: Ctx, input: { reference: string; lines: ReservationLine[]; ttlSeconds?: number }): Promise<Result<Reservation, ReserveError>> {
    if (!input.lines.length) throw new AppError('validation.failed', 'lines must not be empty', 400, [{ field: 'body.lines', message: 'must not be empty' }]);
    input.lines.forEach((l, i) => {
      if (!Number.isSafeInteger(l.quantity) || l.quantity < 1) throw new AppError('validation.failed', `lines[${i}].quantity must be a whole number ≥ 1`, 400, [{ field: `body.lines[${i}].quantity`, message: 'must be a whole number ≥ 1' }]);
    });
    const lines = mergeLines(input.lines);
    const ttl = input.ttlSeconds ?? this.deps.config.reservationTtl;
    return atomically(ctx, async (t) => {
      const now = ctx.clock.now();
      const at = now.toISOString();
      for (const locationId of new Set(lines.flatMap((l) => (l.locationId ? [l.locationId] : [])))) {
        await this.locations.requireActive(t, locationId, 'body.lines[].locationId');
      }
      const taken = new Map<string, { variantId: string; locationId: string; quantity: number }>();
      const shortages: Shortage[] = [];
      for (const line of lines) {
        const shortage = await this.take(t, line, at, (locationId, quantity) => {
          const key = `${line.variantId}\u0000${locationId}`;
          const have = taken.get(key);
          if (have) have.quantity += quantity;
          else taken.set(key, { variantId: line.variantId, locationId, quantity });
        });
        if (shortage) shortages.push(shortage);
      }
      if (shortages.length) return fail(insufficient(shortages));
      const id = newId('res');
      const row = { id, reference: input.reference, status: 'active', expires_at: new Date(now.getTime() + ttl * 1000).toISOString(), created_at: at, updated_at: at };
      const held = [...taken.values()];
      await t.db.insertInto('inventory_reservations').values(row).execute();
      await t.db.insertInto('inventory_reservation_lines').values(held.map((l) => ({ reservation_id: id, variant_id: l.variantId, location_id: l.locationId, quantity: l.quantity }))).execute();
      const reservation: Reservation = { id, reference: input.reference, expiresAt: row.expires_at, lines: held };
      await audit(t, { action: 'inventory.reserved', entityType: 'inventory_reservation', entityId: id, after: { ...reservation, status: 'active' } });
      return ok(reservation);
    });
  }

  /**
   * Reserves one line, from its location or from the best locations for it, reporting each
   * part taken through `took`. Returns the shortage when the stock is not there.
   */
  private async take(t: Ctx, line: ReservationLine, at: string, took: (locationId: string, qty: number) => void): Promise<Shortage | undefined> {
    const { levels } = this.deps;
    if (line.locationId) {
      const row = await levels.reserve(t.db, line.variantId, line.locationId, line.quantity, at);
      if (row) {
        took(line.locationId, line.quantity);
        await announce(t, this.deps, row, row.on_hand - row.reserved + line.quantity, 'reserved');
        return undefined;
      }
      const now = await levels.get(t.db, line.variantId, line.locationId);
      return { variantId: line.variantId, locationId: line.locationId, requested: line.quantity, available: now ? Math.max(0, now.on_hand - now.reserved) : 0 };
    }
    let left = line.quantity;
    let got = 0;
    for (let round = 0; round < MAX_ROUNDS && left > 0; round++) {
      const candidates = (await levels.candidates(t.db, line.variantId)).map((c) => ({ locationId: c.location_id, available: c.on_hand - c.reserved, priority: c.priority }));
      const plan = planAllocation(candidates, left);
      if (!plan) {
        return { variantId: line.variantId, requested: line.quantity, available: got + candidates.reduce((s, c) => s + Math.max(0, c.available), 0) };
      }
      for (const part of plan) {
        const row = await levels.reserve(t.db, line.variantId, part.locationId, part.quantity, at);
        if (!row) break; // someone took it first: plan again from fresh numbers
        took(part.locationId, part.quantity);
        await announce(t, this.deps, row, row.on_hand - row.reserved + part.quantity, 'reserved');
        left -= part.quantity;
        got += part.quantity;
      }
    }
    return left > 0 ? { variantId: line.variantId, requested: line.quantity, available: got } : undefined;
  }

  async get(ctx: Ctx, id: string): Promise<ReservationDetail> {
    const r = await ctx.db.selectFrom('inventory_reservations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('inventory.reservation_not_found', 'reservation', id);
    const lines = await ctx.db.selectFrom('inventory_reservation_lines').selectAll().where('reservation_id', '=', id).orderBy('variant_id').orderBy('location_id').execute();
    return toDetail(r, lines);
  }

  /** Gives the stock back; releasing twice (or after expiry) is a no-op, releasing a sale is refused. */
  async release(ctx: Ctx, id: string): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.get(t, id);
      if (before.status === 'committed') throw conflict('inventory.reservation_committed', `reservation '${id}' was already committed; return the goods instead`, { id });
      if (before.status !== 'active') return;
      if (!(await this.end(t, before, 'released'))) {
        // A commit won the race: the stock is sold, so there is nothing to give back.
        if ((await this.get(t, id)).status === 'committed') throw conflict('inventory.reservation_committed', `reservation '${id}' was already committed; return the goods instead`, { id });
        return;
      }
      await audit(t, { action: 'inventory.reservation_released', entityType: 'inventory_reservation', entityId: id, before, after: await this.get(t, id) });
    });
  }

  /** Turns held stock into a sale: on hand and reserved both go down. Committing twice is a no-op. */
  async commit(ctx: Ctx, id: string): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.get(t, id);
      if (before.status === 'committed') return;
      if (before.status !== 'active') throw conflict('inventory.reservation_not_active', `reservation '${id}' is ${before.status}; reserve again`, { id, status: before.status });
      const now = ctx.clock.now().toISOString();
      if (!(await this.claim(t, id, 'committed', now))) return this.commit(t, id);
      for (const line of before.lines) {
        const row = await this.deps.levels.sell(tx, line.variantId, line.locationId, line.quantity, now);
        if (!row) throw new Error(`reservation ${id}: ${line.variantId}@${line.locationId} holds fewer than ${line.quantity} reserved units`);
        await this.deps.levels.addMovement(tx, {
          variant_id: line.variantId, location_id: line.locationId, delta: -line.quantity, on_hand_after: row.on_hand, reason: 'sold',
          reference: before.reference, note: `reservation ${id}`, actor: actorRef(ctx.actor), created_at: now,
        });
        await announce(t, this.deps, row, row.on_hand - row.reserved, 'sold');
      }
      await audit(t, { action: 'inventory.reservation_committed', entityType: 'inventory_reservation', entityId: id, before, after: await this.get(t, id) });
    });
  }

  /** Releases active reservations whose time is up, oldest first; the scheduled job calls this. */
  async expireDue(ctx: Ctx, limit = 500): Promise<number> {
    const now = ctx.clock.now().toISOString();
    const due = await ctx.db.selectFrom('inventory_reservations').select('id').where('status', '=', 'active').where('expires_at', '<=', now)
      .orderBy('expires_at').limit(limit).execute();
    let expired = 0;
    for (const { id } of due) {
      await inTransaction(ctx.db, async (tx) => {
        const t = withDb(ctx, tx);
        const r = await this.get(t, id);
        if (r.status !== 'active' || r.expiresAt > now) return;
        if (!(await this.end(t, r, 'expired'))) return;
        await emit(t, InventoryReservationExpired, id, { reservationId: id, reference: r.reference });
        expired++;
      });
    }
    return expired;
  }

  /** Moves an active reservation to a final status; false when another writer got there first. */
  private async claim(t: Ctx, id: string, status: 'committed' | 'released' | 'expired', now: string): Promise<boolean> {
    const res = await t.db.updateTable('inventory_reservations').set({ status, updated_at: now }).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  private async end(t: Ctx, r: ReservationDetail, status: 'released' | 'expired'): Promise<boolean> {
    const now = t.clock.now().toISOString();
    if (!(await this.claim(t, r.id, status, now))) return false;
    for (const line of r.lines) {
      const row: LevelRow | undefined = await this.deps.levels.unreserve(t.db, line.variantId, line.locationId, line.quantity, now);
      if (!row) throw new Error(`reservation ${r.id}: ${line.variantId}@${line.locationId} holds fewer than ${line.quantity} reserved units`);
      await announce(t, this.deps, row, row.on_hand - row.reserved - line.quantity, status);
    }
    return true;
  }
}
