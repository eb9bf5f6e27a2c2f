/**
 * Payments use cases. A provider call never runs inside a transaction we open: the pending row
 * commits first, the provider answers, and the outcome is written (state, transition, event,
 * audit) in one transaction. Every provider call carries a key derived from the caller's
 * idempotency key or from the payment's state, so a retry after a crash or timeout replays at the
 * provider instead of charging twice.
 */
import { AppError, conflict, fail, newId, notFound, ok, type Result } from '../../../kernel/index.js';
import { actorRef, audit, decodeCursor, emit, encodeCursor, inTransaction, withDb, type Ctx } from '../../../platform/index.js';
import { PaymentAuthorized, PaymentCaptured, PaymentFailed, PaymentRefunded, PaymentVoided } from '../contracts/events.js';
import type { AuthorizeInput, Payment, PaymentDetail, PaymentError, PaymentsService, ProviderName } from '../contracts/service.js';
import { PROVIDER_NAMES } from '../contracts/service.js';
import { amountsOf, paymentsRepo as repo, toPayment, type PaymentRow } from '../data/payments.repo.js';
import { plan, type PaymentAction, type PaymentAmounts } from '../domain/payment-state.js';
import type { AuthorizeRequest, CallOptions, PaymentProvider, ProviderOutcome, WebhookEvent } from '../providers/provider.js';
import type { CreditHolder, IssueCreditInput } from '../contracts/store-credit.js';
import { StoreCreditLedger } from './store-credit.js';

type Outcome = ProviderOutcome | { kind: 'timeout' };

const EVENTS = { authorize: PaymentAuthorized, capture: PaymentCaptured, void: PaymentVoided, fail: PaymentFailed, refund: PaymentRefunded } as const;

export class PaymentsServiceImpl implements PaymentsService {
  constructor(private providers: Map<string, PaymentProvider>, private timeoutMs: number, private credit: StoreCreditLedger = new StoreCreditLedger()) {}

  issueCredit(ctx: Ctx, input: IssueCreditInput) { return this.credit.issue(ctx, input); }
  creditBalance(ctx: Ctx, holder: CreditHolder, currency: string) { return this.credit.balance(ctx, holder, currency); }

  async authorize(ctx: Ctx, input: AuthorizeInput): Promise<Result<Payment, PaymentError>> {
    const provider = this.provider(input.provider);
    if (!Number.isSafeInteger(input.amount) || input.amount < 1) throw new AppError('validation.failed', 'amount must be a whole number of minor units ≥ 1', 400, [{ field: 'body.amount', message: 'must be a whole number ≥ 1' }]);
    if (!/^[A-Z]{3}$/.test(input.currency)) throw new AppError('validation.failed', 'currency must be a 3-letter ISO code', 400, [{ field: 'body.currency', message: 'must be a 3-letter ISO code' }]);
    if (!input.idempotencyKey || input.idempotencyKey.length > 255) throw new AppError('validation.failed', 'idempotencyKey is required (1–255 characters)', 400, [{ field: 'idempotencyKey', message: 'is required' }]);
    const at = ctx.clock.now().toISOString();
    const row: PaymentRow = {
      id: newId('pay'), reference: input.reference, provider: input.provider, status: 'pending', currency: input.currency,
      amount: input.amount, authorized_amount: 0, captured_amount: 0, refunded_amount: 0, provider_ref: null,
      idempotency_key: input.idempotencyKey, token: input.token ?? null, description: input.description ?? null,
      failure_code: null, failure_reason: null, created_at: at, updated_at: at,
    };
    const created = await inTransaction(ctx.db, async (tx) => {
      if (!(await repo.insert(tx, row))) return false;
      await repo.addTransition(tx, { payment_id: row.id, action: 'create', from_status: null, to_status: 'pending', amount: row.amount, provider_ref: null, idempotency_key: null, reason: null, actor: actorRef(ctx.actor), at });
      return true;
    });
    const current = created ? row : await repo.byKey(ctx.db, input.idempotencyKey);
    if (!current) throw new Error(`payment with idempotency key ${input.idempotencyKey} vanished`);
    if (!created) {
      if (current.reference !== input.reference || Number(current.amount) !== input.amount || current.currency !== input.currency || current.provider !== input.provider) {
        throw new AppError('payments.idempotency_key_reused', 'this idempotency key was used for a different payment', 422, { paymentId: current.id });
      }
      // The first attempt finished: hand back its answer without asking the provider again.
      if (current.status !== 'pending') return this.answer(current);
    }
    return this.resolveAuthorization(ctx, current, provider);
  }

