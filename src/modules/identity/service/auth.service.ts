/**
 * Sign-in for staff and customers: passwords, lockout, login history, access and refresh tokens
 * with rotation and reuse detection, TOTP MFA for staff, single-use password reset tokens.
 */
import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { AppError, newId, unauthorized, type Clock } from '../../../kernel/index.js';
import {
  audit, emit, inTransaction, ROLE_PERMISSIONS, withDb, type Actor, type Cache, type Config, type Ctx, type Db, type Mailer, type Role,
} from '../../../platform/index.js';
import { AccountLocked } from '../contracts/events.js';
import { hashPassword, normaliseEmail, passwordProblem, verifyPassword } from '../domain/passwords.js';
import { SecretBox } from '../domain/secret-box.js';
import { newRefreshSecret, parseRefreshToken, sha256, TokenSigner } from '../domain/tokens.js';

export type SubjectKind = 'staff' | 'customer';
const TABLE: Record<SubjectKind, string> = { staff: 'staff_users', customer: 'customers' };

export interface ClientMeta { ip?: string; userAgent?: string }

export interface Tokens { accessToken: string; refreshToken: string; expiresIn: number; tokenType: 'Bearer'; mfaEnrollmentRequired?: boolean }

interface SessionState { revoked: boolean; expiresAt: string; role?: Role; active: boolean }

const REQUIRE_MFA_KEY = 'identity.require_staff_mfa';
const revokedKey = (sessionId: string) => `identity:revoked:${sessionId}`;

export class AuthService {
  private signer: TokenSigner;
  private box: SecretBox;
  // Revocation is checked on every request; a short cache keeps that off the database's back.
  private sessions = new LRUCache<string, SessionState>({ max: 50_000, ttl: 2_000 });

  /**
   * `revocations` is the revocation list shared by every node (Redis in distributed mode): a
   * sign-out on one node is refused on all the others at their next request, not after their
   * local cache expires. The database stays the source of truth; while the shared list is
   * unreachable, revocations are seen from the database within the local cache's 2 s.
   */
  constructor(private config: Config, secret: string, private mailer: Mailer, private clock: Clock, private revocations: Cache) {
    this.signer = new TokenSigner(secret, config.accessTokenTtl);
    this.box = new SecretBox(secret);
  }

  /** Resolves a bearer token to an actor; throws 401 when it is expired, forged or revoked. */
  async authenticate(db: Db, token: string): Promise<Actor> {
    const claims = await this.signer.verify(token, this.clock.now());
    if (claims === 'expired') throw unauthorized('the access token has expired; refresh it', 'auth.token_expired');
    if (claims === 'invalid') throw unauthorized('the access token is not valid', 'auth.invalid_token');
    if (await this.revocations.get(revokedKey(claims.sid))) throw unauthorized('this session has been signed out', 'auth.session_revoked');
    let state = this.sessions.get(claims.sid);
    if (!state) {
      const s = await db.selectFrom('auth_sessions').select(['revoked_at', 'expires_at', 'subject_id']).where('id', '=', claims.sid).executeTakeFirst();
      let role: Role | undefined;
      let active = !!s && s.subject_id === claims.sub;
      if (claims.kind === 'staff' && active) {
        const u = await db.selectFrom('staff_users').select(['role', 'status']).where('id', '=', claims.sub).executeTakeFirst();
        role = u?.role;
        active = u?.status === 'active';
      } else if (active) {
        const c = await db.selectFrom('customers').select(['status']).where('id', '=', claims.sub).executeTakeFirst();
        active = c?.status === 'active';
      }
      state = { revoked: !s || !!s.revoked_at, expiresAt: s?.expires_at ?? '', role, active };
      this.sessions.set(claims.sid, state);
    }
    if (state.revoked || !state.active) throw unauthorized('this session has been signed out', 'auth.session_revoked');
    if (claims.kind === 'customer') return { kind: 'customer', id: claims.sub, sessionId: claims.sid };
    const role = state.role!;
    const permissions = claims.enr ? new Set(['self']) : new Set([...ROLE_PERMISSIONS[role], 'self']);
    return { kind: 'staff', id: claims.sub, role, permissions, sessionId: claims.sid };
  }

