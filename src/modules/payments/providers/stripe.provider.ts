/**
 * Stripe over PaymentIntents with plain fetch: create with capture_method=manual and confirm=true
 * (an authorization hold), capture, cancel, and refunds. Bodies are form-encoded as Stripe
 * expects; every call sends our idempotency key as Stripe's Idempotency-Key header.
 */
import { fail, ok, type Result } from '../../../kernel/index.js';
import type { AuthorizeRequest, CallOptions, PaymentProvider, ProviderOutcome, WebhookError, WebhookEvent } from './provider.js';
import { verifyStripeSignature } from './stripe-signature.js';

export interface StripeOptions { secretKey: string; webhookSecret?: string; apiBase: string }

type Form = Record<string, string | number | boolean | undefined>;
type StripeAnswer = { status: number; body: any };

/** Encodes nested keys the way Stripe's API reads them (`metadata[reference]=…`). */
export function formEncode(form: Form): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v !== undefined) p.append(k, String(v));
  return p.toString();
}

export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe';
  constructor(private opts: StripeOptions) {}

  async authorize(req: AuthorizeRequest, o: CallOptions): Promise<ProviderOutcome> {
    const res = await this.post('/v1/payment_intents', this.createForm(req), o);
    if (res.status !== 200) return this.failure(res);
    return this.fromIntent(res.body);
  }

  async capture(req: { providerRef: string; amount: number }, o: CallOptions): Promise<ProviderOutcome> {
    const res = await this.post(`/v1/payment_intents/${encodeURIComponent(req.providerRef)}/capture`, { amount_to_capture: req.amount }, o);
    if (res.status !== 200) return this.failure(res);
    if (res.body.status !== 'succeeded') return { kind: 'declined', reason: res.body.status ?? 'unexpected_state', message: `PaymentIntent is ${res.body.status} after capture`, providerRef: res.body.id };
    return { kind: 'ok', providerRef: res.body.id, amount: Number(res.body.amount_received ?? req.amount) };
  }

  async void(req: { providerRef: string | null; authorizeKey: string; authorize: AuthorizeRequest }, o: CallOptions): Promise<ProviderOutcome> {
    let ref = req.providerRef;
    if (!ref) {
      // The authorize timed out before we learnt the PaymentIntent: replaying the create with the
      // same Idempotency-Key returns Stripe's stored answer instead of making a second intent.
      const replay = await this.post('/v1/payment_intents', this.createForm(req.authorize), { ...o, idempotencyKey: req.authorizeKey });
      if (replay.status !== 200) return replay.status === 402 ? { kind: 'ok', providerRef: replay.body?.error?.payment_intent?.id ?? '', amount: 0 } : this.failure(replay);
      ref = String(replay.body.id);
    }
    const res = await this.post(`/v1/payment_intents/${encodeURIComponent(ref)}/cancel`, {}, o);
    if (res.status !== 200) return this.failure(res);
    return { kind: 'ok', providerRef: res.body.id, amount: 0 };
  }

  async refund(req: { providerRef: string; amount: number; reason?: string }, o: CallOptions): Promise<ProviderOutcome> {
    const res = await this.post('/v1/refunds', { payment_intent: req.providerRef, amount: req.amount, 'metadata[reason]': req.reason?.slice(0, 500) }, o);
    if (res.status !== 200) return this.failure(res);
    if (res.body.status === 'failed' || res.body.status === 'canceled') return { kind: 'declined', reason: res.body.failure_reason ?? 'refund_failed', message: 'the refund failed', providerRef: res.body.id };
    return { kind: 'ok', providerRef: res.body.id, amount: Number(res.body.amount ?? req.amount) };
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, now: Date): Result<WebhookEvent, WebhookError> {
    if (!this.opts.webhookSecret) return fail({ code: 'payments.invalid_signature', message: 'STRIPE_WEBHOOK_SECRET is not set; Stripe webhooks are refused' });
    const header = headers['stripe-signature'];
    const check = verifyStripeSignature(rawBody, Array.isArray(header) ? header[0] : header, this.opts.webhookSecret, now);
    if (!check.ok) return fail({ code: 'payments.invalid_signature', message: check.reason });
    let event: any;
    try { event = JSON.parse(rawBody.toString('utf8')); } catch { return fail({ code: 'payments.invalid_webhook', message: 'the webhook body is not JSON' }); }
    const obj = event?.data?.object;
    if (typeof event?.id !== 'string' || typeof event?.type !== 'string' || !obj || typeof obj !== 'object') {
      return fail({ code: 'payments.invalid_webhook', message: 'the webhook is not a Stripe event' });
    }
    const intentId = String(event.type.startsWith('charge.') ? obj.payment_intent ?? '' : obj.id ?? '');
    const change = ((): WebhookEvent['change'] => {
      switch (event.type) {
        case 'payment_intent.amount_capturable_updated': return { kind: 'authorized', amount: Number(obj.amount_capturable) };
        case 'payment_intent.succeeded': return { kind: 'captured', amount: Number(obj.amount_received) };
        case 'payment_intent.canceled': return { kind: 'voided', amount: 0 };
        case 'payment_intent.payment_failed': return { kind: 'failed', reason: String(obj.last_payment_error?.decline_code ?? obj.last_payment_error?.code ?? 'payment_failed') };
        case 'charge.refunded': return { kind: 'refunded', total: Number(obj.amount_refunded) };
        default: return { kind: 'ignored' };
      }
    })();
    return ok({ id: event.id, type: event.type, providerRef: intentId, change });
  }

  private createForm(req: AuthorizeRequest): Form {
    const token = req.token ?? '';
    return {
      amount: req.amount,
      currency: req.currency.toLowerCase(),
      capture_method: 'manual',
      confirm: true,
      'payment_method_types[0]': 'card',
      // A PaymentMethod id is used as is; a legacy card token becomes one on the fly.
      ...(token.startsWith('pm_') ? { payment_method: token } : { 'payment_method_data[type]': 'card', 'payment_method_data[card][token]': token }),
      description: req.description,
      'metadata[payment_id]': req.paymentId,
      'metadata[reference]': req.reference,
    };
  }

  /** Reads a PaymentIntent after confirm: a hold is `requires_capture`; anything else did not authorize. */
  private fromIntent(pi: any): ProviderOutcome {
    if (pi.status === 'requires_capture') return { kind: 'ok', providerRef: pi.id, amount: Number(pi.amount_capturable ?? pi.amount) };
    const err = pi.last_payment_error;
    const reason = String(err?.decline_code ?? err?.code ?? (pi.status === 'requires_action' ? 'authentication_required' : pi.status ?? 'unknown'));
    return { kind: 'declined', reason, message: String(err?.message ?? `PaymentIntent is ${pi.status}`), providerRef: pi.id };
  }

  /** 402 is a card decline (final); 409/429/5xx are retryable; other 4xx are final refusals. */
  private failure(res: StripeAnswer): ProviderOutcome {
    const e = res.body?.error ?? {};
    if (res.status >= 500 || res.status === 429 || res.status === 409 || res.status === 0) return { kind: 'error', message: String(e.message ?? `Stripe answered ${res.status}`) };
    return { kind: 'declined', reason: String(e.decline_code ?? e.code ?? 'invalid_request'), message: String(e.message ?? `Stripe answered ${res.status}`), providerRef: e.payment_intent?.id };
  }

  private async post(path: string, form: Form, o: CallOptions): Promise<StripeAnswer> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.opts.apiBase), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.opts.secretKey}`,
          'content-type': 'application/x-www-form-urlencoded',
          'idempotency-key': o.idempotencyKey,
          'stripe-version': '2024-06-20',
        },
        body: formEncode(form),
        signal: o.signal,
      });
    } catch (e) {
      if (o.signal.aborted) throw e;
      return { status: 0, body: { error: { message: `Stripe is unreachable: ${(e as Error).message}` } } };
    }
    const text = await res.text();
    let body: any = {};
    try { body = text ? JSON.parse(text) : {}; } catch { body = { error: { message: `Stripe answered ${res.status} with a non-JSON body` } }; }
    return { status: res.status, body };
  }
}