  /** Asks the provider for the hold (or, on a retry, for the answer it gave to the same key). */
  private async resolveAuthorization(ctx: Ctx, p: PaymentRow, provider: PaymentProvider): Promise<Result<Payment, PaymentError>> {
    const out = await this.call((o) => provider.authorize(this.authorizeRequest(p), o), `${p.id}:authorize`);
    if (out.kind === 'ok') {
      const step = plan(amountsOf(p), 'authorize', out.amount);
      if (!step.ok) throw new Error(`provider ${p.provider} authorized ${out.amount} for payment ${p.id} of ${p.amount}`);
      const moved = await this.apply(ctx, p, 'authorize', step.value, { providerRef: out.providerRef, extra: { provider_ref: out.providerRef } });
      return moved ? ok(moved) : this.answer(await this.load(ctx, p.id));
    }
    if (out.kind === 'declined') {
      const step = plan(amountsOf(p), 'fail');
      if (!step.ok) return this.answer(await this.load(ctx, p.id));
      await this.apply(ctx, p, 'fail', { next: step.value.next, amount: 0 }, {
        providerRef: out.providerRef ?? null, reason: out.reason,
        extra: { failure_code: out.reason, failure_reason: out.message.slice(0, 500), ...(out.providerRef ? { provider_ref: out.providerRef } : {}) },
      });
      return this.answer(await this.load(ctx, p.id));
    }
    await this.attempt(ctx, p, `authorize_${out.kind}`, out.kind === 'error' ? out.message : 'no answer in time');
    return fail(this.unresolved(p.id, out));
  }

  async capture(ctx: Ctx, id: string, opts: { amount?: number; idempotencyKey?: string } = {}): Promise<Result<Payment, PaymentError>> {
    return this.move(ctx, id, 'capture', opts.amount, opts.idempotencyKey ? `${id}:capture:${opts.idempotencyKey}` : `${id}:capture`,
      (p, provider, amount, o) => provider.capture({ providerRef: p.provider_ref ?? '', amount, currency: p.currency }, o));
  }

  async void(ctx: Ctx, id: string, opts: { idempotencyKey?: string } = {}): Promise<Result<Payment, PaymentError>> {
    return this.move(ctx, id, 'void', undefined, opts.idempotencyKey ? `${id}:void:${opts.idempotencyKey}` : `${id}:void`,
      (p, provider, _amount, o) => provider.void({ providerRef: p.provider_ref, authorizeKey: `${p.id}:authorize`, authorize: this.authorizeRequest(p) }, o));
  }

  async refund(ctx: Ctx, id: string, opts: { amount?: number; reason?: string; idempotencyKey?: string } = {}): Promise<Result<Payment, PaymentError>> {
    return this.move(ctx, id, 'refund', opts.amount, (p) => (opts.idempotencyKey
      ? `${id}:refund:${opts.idempotencyKey}`
      // Without a caller's key, the key is the state the refund starts from: a blind retry of the
      // same refund replays at the provider, while a second, deliberate refund gets a new key.
      : `${id}:refund:${p.refunded_amount}:${opts.amount ?? 'rest'}`),
    (p, provider, amount, o) => provider.refund({ providerRef: p.provider_ref ?? '', amount, currency: p.currency, reason: opts.reason }, o), opts.reason);
  }

  /** Capture, void and refund: check the table, ask the provider, record the outcome. */
  private async move(
    ctx: Ctx, id: string, action: 'capture' | 'void' | 'refund', amount: number | undefined, keyOf: string | ((p: PaymentRow) => string),
    run: (p: PaymentRow, provider: PaymentProvider, amount: number, o: CallOptions) => Promise<ProviderOutcome>, reason?: string,
  ): Promise<Result<Payment, PaymentError>> {
    const p = await this.load(ctx, id);
    const key = typeof keyOf === 'string' ? keyOf : keyOf(p);
    // A retry of a call that already went through answers with the payment as it is now.
    if (await repo.transitionByKey(ctx.db, id, key)) return ok(toPayment(await this.load(ctx, id)));
    const step = plan(amountsOf(p), action, amount);
    if (!step.ok) {
      const e = step.error;
      if (action === 'refund' && e.code === 'payments.invalid_amount' && (amount ?? 0) > e.max) {
        throw conflict('payments.refund_exceeds_captured', `at most ${e.max} can be refunded (captured ${p.captured_amount}, refunded ${p.refunded_amount})`, { paymentId: id, requested: amount, refundable: e.max });
      }
      if (e.code === 'payments.invalid_amount') throw conflict(e.code, e.message, { paymentId: id, requested: e.amount, max: e.max });
      throw conflict(e.code, e.message, { paymentId: id, status: e.status, action: e.action });
    }
    const provider = this.provider(p.provider);
    const out = await this.call((o) => run(p, provider, step.value.amount, o), key);
    if (out.kind === 'ok') {
      const moved = await this.apply(ctx, p, action, step.value, { providerRef: out.providerRef || p.provider_ref, key, reason });
      if (moved) return ok(moved);
      if (await repo.transitionByKey(ctx.db, id, key)) return ok(toPayment(await this.load(ctx, id)));
      throw conflict('payments.concurrent_change', `payment '${id}' changed while this ${action} was in flight; reload and retry`, { paymentId: id });
    }
    if (out.kind === 'declined') {
      await this.attempt(ctx, p, `${action}_declined`, out.reason);
      return fail({ code: 'payments.declined', message: out.message, paymentId: id, reason: out.reason });
    }
    await this.attempt(ctx, p, `${action}_${out.kind}`, out.kind === 'error' ? out.message : 'no answer in time');
    return fail(this.unresolved(id, out));
  }

