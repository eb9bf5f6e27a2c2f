/** Staff users: create, list, change role or status. Owners are protected from non-owners. */
import { AppError, conflict, forbidden, newId, notFound } from '../../../kernel/index.js';
import { audit, emit, inTransaction, isUniqueViolation, withDb, type Ctx, type Role } from '../../../platform/index.js';
import { StaffCreated, StaffUpdated } from '../contracts/events.js';
import type { StaffDto } from '../contracts/schemas.js';
import { hashPassword, normaliseEmail, passwordProblem } from '../domain/passwords.js';
import type { AuthService } from './auth.service.js';

export const toStaffDto = (r: any): StaffDto => ({
  id: r.id, email: r.email, name: r.name, role: r.role, status: r.status, mfaEnabled: !!r.mfa_enabled, lastLoginAt: r.last_login_at ?? null, createdAt: r.created_at,
});

export class StaffService {
  constructor(private auth: AuthService) {}

  /** Adds a staff user; only an owner may create another owner. */
  async create(ctx: Ctx, input: { email: string; name: string; role: Role; password: string }): Promise<StaffDto> {
    this.assertMayGrant(ctx, input.role);
    const email = normaliseEmail(input.email);
    const problem = passwordProblem(input.password, email);
    if (problem) throw new AppError('validation.failed', `password ${problem}`, 400, [{ field: 'body.password', message: problem }]);
    const now = ctx.clock.now().toISOString();
    const row = { id: newId('stf'), email, name: input.name.trim(), role: input.role, status: 'active', password_hash: await hashPassword(input.password), mfa_secret: null, mfa_enabled: 0, failed_attempts: 0, locked_until: null, last_login_at: null, created_at: now, updated_at: now };
    try {
      await inTransaction(ctx.db, async (tx) => {
        await tx.insertInto('staff_users').values(row).execute();
        await emit(withDb(ctx, tx), StaffCreated, row.id, { staffId: row.id, email, role: input.role });
        await audit(withDb(ctx, tx), { action: 'staff.created', entityType: 'staff', entityId: row.id, after: toStaffDto(row) });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('identity.email_taken', `a staff user with email ${email} already exists`, { field: 'body.email' });
      throw e;
    }
    return toStaffDto(row);
  }

  async list(ctx: Ctx): Promise<StaffDto[]> {
    return (await ctx.db.selectFrom('staff_users').selectAll().orderBy('created_at').execute()).map(toStaffDto);
  }

  async get(ctx: Ctx, id: string): Promise<StaffDto> {
    const r = await ctx.db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('identity.staff_not_found', 'staff user', id);
    return toStaffDto(r);
  }

  /** Changes name, role or status; disabling signs the user out everywhere. */
  async update(ctx: Ctx, id: string, patch: { name?: string; role?: Role; status?: 'active' | 'disabled' }): Promise<StaffDto> {
    return inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.get(t, id);
      if (before.role === 'owner' || patch.role === 'owner') this.assertMayGrant(ctx, 'owner');
      if (ctx.actor.kind === 'staff' && ctx.actor.id === id && (patch.role || patch.status === 'disabled')) {
        throw forbidden('you cannot change your own role or disable yourself', 'identity.self_change_forbidden');
      }
      if (before.role === 'owner' && (patch.role && patch.role !== 'owner' || patch.status === 'disabled')) {
        const owners = await tx.selectFrom('staff_users').select((eb) => eb.fn.countAll().as('n')).where('role', '=', 'owner').where('status', '=', 'active').executeTakeFirstOrThrow();
        if (Number(owners.n) <= 1) throw conflict('identity.last_owner', 'the store must keep at least one active owner');
      }
      const set: Record<string, unknown> = { updated_at: ctx.clock.now().toISOString() };
      if (patch.name !== undefined) set.name = patch.name.trim();
      if (patch.role !== undefined) set.role = patch.role;
      if (patch.status !== undefined) set.status = patch.status;
      await tx.updateTable('staff_users').set(set).where('id', '=', id).execute();
      if (patch.status === 'disabled' || patch.role) await this.auth.revokeAll(tx, 'staff', id);
      const after = await this.get(t, id);
      await emit(t, StaffUpdated, id, { staffId: id, fields: Object.keys(patch) });
      await audit(t, { action: 'staff.updated', entityType: 'staff', entityId: id, before, after });
      return after;
    });
  }

  private assertMayGrant(ctx: Ctx, role: Role): void {
    if (role === 'owner' && ctx.actor.kind === 'staff' && ctx.actor.role !== 'owner') {
      throw forbidden('only an owner can create or change an owner', 'identity.owner_only');
    }
  }
}