  /** Checks a password and (for staff) a TOTP code, with lockout, and opens a session. */
  async login(ctx: Ctx, kind: SubjectKind, input: { email: string; password: string; totp?: string }, meta: ClientMeta): Promise<Tokens> {
    const email = normaliseEmail(input.email);
    const now = this.clock.now();
    const user = await ctx.db.selectFrom(TABLE[kind]).selectAll().where('email', '=', email).executeTakeFirst();
    const record = (success: boolean, reason: string) => this.recordLogin(ctx.db, kind, user?.id ?? null, email, success, reason, meta);
    if (user?.locked_until && user.locked_until > now.toISOString()) {
      await record(false, 'locked');
      const retryAfter = Math.ceil((new Date(user.locked_until).getTime() - now.getTime()) / 1000);
      throw new AppError('auth.account_locked', `too many failed attempts; try again in ${retryAfter} s`, 423, { retryAfterSeconds: retryAfter });
    }
    const passwordOk = await verifyPassword(user?.password_hash, input.password);
    if (!user || !passwordOk) {
      if (user) await this.registerFailure(ctx, kind, user.id);
      await record(false, user ? 'bad_password' : 'unknown_email');
      throw unauthorized('email or password is incorrect', 'auth.invalid_credentials');
    }
    if (user.status !== 'active') {
      await record(false, 'disabled');
      throw new AppError('auth.account_disabled', 'this account is disabled', 403);
    }
    let enrollmentOnly = false;
    if (kind === 'staff') {
      if (user.mfa_enabled) {
        if (!input.totp) {
          await record(false, 'mfa_required');
          throw unauthorized('a code from your authenticator app is required', 'auth.mfa_required');
        }
        if (!this.checkTotp(user.mfa_secret, input.totp)) {
          await this.registerFailure(ctx, kind, user.id);
          await record(false, 'bad_mfa_code');
          throw unauthorized('the authenticator code is not correct', 'auth.invalid_mfa_code');
        }
      } else if ((user.role === 'owner' || user.role === 'admin') && (await this.requireStaffMfa(ctx.db))) {
        enrollmentOnly = true;
      }
    }
    await ctx.db.updateTable(TABLE[kind]).set({ failed_attempts: 0, locked_until: null, ...(kind === 'staff' ? { last_login_at: now.toISOString() } : {}) }).where('id', '=', user.id).execute();
    await record(true, enrollmentOnly ? 'ok_mfa_enrollment_required' : 'ok');
    const tokens = await this.openSession(ctx.db, kind, user.id, user.role, meta, { enrollmentOnly });
    return enrollmentOnly ? { ...tokens, mfaEnrollmentRequired: true } : tokens;
  }

