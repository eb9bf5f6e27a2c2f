/**
 * The store credit ledger. Every movement is a conditional update of the account (the CHECK
 * keeps balance ≥ held ≥ 0) and an entry with its own idempotency key, in one transaction with
 * its event: issuing is called by other modules in their transaction; holding, redeeming,
 * releasing and refunding are the `store_credit` payment provider's four calls.
 */
import { AppError, newId } from '../../../kernel/index.js';
import { actorRef, emit, inTransaction, isUniqueViolation, withDb, type Ctx, type Db } from '../../../platform/index.js';
import { creditHolderKey, type CreditHolder, type IssueCreditInput, type StoreCreditBalance, type StoreCreditEntryDto, type StoreCreditEntryKind } from '../contracts/store-credit.js';
import { StoreCreditIssued, StoreCreditRedeemed } from '../contracts/store-credit-events.js';

interface AccountRow { id: string; holder: string; customer_id: string | null; email: string | null; currency: string; balance: number; held: number }

const toEntry = (r: any): StoreCreditEntryDto => ({
  id: r.id, kind: r.kind, amount: Number(r.amount), balanceAfter: Number(r.balance_after), reference: r.reference ?? null, reason: r.reason ?? null, createdAt: r.created_at,
});

export type Movement = { ok: true; entry: StoreCreditEntryDto } | { ok: false; reason: 'insufficient_credit' | 'unknown_hold' };

export class StoreCreditLedger {
  /** Gives credit to a holder; idempotent by key. Joins the caller's transaction. */
  async issue(ctx: Ctx, input: IssueCreditInput): Promise<StoreCreditEntryDto> {
    if (!Number.isSafeInteger(input.amount) || input.amount < 1) throw new AppError('validation.failed', 'store credit must be a whole number of minor units ≥ 1', 400, [{ field: 'amount', message: 'must be ≥ 1' }]);
    return inTransaction(ctx.db, async (tx) => {
      const c = withDb(ctx, tx);
      const account = await this.account(tx, input, input.currency, c.clock.now().toISOString());
      const r = await this.move(c, account, 'issue', input.amount, 0, input.amount, `issue:${input.idempotencyKey}`, input.reference, input.reason);
      if (!r.ok) throw new Error('issuing store credit cannot fail');
      if (r.fresh) {
        await emit(c, StoreCreditIssued, account.id, {
          accountId: account.id, holder: account.holder, customerId: account.customer_id, currency: account.currency, amount: input.amount,
          balance: r.entry.balanceAfter, reason: input.reason, reference: input.reference,
        });
      }
      return r.entry;
    });
  }

