/** What support needs from other modules, through their front doors (narrowed so tests can fake them). */
import type { Ctx } from '../../../platform/index.js';
import type { CustomerDto, StaffDto } from '../../identity/index.js';
import type { DirectMessageInput } from '../../notifications/index.js';
import type { CustomerValue, OrderSummaryDto } from '../../orders/index.js';

export interface SupportUses {
  customers: {
    get(ctx: Ctx, id: string): Promise<CustomerDto>;
    /** The account an inbound email or SMS comes from, if any. */
    findByContact(ctx: Ctx, who: { email?: string; phone?: string }): Promise<CustomerDto | null>;
  };
  staff: { get(ctx: Ctx, id: string): Promise<StaffDto>; list(ctx: Ctx): Promise<StaffDto[]> };
  orders: {
    listForCustomer(ctx: Ctx, customerId: string, q: { limit: number }): Promise<{ items: OrderSummaryDto[] }>;
    list(ctx: Ctx, q: { email: string; limit: number }): Promise<{ items: OrderSummaryDto[] }>;
    customerValue(ctx: Ctx, who: { customerId?: string; email?: string }): Promise<CustomerValue>;
  };
  /** Answers by email go out through the notifications outbox. */
  notifications?: { queueMessage(ctx: Ctx, input: DirectMessageInput): Promise<unknown> };
}

/** Staff display names, looked up once per request. */
export class StaffNames {
  private names = new Map<string, Promise<string | null>>();
  constructor(private uses: SupportUses, private ctx: Ctx) {}
  get(id: string | null | undefined): Promise<string | null> {
    if (!id) return Promise.resolve(null);
    let p = this.names.get(id);
    if (!p) {
      p = this.uses.staff.get(this.ctx, id).then((s) => s.name, () => null);
      this.names.set(id, p);
    }
    return p;
  }
}
