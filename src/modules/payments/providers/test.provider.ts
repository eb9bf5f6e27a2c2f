/**
 * The built-in `test` provider: card tokens decide the outcome, like a gateway's test mode.
 * `tok_visa`, `tok_mastercard`, `tok_amex` succeed; `tok_decline` (card_declined) and
 * `tok_insufficient_funds` are declined; `tok_timeout` answers only after `timeoutDelayMs`, long
 * past PAYMENT_TIMEOUT_MS. Calls are idempotent per key and recorded, so tests can count them.
 */
import { newId } from '../../../kernel/index.js';
import { sleep, type AuthorizeRequest, type CallOptions, type PaymentProvider, type ProviderOutcome } from './provider.js';

const OK_TOKENS = new Set(['tok_visa', 'tok_mastercard', 'tok_amex']);
const DECLINES: Record<string, [string, string]> = {
  tok_decline: ['card_declined', 'Your card was declined.'],
  tok_insufficient_funds: ['insufficient_funds', 'Your card has insufficient funds.'],
  tok_expired_card: ['expired_card', 'Your card has expired.'],
};

export interface ProviderCall { op: string; idempotencyKey: string; amount?: number; providerRef?: string | null }

export class TestProvider implements PaymentProvider {
  readonly name = 'test';
  /** Every call that reached the provider (replays of a key included, marked `replayed`). */
  readonly calls: (ProviderCall & { replayed: boolean })[] = [];
  private answers = new Map<string, ProviderOutcome>();

  constructor(private opts: { timeoutDelayMs: number }) {}

  authorize(req: AuthorizeRequest, o: CallOptions) {
    return this.once('authorize', o, { amount: req.amount }, async () => {
      const token = req.token ?? '';
      if (token === 'tok_timeout') await sleep(this.opts.timeoutDelayMs, o.signal);
      if (token === 'tok_timeout' || OK_TOKENS.has(token)) return { kind: 'ok', providerRef: newId('tpi'), amount: req.amount };
      const [reason, message] = DECLINES[token] ?? ['invalid_token', `unknown test token '${token.slice(0, 40)}'; use tok_visa, tok_decline, tok_insufficient_funds or tok_timeout`];
      return { kind: 'declined', reason, message };
    });
  }

  capture(req: { providerRef: string; amount: number }, o: CallOptions) {
    return this.once('capture', o, req, async () => ({ kind: 'ok', providerRef: req.providerRef, amount: req.amount }));
  }

  void(req: { providerRef: string | null }, o: CallOptions) {
    return this.once('void', o, { providerRef: req.providerRef }, async () => ({ kind: 'ok', providerRef: req.providerRef ?? newId('tpi'), amount: 0 }));
  }

  refund(req: { providerRef: string; amount: number }, o: CallOptions) {
    return this.once('refund', o, req, async () => ({ kind: 'ok', providerRef: newId('tre'), amount: req.amount }));
  }

  private async once(op: string, o: CallOptions, detail: Omit<ProviderCall, 'op' | 'idempotencyKey'>, run: () => Promise<ProviderOutcome>): Promise<ProviderOutcome> {
    const key = `${op}:${o.idempotencyKey}`;
    const seen = this.answers.get(key);
    this.calls.push({ op, idempotencyKey: o.idempotencyKey, ...detail, replayed: !!seen });
    if (seen) return seen;
    const answer = await run();
    this.answers.set(key, answer);
    return answer;
  }
}
