/**
 * `store_credit`: pays with the shopper's store credit. The token is the account holder (a
 * customer id, or `email:<address>`); authorize holds credit, capture takes it, void gives the
 * hold back, refund re-credits. No gateway: the ledger is this module's own tables, written on
 * the store's database outside the payment's own transaction, like any provider call.
 */
import { newId } from '../../../kernel/index.js';
import { systemActor, type Ctx, type Db } from '../../../platform/index.js';
import type { Clock } from '../../../kernel/index.js';
import type { StoreCreditLedger } from '../service/store-credit.js';
import type { AuthorizeRequest, CallOptions, PaymentProvider, ProviderOutcome } from './provider.js';

export class StoreCreditProvider implements PaymentProvider {
  readonly name = 'store_credit';

  constructor(private db: Db, private clock: Clock, private ledger: StoreCreditLedger) {}

  private ctx(): Ctx { return { db: this.db, clock: this.clock, actor: systemActor('payments:store_credit') }; }

  async authorize(req: AuthorizeRequest, o: CallOptions): Promise<ProviderOutcome> {
    if (!req.token) return { kind: 'declined', reason: 'missing_account', message: 'a store credit payment needs the account holder as its token' };
    const r = await this.ledger.hold(this.ctx(), req.token, req.currency, req.amount, o.idempotencyKey, req.reference);
    if (!r.ok) return { kind: 'declined', reason: 'insufficient_credit', message: 'there is not enough store credit for this payment' };
    return { kind: 'ok', providerRef: r.entry.id, amount: req.amount };
  }

  async capture(req: { providerRef: string; amount: number }): Promise<ProviderOutcome> {
    const r = await this.ledger.redeem(this.ctx(), req.providerRef, req.amount, null);
    if (!r.ok) return { kind: 'declined', reason: r.reason, message: `the store credit hold could not be captured (${r.reason})` };
    return { kind: 'ok', providerRef: req.providerRef, amount: req.amount };
  }

  async void(req: { providerRef: string | null }): Promise<ProviderOutcome> {
    // An authorize that never reached the ledger left nothing to give back.
    if (!req.providerRef) return { kind: 'ok', providerRef: newId('scv'), amount: 0 };
    const r = await this.ledger.release(this.ctx(), req.providerRef);
    if (!r.ok && r.reason !== 'unknown_hold') return { kind: 'error', message: `the store credit hold could not be released (${r.reason})` };
    return { kind: 'ok', providerRef: req.providerRef, amount: 0 };
  }

  async refund(req: { providerRef: string; amount: number; reason?: string }, o: CallOptions): Promise<ProviderOutcome> {
    const r = await this.ledger.refund(this.ctx(), req.providerRef, req.amount, o.idempotencyKey, req.reason ?? null);
    if (!r.ok) return { kind: 'error', message: `the store credit could not be re-credited (${r.reason})` };
    // The payment keeps the hold's id as its reference, so later refunds find the account again.
    return { kind: 'ok', providerRef: req.providerRef, amount: req.amount };
  }
}