  private async registerFailure(ctx: Ctx, kind: SubjectKind, id: string): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      await tx.updateTable(TABLE[kind]).set((eb: any) => ({ failed_attempts: eb('failed_attempts', '+', 1) })).where('id', '=', id).execute();
      const row = await tx.selectFrom(TABLE[kind]).select('failed_attempts').where('id', '=', id).executeTakeFirstOrThrow();
      if (row.failed_attempts >= this.config.loginMaxAttempts) {
        const until = new Date(this.clock.now().getTime() + this.config.lockoutSeconds * 1000).toISOString();
        await tx.updateTable(TABLE[kind]).set({ failed_attempts: 0, locked_until: until }).where('id', '=', id).execute();
        await emit(withDb(ctx, tx), AccountLocked, id, { subjectKind: kind, subjectId: id, until });
      }
    });
  }

  private async recordLogin(db: Db, kind: SubjectKind, subjectId: string | null, email: string, success: boolean, reason: string, meta: ClientMeta): Promise<void> {
    await db.insertInto('login_events').values({
      id: newId('lgn'), subject_kind: kind, subject_id: subjectId, email, success: success ? 1 : 0, reason,
      ip: meta.ip ?? null, user_agent: meta.userAgent?.slice(0, 300) ?? null, at: this.clock.now().toISOString(),
    }).execute();
  }

  /** Creates a session and its token pair. */
  async openSession(db: Db, kind: SubjectKind, subjectId: string, role: Role | undefined, meta: ClientMeta, opts: { familyId?: string; enrollmentOnly?: boolean } = {}): Promise<Tokens> {
    const now = this.clock.now();
    const id = newId('ses');
    const secret = newRefreshSecret();
    await db.insertInto('auth_sessions').values({
      id, family_id: opts.familyId ?? id, subject_kind: kind, subject_id: subjectId, refresh_hash: sha256(secret),
      expires_at: new Date(now.getTime() + this.config.refreshTokenTtl * 1000).toISOString(), revoked_at: null, replaced_by: null,
      mfa_enrollment_only: opts.enrollmentOnly ? 1 : 0, ip: meta.ip ?? null, user_agent: meta.userAgent?.slice(0, 300) ?? null, created_at: now.toISOString(),
    }).execute();
    const accessToken = await this.signer.sign({ sub: subjectId, kind, sid: id, role, enr: opts.enrollmentOnly }, now);
    return { accessToken, refreshToken: `${id}.${secret}`, expiresIn: this.signer.expiresIn, tokenType: 'Bearer' };
  }

  /** Trades a refresh token for a new pair; reusing an already-rotated token revokes the whole family. */
  async refresh(ctx: Ctx, kind: SubjectKind, refreshToken: string, meta: ClientMeta): Promise<Tokens> {
    const parsed = parseRefreshToken(refreshToken);
    const invalid = () => unauthorized('the refresh token is not valid', 'auth.invalid_refresh_token');
    if (!parsed) throw invalid();
    const now = this.clock.now().toISOString();
    let reused = false;
    const tokens = await inTransaction(ctx.db, async (tx) => {
      const s = await tx.selectFrom('auth_sessions').selectAll().where('id', '=', parsed.sessionId).executeTakeFirst();
      if (!s || s.subject_kind !== kind || s.refresh_hash !== sha256(parsed.secret)) return null;
      if (s.replaced_by) { reused = true; return null; }
      if (s.revoked_at || s.expires_at <= now) return null;
      let role: Role | undefined;
      if (kind === 'staff') {
        const u = await tx.selectFrom('staff_users').select(['role', 'status', 'mfa_enabled']).where('id', '=', s.subject_id).executeTakeFirst();
        if (!u || u.status !== 'active') return null;
        role = u.role;
      }
      const enrollmentOnly = !!s.mfa_enrollment_only && kind === 'staff' && !(await tx.selectFrom('staff_users').select('mfa_enabled').where('id', '=', s.subject_id).executeTakeFirst())?.mfa_enabled;
      const next = await this.openSession(tx, kind, s.subject_id, role, meta, { familyId: s.family_id, enrollmentOnly });
      const upd = await tx.updateTable('auth_sessions').set({ revoked_at: now, replaced_by: next.refreshToken.split('.')[0] })
        .where('id', '=', s.id).where('replaced_by', 'is', null).executeTakeFirst();
      if (Number(upd.numUpdatedRows) !== 1) { reused = true; throw new ReuseDetected(); }
      this.sessions.delete(s.id);
      return next;
    }).catch((e) => { if (e instanceof ReuseDetected) return null; throw e; });
    if (tokens) await this.announceRevoked([parsed.sessionId]);
    if (reused) {
      // A rotated token came back: someone holds a copy. Sign the whole family out.
      const s = await ctx.db.selectFrom('auth_sessions').select('family_id').where('id', '=', parsed.sessionId).executeTakeFirst();
      if (s) await this.revokeWhere(ctx.db, (q: any) => q.where('family_id', '=', s.family_id));
      throw unauthorized('this refresh token was already used; all sessions from it are signed out', 'auth.refresh_token_reused');
    }
    if (!tokens) throw invalid();
    return tokens;
  }

  /** Signs out one session. */
  async logout(ctx: Ctx, sessionId: string): Promise<void> {
    await this.revokeWhere(ctx.db, (q: any) => q.where('id', '=', sessionId));
  }

  /** Signs out every session of a subject (password change, disabled account, "sign out everywhere"). */
  async revokeAll(db: Db, kind: SubjectKind, subjectId: string): Promise<number> {
    return this.revokeWhere(db, (q: any) => q.where('subject_kind', '=', kind).where('subject_id', '=', subjectId));
  }

  private async revokeWhere(db: Db, where: (q: any) => any): Promise<number> {
    const now = this.clock.now().toISOString();
    const ids = (await where(db.selectFrom('auth_sessions').select('id').where('revoked_at', 'is', null)).execute()).map((r: any) => r.id as string);
    if (!ids.length) return 0;
    await db.updateTable('auth_sessions').set({ revoked_at: now }).where('id', 'in', ids).execute();
    for (const id of ids) this.sessions.delete(id);
    await this.announceRevoked(ids);
    return ids.length;
  }

  /** Lists sessions as revoked for every node, for as long as an access token can live. */
  private async announceRevoked(ids: string[]): Promise<void> {
    await Promise.all(ids.map((id) => this.revocations.set(revokedKey(id), 1, this.config.accessTokenTtl)));
  }

  /** Sends a single-use reset link; answers the same whether or not the email exists. */
  async requestPasswordReset(ctx: Ctx, kind: SubjectKind, emailRaw: string): Promise<void> {
    const email = normaliseEmail(emailRaw);
    const user = await ctx.db.selectFrom(TABLE[kind]).select(['id', 'status']).where('email', '=', email).executeTakeFirst();
    if (!user || user.status !== 'active') return;
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await ctx.db.insertInto('password_resets').values({
      token_hash: sha256(token), subject_kind: kind, subject_id: user.id,
      expires_at: new Date(now.getTime() + 3600_000).toISOString(), used_at: null, created_at: now.toISOString(),
    }).execute();
    const base = this.config.publicUrl ?? `http://localhost:${this.config.port}`;
    const path = kind === 'staff' ? '/admin/reset-password' : '/account/reset-password';
    await this.mailer.send({
      to: email,
      subject: 'Reset your password',
      text: `Someone asked to reset the password for this account.\n\nUse this link within an hour: ${base}${path}?token=${token}\n\nReset code: ${token}\n\nIf it was not you, ignore this message.`,
    });
  }

  /** Sets a new password from a reset token; the token works once and all sessions are signed out. */
  async resetPassword(ctx: Ctx, token: string, password: string): Promise<void> {
    const now = this.clock.now().toISOString();
    await inTransaction(ctx.db, async (tx) => {
      const row = await tx.selectFrom('password_resets').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
      if (!row || row.used_at || row.expires_at <= now) throw new AppError('auth.invalid_reset_token', 'this reset link is invalid, used or expired', 400, [{ field: 'body.token', message: 'is invalid, used or expired' }]);
      const kind = row.subject_kind as SubjectKind;
      const user = await tx.selectFrom(TABLE[kind]).select(['email']).where('id', '=', row.subject_id).executeTakeFirstOrThrow();
      const problem = passwordProblem(password, user.email);
      if (problem) throw new AppError('validation.failed', `password ${problem}`, 400, [{ field: 'body.password', message: problem }]);
      const used = await tx.updateTable('password_resets').set({ used_at: now }).where('token_hash', '=', row.token_hash).where('used_at', 'is', null).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw new AppError('auth.invalid_reset_token', 'this reset link was already used', 400);
      await tx.updateTable(TABLE[kind]).set({ password_hash: await hashPassword(password), failed_attempts: 0, locked_until: null, updated_at: now }).where('id', '=', row.subject_id).execute();
      await this.revokeAll(tx, kind, row.subject_id);
    });
  }

  /** Changes a signed-in user's password after checking the current one; other sessions are signed out. */
  async changePassword(ctx: Ctx, kind: SubjectKind, subjectId: string, current: string, next: string, keepSession?: string): Promise<void> {
    const user = await ctx.db.selectFrom(TABLE[kind]).select(['password_hash', 'email']).where('id', '=', subjectId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, current))) throw new AppError('auth.invalid_credentials', 'the current password is incorrect', 400, [{ field: 'body.currentPassword', message: 'is incorrect' }]);
    const problem = passwordProblem(next, user.email);
    if (problem) throw new AppError('validation.failed', `newPassword ${problem}`, 400, [{ field: 'body.newPassword', message: problem }]);
    await inTransaction(ctx.db, async (tx) => {
      await tx.updateTable(TABLE[kind]).set({ password_hash: await hashPassword(next), updated_at: this.clock.now().toISOString() }).where('id', '=', subjectId).execute();
      await this.revokeWhere(tx, (q: any) => q.where('subject_kind', '=', kind).where('subject_id', '=', subjectId).$if(!!keepSession, (b: any) => b.where('id', '!=', keepSession)));
      await audit(withDb(ctx, tx), { action: 'staff.password_changed', entityType: kind, entityId: subjectId });
    });
  }

  // --- MFA -----------------------------------------------------------------------------------

  /** Starts TOTP enrolment: stores a new (not yet enabled) secret and returns it with an otpauth URI. */
  async mfaSetup(ctx: Ctx, staffId: string): Promise<{ secret: string; otpauthUri: string }> {
    const user = await ctx.db.selectFrom('staff_users').select(['email', 'mfa_enabled']).where('id', '=', staffId).executeTakeFirstOrThrow();
    if (user.mfa_enabled) throw new AppError('auth.mfa_already_enabled', 'MFA is already on; turn it off first to enrol a new device', 409);
    const secret = generateSecret();
    await ctx.db.updateTable('staff_users').set({ mfa_secret: this.box.seal(secret), updated_at: this.clock.now().toISOString() }).where('id', '=', staffId).execute();
    return { secret, otpauthUri: generateURI({ secret, label: user.email, issuer: 'Emporia' }) };
  }

  /** Turns MFA on once the user proves they hold the secret. */
  async mfaEnable(ctx: Ctx, staffId: string, code: string): Promise<void> {
    const user = await ctx.db.selectFrom('staff_users').select(['mfa_secret', 'mfa_enabled']).where('id', '=', staffId).executeTakeFirstOrThrow();
    if (!user.mfa_secret) throw new AppError('auth.mfa_not_started', 'start MFA setup first', 409);
    if (!this.checkTotp(user.mfa_secret, code)) throw new AppError('auth.invalid_mfa_code', 'the authenticator code is not correct', 400, [{ field: 'body.code', message: 'is not correct' }]);
    await inTransaction(ctx.db, async (tx) => {
      await tx.updateTable('staff_users').set({ mfa_enabled: 1, updated_at: this.clock.now().toISOString() }).where('id', '=', staffId).execute();
      // Enrolment-only sessions have served their purpose; the user signs in again with a code.
      await this.revokeWhere(tx, (q: any) => q.where('subject_kind', '=', 'staff').where('subject_id', '=', staffId).where('mfa_enrollment_only', '=', 1));
      await audit(withDb(ctx, tx), { action: 'staff.mfa_enabled', entityType: 'staff', entityId: staffId, before: { mfaEnabled: false }, after: { mfaEnabled: true } });
    });
  }

  /** Turns MFA off with a valid code (not allowed when the store requires it for this role). */
  async mfaDisable(ctx: Ctx, staffId: string, code: string): Promise<void> {
    const user = await ctx.db.selectFrom('staff_users').select(['mfa_secret', 'mfa_enabled', 'role']).where('id', '=', staffId).executeTakeFirstOrThrow();
    if (!user.mfa_enabled) throw new AppError('auth.mfa_not_enabled', 'MFA is not on', 409);
    if ((user.role === 'owner' || user.role === 'admin') && (await this.requireStaffMfa(ctx.db))) throw new AppError('auth.mfa_required_by_policy', 'the store requires MFA for owners and admins', 409);
    if (!this.checkTotp(user.mfa_secret, code)) throw new AppError('auth.invalid_mfa_code', 'the authenticator code is not correct', 400, [{ field: 'body.code', message: 'is not correct' }]);
    await inTransaction(ctx.db, async (tx) => {
      await tx.updateTable('staff_users').set({ mfa_enabled: 0, mfa_secret: null, updated_at: this.clock.now().toISOString() }).where('id', '=', staffId).execute();
      await audit(withDb(ctx, tx), { action: 'staff.mfa_disabled', entityType: 'staff', entityId: staffId, before: { mfaEnabled: true }, after: { mfaEnabled: false } });
    });
  }

  private checkTotp(sealed: string | null, code: string): boolean {
    if (!sealed || !/^\d{6}$/.test(code)) return false;
    try {
      return verifySync({ secret: this.box.open(sealed), token: code, epoch: Math.floor(this.clock.now().getTime() / 1000), epochTolerance: 30 }).valid;
    } catch { return false; }
  }

  async requireStaffMfa(db: Db): Promise<boolean> {
    const row = await db.selectFrom('settings').select('value').where('key', '=', REQUIRE_MFA_KEY).executeTakeFirst();
    return row?.value === 'true';
  }

  async setRequireStaffMfa(ctx: Ctx, value: boolean): Promise<void> {
    const before = await this.requireStaffMfa(ctx.db);
    await inTransaction(ctx.db, async (tx) => {
      await tx.insertInto('settings').values({ key: REQUIRE_MFA_KEY, value: String(value), updated_at: this.clock.now().toISOString() })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(value), updated_at: this.clock.now().toISOString() })).execute();
      await audit(withDb(ctx, tx), { action: 'settings.security_updated', entityType: 'settings', entityId: 'security', before: { requireStaffMfa: before }, after: { requireStaffMfa: value } });
    });
  }

  async loginHistory(db: Db, kind: SubjectKind, subjectId: string, limit = 50) {
    const rows = await db.selectFrom('login_events').selectAll().where('subject_kind', '=', kind).where('subject_id', '=', subjectId).orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r: any) => ({ id: r.id, email: r.email, success: !!r.success, reason: r.reason, ip: r.ip, userAgent: r.user_agent, at: r.at }));
  }
}

class ReuseDetected extends Error {}