  /**
   * Writes a transition: the compare-and-set update, the transition row, the event and the audit
   * entry, in one transaction. Returns the new payment, or undefined when another writer moved it first.
   */
  private async apply(ctx: Ctx, before: PaymentRow, action: PaymentAction, step: { next: PaymentAmounts; amount: number },
    o: { providerRef: string | null; key?: string; reason?: string; extra?: Partial<PaymentRow>; actor?: string }): Promise<Payment | undefined> {
    return inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const at = ctx.clock.now().toISOString();
      if (!(await repo.update(tx, before, step.next, o.extra ?? {}, at))) return undefined;
      await repo.addTransition(tx, {
        payment_id: before.id, action, from_status: before.status, to_status: step.next.status, amount: step.amount,
        provider_ref: o.providerRef, idempotency_key: o.key ?? null, reason: o.reason?.slice(0, 500) ?? null, actor: o.actor ?? actorRef(ctx.actor), at,
      });
      const after = toPayment((await repo.get(tx, before.id))!);
      const base = { paymentId: after.id, reference: after.reference, provider: after.provider, currency: after.currency, amount: step.amount };
      if (action === 'refund') await emit(t, EVENTS.refund, after.id, { ...base, refundedTotal: after.refunded, fully: after.status === 'refunded' });
      else if (action === 'fail') await emit(t, EVENTS.fail, after.id, { ...base, reason: o.reason ?? 'declined' });
      else await emit(t, EVENTS[action], after.id, base);
      await audit(t, { action: `payment.${action}`, entityType: 'payment', entityId: after.id, before: toPayment(before), after });
      return after;
    });
  }

  /** Records an attempt that moved nothing (a decline of a capture, a timeout), so the history is complete. */
  private async attempt(ctx: Ctx, p: PaymentRow, action: string, reason: string): Promise<void> {
    await repo.addTransition(ctx.db, {
      payment_id: p.id, action, from_status: p.status, to_status: p.status, amount: 0, provider_ref: p.provider_ref,
      idempotency_key: null, reason: reason.slice(0, 500), actor: actorRef(ctx.actor), at: ctx.clock.now().toISOString(),
    });
  }

  /** Runs a provider call under PAYMENT_TIMEOUT_MS; an abort becomes a timeout outcome. */
  private async call(fn: (o: CallOptions) => Promise<ProviderOutcome>, idempotencyKey: string): Promise<Outcome> {
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(new Error('payment provider timed out')), this.timeoutMs);
    try {
      return await fn({ idempotencyKey, signal: ac.signal });
    } catch (e) {
      if (ac.signal.aborted) return { kind: 'timeout' };
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  async get(ctx: Ctx, id: string): Promise<PaymentDetail> {
    const p = await this.load(ctx, id);
    return { ...toPayment(p), transitions: await repo.transitions(ctx.db, id) };
  }

  async listForReference(ctx: Ctx, reference: string): Promise<Payment[]> {
    const rows = await ctx.db.selectFrom('payments').selectAll().where('reference', '=', reference).orderBy('id').execute();
    return rows.map((r) => toPayment(r as PaymentRow));
  }

  async list(ctx: Ctx, q: { reference?: string; limit: number; cursor?: string }) {
    const after = decodeCursor<{ id: string }>(q.cursor);
    const rows = await ctx.db.selectFrom('payments').selectAll()
      .$if(!!q.reference, (b) => b.where('reference', '=', q.reference!))
      .$if(!!after?.id, (b) => b.where('id', '<', after!.id))
      .orderBy('id', 'desc').limit(q.limit + 1).execute();
    const items = rows.slice(0, q.limit).map((r) => toPayment(r as PaymentRow));
    return { items, nextCursor: rows.length > q.limit ? encodeCursor({ id: items[items.length - 1].id }) : null };
  }

  async handleWebhook(ctx: Ctx, providerName: string, rawBody: Buffer, headers: Record<string, string | string[] | undefined>) {
    const provider = this.providers.get(providerName);
    if (!provider?.parseWebhook) throw notFound('payments.webhooks_not_supported', 'webhook provider', providerName.slice(0, 40));
    const parsed = provider.parseWebhook(rawBody, headers, ctx.clock.now());
    if (!parsed.ok) throw new AppError(parsed.error.code, parsed.error.message, 400);
    const ev = parsed.value;
    return inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const p = ev.providerRef ? await repo.byProviderRef(tx, provider.name, ev.providerRef) : undefined;
      const fresh = await repo.markWebhook(tx, { provider: provider.name, event_id: ev.id, type: ev.type, payment_id: p?.id ?? null, received_at: ctx.clock.now().toISOString() });
      if (fresh && p) await this.applyWebhook(t, p, ev);
      return { received: true as const, duplicate: !fresh, paymentId: p?.id ?? null };
    });
  }

  /** Brings our payment up to what the provider reports; a change we already made is a no-op. */
  private async applyWebhook(ctx: Ctx, p: PaymentRow, ev: WebhookEvent): Promise<void> {
    const c = ev.change;
    const a = amountsOf(p);
    const o = { providerRef: ev.providerRef, key: `webhook:${ev.id}`, actor: `webhook:${p.provider}`, reason: ev.type };
    let action: PaymentAction | undefined;
    let amount: number | undefined;
    if (c.kind === 'authorized' && a.status === 'pending') { action = 'authorize'; amount = c.amount; }
    if (c.kind === 'captured' && a.status === 'authorized') { action = 'capture'; amount = c.amount; }
    if (c.kind === 'voided' && (a.status === 'pending' || a.status === 'authorized')) action = 'void';
    if (c.kind === 'failed' && a.status === 'pending') action = 'fail';
    if (c.kind === 'refunded' && c.total > a.refunded) { action = 'refund'; amount = c.total - a.refunded; }
    if (!action) return;
    const step = plan(a, action, amount);
    if (!step.ok) {
      // The provider reports something our table does not allow: keep a record rather than guess.
      await this.attempt({ ...ctx, actor: { kind: 'system', id: `webhook:${p.provider}` } }, p, 'webhook_ignored', `${ev.type}: ${step.error.message}`);
      return;
    }
    const extra = c.kind === 'failed' ? { failure_code: c.reason, failure_reason: `declined (${ev.type})` } : {};
    if (!(await this.apply(ctx, p, action, step.value, { ...o, reason: c.kind === 'failed' ? c.reason : o.reason, extra }))) {
      throw conflict('payments.concurrent_change', `payment '${p.id}' changed while the webhook was applied; the provider will retry`, { paymentId: p.id });
    }
  }

  private provider(name: string): PaymentProvider {
    const p = this.providers.get(name);
    if (!p) {
      const known = PROVIDER_NAMES.includes(name as ProviderName);
      throw new AppError('payments.provider_unavailable', known ? `the ${name} provider is not configured` : `unknown payment provider '${name.slice(0, 40)}'`, 400, [{ field: 'body.provider', message: 'is not available' }]);
    }
    return p;
  }

  private async load(ctx: Ctx, id: string): Promise<PaymentRow> {
    const p = await repo.get(ctx.db, id);
    if (!p) throw notFound('payments.payment_not_found', 'payment', id);
    return p;
  }

  private authorizeRequest(p: PaymentRow): AuthorizeRequest {
    return { paymentId: p.id, reference: p.reference, amount: Number(p.amount), currency: p.currency, token: p.token ?? undefined, description: p.description ?? undefined };
  }

  private answer(p: PaymentRow): Result<Payment, PaymentError> {
    if (p.status === 'failed') return fail({ code: 'payments.declined', message: p.failure_reason ?? 'the payment was declined', paymentId: p.id, reason: p.failure_code ?? 'declined' });
    if (p.status === 'pending') return fail({ code: 'payments.provider_timeout', message: 'the provider has not answered yet; retry with the same key or void', paymentId: p.id });
    return ok(toPayment(p));
  }

  private unresolved(paymentId: string, out: { kind: 'timeout' } | { kind: 'error'; message: string }): PaymentError {
    return out.kind === 'timeout'
      ? { code: 'payments.provider_timeout', message: `the payment provider did not answer within ${this.timeoutMs} ms; the payment stays pending until a retry with the same key or a void resolves it`, paymentId }
      : { code: 'payments.provider_error', message: `the payment provider failed: ${out.message.slice(0, 300)}; retry with the same key`, paymentId };
  }
}