  async balance(ctx: Ctx, holder: CreditHolder, currency: string, opts: { entries?: number } = {}): Promise<StoreCreditBalance> {
    const key = creditHolderKey(holder);
    const a = await ctx.db.selectFrom('store_credit_accounts').selectAll().where('holder', '=', key).where('currency', '=', currency).executeTakeFirst();
    if (!a) return { holder: key, currency, balance: 0, held: 0, available: 0, entries: [] };
    const entries = await ctx.db.selectFrom('store_credit_entries').selectAll().where('account_id', '=', a.id)
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.entries ?? 50).execute();
    const balance = Number(a.balance), held = Number(a.held);
    return { holder: key, currency, balance, held, available: balance - held, entries: entries.map(toEntry) };
  }

  /** Sets `amount` aside for a payment; declined when the available credit is short. */
  async hold(ctx: Ctx, holder: string, currency: string, amount: number, key: string, reference: string): Promise<Movement> {
    return inTransaction(ctx.db, async (tx) => {
      const c = withDb(ctx, tx);
      const a = await tx.selectFrom('store_credit_accounts').selectAll().where('holder', '=', holder).where('currency', '=', currency).executeTakeFirst() as AccountRow | undefined;
      if (!a) return { ok: false, reason: 'insufficient_credit' } as const;
      return this.move(c, a, 'hold', 0, amount, amount, `hold:${key}`, reference, null);
    });
  }

  /** Takes `amount` (at most the hold) and releases the rest of the hold; once per hold. */
  async redeem(ctx: Ctx, holdId: string, amount: number, paymentReference: string | null): Promise<Movement> {
    return this.onHold(ctx, holdId, async (c, a, held) => {
      if (amount > held) return { ok: false, reason: 'insufficient_credit' } as const;
      const r = await this.move(c, a, 'redeem', -amount, -held, amount, `redeem:${holdId}`, holdId, null);
      if (r.ok && r.fresh) {
        await emit(c, StoreCreditRedeemed, a.id, { accountId: a.id, holder: a.holder, customerId: a.customer_id, currency: a.currency, amount, balance: r.entry.balanceAfter, paymentReference });
      }
      return r;
    });
  }

  /** Gives a hold back; once per hold. */
  async release(ctx: Ctx, holdId: string): Promise<Movement> {
    return this.onHold(ctx, holdId, (c, a, held) => this.move(c, a, 'release', 0, -held, held, `release:${holdId}`, holdId, null));
  }

  /** Puts redeemed credit back (a refund of a store credit payment). */
  async refund(ctx: Ctx, holdId: string, amount: number, key: string, reason: string | null): Promise<Movement> {
    return this.onHold(ctx, holdId, (c, a) => this.move(c, a, 'refund', amount, 0, amount, `refund:${key}`, holdId, reason));
  }

  private async onHold(ctx: Ctx, holdId: string, fn: (c: Ctx, a: AccountRow, held: number) => Promise<Movement & { fresh?: boolean }>): Promise<Movement> {
    return inTransaction(ctx.db, async (tx) => {
      const hold = await tx.selectFrom('store_credit_entries').selectAll().where('id', '=', holdId).where('kind', '=', 'hold').executeTakeFirst();
      if (!hold) return { ok: false, reason: 'unknown_hold' } as const;
      const a = await tx.selectFrom('store_credit_accounts').selectAll().where('id', '=', hold.account_id).executeTakeFirstOrThrow() as AccountRow;
      return fn(withDb(ctx, tx), a, Number(hold.amount));
    });
  }

  private async account(db: Db, holder: CreditHolder, currency: string, now: string): Promise<AccountRow> {
    const key = creditHolderKey(holder);
    await db.insertInto('store_credit_accounts').values({
      id: newId('sca'), holder: key, customer_id: holder.customerId ?? null, email: holder.customerId ? null : holder.email?.trim().toLowerCase() ?? null,
      currency, balance: 0, held: 0, created_at: now, updated_at: now,
    }).onConflict((oc) => oc.columns(['holder', 'currency']).doNothing()).execute();
    return await db.selectFrom('store_credit_accounts').selectAll().where('holder', '=', key).where('currency', '=', currency).executeTakeFirstOrThrow() as AccountRow;
  }

  /**
   * One movement: replays the entry of a key already used; otherwise moves balance and held by
   * the deltas only if the result stays within the CHECK, and writes the entry.
   */
  private async move(c: Ctx, a: AccountRow, kind: StoreCreditEntryKind, dBalance: number, dHeld: number, amount: number, key: string, reference: string | null, reason: string | null): Promise<Movement & { fresh?: boolean }> {
    const seen = await c.db.selectFrom('store_credit_entries').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
    if (seen) return { ok: true, entry: toEntry(seen), fresh: false };
    const now = c.clock.now().toISOString();
    const res = await c.db.updateTable('store_credit_accounts')
      .set((eb) => ({ balance: eb('balance', '+', dBalance), held: eb('held', '+', dHeld), updated_at: now }))
      .where('id', '=', a.id)
      .where((eb) => eb.and([
        eb(eb('balance', '+', dBalance), '>=', 0), eb(eb('held', '+', dHeld), '>=', 0),
        eb(eb('held', '+', dHeld), '<=', eb('balance', '+', dBalance)),
      ]))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return { ok: false, reason: 'insufficient_credit' };
    const after = await c.db.selectFrom('store_credit_accounts').select(['balance', 'held']).where('id', '=', a.id).executeTakeFirstOrThrow();
    const row = {
      id: newId('sce'), account_id: a.id, kind, amount, balance_after: Number(after.balance), held_after: Number(after.held),
      reference, reason: reason?.slice(0, 500) ?? null, idempotency_key: key, actor: actorRef(c.actor), created_at: now,
    };
    try {
      await c.db.insertInto('store_credit_entries').values(row).execute();
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('payments.concurrent_change', 'the same store credit movement is already being made; retry', 409);
      throw e;
    }
    return { ok: true, entry: toEntry(row), fresh: true };
  }
}
