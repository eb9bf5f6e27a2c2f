/** Customer accounts: registration, profile, addresses. Each call is scoped to one customer id. */
import { sql } from 'kysely';
import { AppError, conflict, newId, notFound } from '../../../kernel/index.js';
import { audit, decodeCursor, emit, encodeCursor, inTransaction, isUniqueViolation, withDb, type Ctx } from '../../../platform/index.js';
import { CustomerRegistered, CustomerUpdated } from '../contracts/events.js';
import type { AddressDto, AddressInput, CustomerDto } from '../contracts/schemas.js';
import { hashPassword, normaliseEmail, passwordProblem } from '../domain/passwords.js';

export const toCustomerDto = (r: any): CustomerDto => ({
  id: r.id, email: r.email, firstName: r.first_name, lastName: r.last_name, phone: r.phone ?? null,
  acceptsMarketing: !!r.accepts_marketing, status: r.status, createdAt: r.created_at,
});

const toAddressDto = (r: any): AddressDto => ({
  id: r.id, label: r.label ?? null, firstName: r.first_name, lastName: r.last_name, company: r.company ?? null, line1: r.line1, line2: r.line2 ?? null,
  city: r.city, region: r.region ?? null, postalCode: r.postal_code, country: r.country, phone: r.phone ?? null,
  isDefaultShipping: !!r.is_default_shipping, isDefaultBilling: !!r.is_default_billing,
});

export interface RegisterInput { email: string; password?: string; firstName?: string; lastName?: string; phone?: string; acceptsMarketing?: boolean; createdAt?: string }

export class CustomersService {
  /** Creates a customer account (a password is optional for imported customers). */
  async register(ctx: Ctx, input: RegisterInput): Promise<CustomerDto> {
    const email = normaliseEmail(input.email);
    if (input.password !== undefined) {
      const problem = passwordProblem(input.password, email);
      if (problem) throw new AppError('validation.failed', `password ${problem}`, 400, [{ field: 'body.password', message: problem }]);
    }
    const now = input.createdAt ?? ctx.clock.now().toISOString();
    const row = {
      id: newId('cus'), email, first_name: input.firstName?.trim() ?? '', last_name: input.lastName?.trim() ?? '', phone: input.phone ?? null,
      accepts_marketing: input.acceptsMarketing ? 1 : 0, status: 'active', password_hash: input.password ? await hashPassword(input.password) : null,
      failed_attempts: 0, locked_until: null, created_at: now, updated_at: now,
    };
    try {
      await inTransaction(ctx.db, async (tx) => {
        await tx.insertInto('customers').values(row).execute();
        await emit(withDb(ctx, tx), CustomerRegistered, row.id, { customerId: row.id, email, acceptsMarketing: !!input.acceptsMarketing });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('identity.email_taken', 'an account with this email already exists', { field: 'body.email' });
      throw e;
    }
    return toCustomerDto(row);
  }

  async get(ctx: Ctx, id: string): Promise<CustomerDto> {
    const r = await ctx.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('identity.customer_not_found', 'customer', id);
    return toCustomerDto(r);
  }

  /**
   * The active customer with this email, or this phone number (compared on its digits), if any:
   * how an inbound email or SMS is matched to an account. A phone shared by several accounts
   * matches none (it identifies nobody).
   */
  async findByContact(ctx: Ctx, who: { email?: string; phone?: string }): Promise<CustomerDto | null> {
    if (who.email) {
      const r = await ctx.db.selectFrom('customers').selectAll().where('email', '=', normaliseEmail(who.email)).where('status', '=', 'active').executeTakeFirst();
      if (r) return toCustomerDto(r);
    }
    const digits = who.phone?.replace(/\D/g, '') ?? '';
    if (digits.length >= 6) {
      const stripped = sql<string>`replace(replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '')`;
      const rows = await ctx.db.selectFrom('customers').selectAll().where('phone', 'is not', null).where('status', '=', 'active').where(stripped, '=', digits).limit(2).execute();
      if (rows.length === 1) return toCustomerDto(rows[0]);
    }
    return null;
  }

  /** Lists customers for staff, newest first, optionally matching an email or name fragment. */
  async list(ctx: Ctx, q: { search?: string; limit: number; cursor?: string }): Promise<{ items: CustomerDto[]; nextCursor: string | null }> {
    const after = decodeCursor<{ id: string }>(q.cursor);
    const like = q.search ? `%${q.search.toLowerCase().replace(/[%_]/g, '')}%` : undefined;
    const rows = await ctx.db.selectFrom('customers').selectAll()
      .$if(!!like, (b) => b.where((eb) => eb.or([eb('email', 'like', like!), eb(eb.fn('lower', ['first_name']), 'like', like!), eb(eb.fn('lower', ['last_name']), 'like', like!)])))
      .$if(!!after, (b) => b.where('id', '<', after!.id))
      .orderBy('id', 'desc').limit(q.limit + 1).execute();
    const items = rows.slice(0, q.limit).map(toCustomerDto);
    return { items, nextCursor: rows.length > q.limit ? encodeCursor({ id: items[items.length - 1].id }) : null };
  }

  /** Changes a profile; staff changes are audited with before and after. */
  async update(ctx: Ctx, id: string, patch: { firstName?: string; lastName?: string; phone?: string | null; acceptsMarketing?: boolean; status?: 'active' | 'disabled' }): Promise<CustomerDto> {
    return inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.get(t, id);
      const set: Record<string, unknown> = { updated_at: ctx.clock.now().toISOString() };
      if (patch.firstName !== undefined) set.first_name = patch.firstName.trim();
      if (patch.lastName !== undefined) set.last_name = patch.lastName.trim();
      if (patch.phone !== undefined) set.phone = patch.phone;
      if (patch.acceptsMarketing !== undefined) set.accepts_marketing = patch.acceptsMarketing ? 1 : 0;
      if (patch.status !== undefined) set.status = patch.status;
      await tx.updateTable('customers').set(set).where('id', '=', id).execute();
      const after = await this.get(t, id);
      await emit(t, CustomerUpdated, id, { customerId: id, fields: Object.keys(patch) });
      await audit(t, { action: 'customer.updated', entityType: 'customer', entityId: id, before, after });
      return after;
    });
  }

