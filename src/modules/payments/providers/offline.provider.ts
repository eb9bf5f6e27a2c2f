/**
 * `manual` (bank transfer, invoice, cheque) and `cash`: no gateway. Authorizing records the
 * promise to pay; staff capture when the money has arrived, and a refund is handed back in person.
 */
import { newId } from '../../../kernel/index.js';
import type { PaymentProvider, ProviderOutcome } from './provider.js';

export class OfflineProvider implements PaymentProvider {
  constructor(readonly name: 'manual' | 'cash') {}

  async authorize(req: { amount: number }): Promise<ProviderOutcome> {
    return { kind: 'ok', providerRef: newId(this.name === 'cash' ? 'cash' : 'man'), amount: req.amount };
  }

  async capture(req: { providerRef: string; amount: number }): Promise<ProviderOutcome> {
    return { kind: 'ok', providerRef: req.providerRef, amount: req.amount };
  }

  async void(req: { providerRef: string | null }): Promise<ProviderOutcome> {
    return { kind: 'ok', providerRef: req.providerRef ?? '', amount: 0 };
  }

  async refund(req: { amount: number }): Promise<ProviderOutcome> {
    return { kind: 'ok', providerRef: newId('mre'), amount: req.amount };
  }
}
