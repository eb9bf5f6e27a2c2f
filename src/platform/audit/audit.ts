/**
 * The audit log: every staff mutation records who, when, what, and the entity before and after.
 * Written in the same transaction as the change, so the log never disagrees with the data.
 */
import { newId } from '../../kernel/index.js';
import { actorRef, type Ctx } from '../context/index.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Records an audit row when a staff member (or the system) acts; customers' own actions are not audited here. */
export async function audit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  if (ctx.actor.kind === 'customer' || ctx.actor.kind === 'anonymous') return;
  await ctx.db.insertInto('audit_log').values({
    id: newId('aud'),
    actor: actorRef(ctx.actor),
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
    after: entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
    request_id: ctx.requestId ?? null,
    at: ctx.clock.now().toISOString(),
  }).execute();
}

const SECRET_KEYS = /password|secret|token|hash|totp/i;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : redact(v)]));
  }
  return value;
}

export interface AuditQuery { entityType?: string; entityId?: string; actor?: string; limit: number; before?: string }

/** Newest first, for the admin's audit page. */
export async function listAudit(ctx: Ctx, q: AuditQuery) {
  const rows = await ctx.db.selectFrom('audit_log').selectAll()
    .$if(!!q.entityType, (b) => b.where('entity_type', '=', q.entityType!))
    .$if(!!q.entityId, (b) => b.where('entity_id', '=', q.entityId!))
    .$if(!!q.actor, (b) => b.where('actor', '=', q.actor!))
    .$if(!!q.before, (b) => b.where('id', '<', q.before!))
    .orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map((r: any) => ({
    id: r.id, actor: r.actor, action: r.action, entityType: r.entity_type, entityId: r.entity_id,
    before: r.before ? JSON.parse(r.before) : null, after: r.after ? JSON.parse(r.after) : null, requestId: r.request_id, at: r.at,
  }));
}