  async addresses(ctx: Ctx, customerId: string): Promise<AddressDto[]> {
    return (await ctx.db.selectFrom('customer_addresses').selectAll().where('customer_id', '=', customerId).orderBy('created_at').execute()).map(toAddressDto);
  }

  async addAddress(ctx: Ctx, customerId: string, input: AddressInput): Promise<AddressDto> {
    return inTransaction(ctx.db, async (tx) => {
      const count = await tx.selectFrom('customer_addresses').select((eb) => eb.fn.countAll().as('n')).where('customer_id', '=', customerId).executeTakeFirstOrThrow();
      if (Number(count.n) >= 50) throw conflict('identity.too_many_addresses', 'an account can keep at most 50 addresses');
      const first = Number(count.n) === 0;
      const id = newId('addr');
      await this.clearDefaults(tx, customerId, input);
      await tx.insertInto('customer_addresses').values({
        id, customer_id: customerId, ...addressColumns(input),
        is_default_shipping: input.isDefaultShipping ?? first ? 1 : 0, is_default_billing: input.isDefaultBilling ?? first ? 1 : 0,
        created_at: ctx.clock.now().toISOString(),
      }).execute();
      return toAddressDto(await tx.selectFrom('customer_addresses').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    });
  }

  async updateAddress(ctx: Ctx, customerId: string, id: string, input: AddressInput): Promise<AddressDto> {
    return inTransaction(ctx.db, async (tx) => {
      await this.clearDefaults(tx, customerId, input);
      const res = await tx.updateTable('customer_addresses').set({
        ...addressColumns(input),
        ...(input.isDefaultShipping !== undefined ? { is_default_shipping: input.isDefaultShipping ? 1 : 0 } : {}),
        ...(input.isDefaultBilling !== undefined ? { is_default_billing: input.isDefaultBilling ? 1 : 0 } : {}),
      }).where('id', '=', id).where('customer_id', '=', customerId).executeTakeFirst();
      // Another customer's address id answers exactly like a missing one.
      if (Number(res.numUpdatedRows) !== 1) throw notFound('identity.address_not_found', 'address', id);
      return toAddressDto(await tx.selectFrom('customer_addresses').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    });
  }

  async deleteAddress(ctx: Ctx, customerId: string, id: string): Promise<void> {
    const res = await ctx.db.deleteFrom('customer_addresses').where('id', '=', id).where('customer_id', '=', customerId).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw notFound('identity.address_not_found', 'address', id);
  }

  private async clearDefaults(tx: Ctx['db'], customerId: string, input: AddressInput): Promise<void> {
    if (input.isDefaultShipping) await tx.updateTable('customer_addresses').set({ is_default_shipping: 0 }).where('customer_id', '=', customerId).execute();
    if (input.isDefaultBilling) await tx.updateTable('customer_addresses').set({ is_default_billing: 0 }).where('customer_id', '=', customerId).execute();
  }
}

function addressColumns(a: AddressInput) {
  return {
    label: a.label ?? null, first_name: a.firstName, last_name: a.lastName, company: a.company ?? null, line1: a.line1, line2: a.line2 ?? null,
    city: a.city, region: a.region ?? null, postal_code: a.postalCode, country: a.country, phone: a.phone ?? null,
  };
}
