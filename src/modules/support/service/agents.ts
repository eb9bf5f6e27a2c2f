/**
 * Support agents as routing sees them: staff who may answer support, with their skills
 * (languages, queues), their limit and lead flag, whether they take new work now, and their
 * current load. Skills live in support's own table, keyed by staff id; staff without a row
 * take any language and queue up to the default limit once they make themselves available.
 */
import { sql } from 'kysely';
import { validationError } from '../../../kernel/index.js';
import { audit, inTransaction, ROLE_PERMISSIONS, withDb, type Ctx } from '../../../platform/index.js';
import type { AgentDto } from '../contracts/schemas.js';
import type { AgentSkills } from '../domain/assignment.js';
import type { SupportUses } from './uses.js';

export const DEFAULT_MAX_LOAD = 10;
const ACTIVE = ['open', 'pending'];

export interface SkillsPatch { languages?: string[]; queues?: string[]; maxLoad?: number; lead?: boolean; available?: boolean }

export class Agents {
  constructor(private uses: SupportUses) {}

  /** Active staff with support:write, their skills and load, by name. */
  async list(ctx: Ctx): Promise<AgentDto[]> {
    const staff = (await this.uses.staff.list(ctx)).filter((s) => s.status === 'active' && ROLE_PERMISSIONS[s.role as keyof typeof ROLE_PERMISSIONS]?.has('support:write'));
    const load = await ctx.db.selectFrom('support_conversations').select(['assignee_id', sql<number>`count(*)`.as('n')])
      .where('status', 'in', ACTIVE).where('assignee_id', 'is not', null).groupBy('assignee_id').execute();
    const loadBy = new Map(load.map((r: any) => [r.assignee_id as string, Number(r.n)]));
    const skills = await ctx.db.selectFrom('support_agent_skills').selectAll().execute();
    const skillBy = new Map(skills.map((r: any) => [r.staff_id as string, r]));
    return staff.map((s) => {
      const k = skillBy.get(s.id);
      return {
        id: s.id, name: s.name, email: s.email, role: s.role, assigned: loadBy.get(s.id) ?? 0,
        languages: k ? JSON.parse(k.languages) : [], queues: k ? JSON.parse(k.queues) : [], maxLoad: k ? Number(k.max_load) : DEFAULT_MAX_LOAD,
        // Without a row, owners and admins are the leads an SLA breach goes to.
        lead: k ? !!Number(k.lead) : s.role === 'owner' || s.role === 'admin',
        // Automatic assignment is opt-in: an agent turns it on (the console's Available switch).
        available: k ? !!Number(k.available) : false,
      };
    }).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The same agents in the shape the assignment rules read. */
  async forAssignment(ctx: Ctx): Promise<AgentSkills[]> {
    return (await this.list(ctx)).map((a) => ({
      staffId: a.id, name: a.name, languages: a.languages, queues: a.queues, maxLoad: a.maxLoad, lead: a.lead, available: a.available, load: a.assigned, lastAssignedAt: null,
    }));
  }

  async setSkills(ctx: Ctx, staffId: string, patch: SkillsPatch): Promise<AgentDto> {
    const before = (await this.list(ctx)).find((a) => a.id === staffId);
    if (!before) throw validationError(`${staffId} is not an active staff member who can answer support`, [{ field: 'params.id', message: 'must be an active staff member with support:write' }]);
    const norm = (xs: string[]) => [...new Set(xs.map((x) => x.trim().toLowerCase()))].sort();
    const next = {
      languages: patch.languages ? norm(patch.languages) : before.languages, queues: patch.queues ? norm(patch.queues) : before.queues,
      maxLoad: patch.maxLoad ?? before.maxLoad, lead: patch.lead ?? before.lead, available: patch.available ?? before.available,
    };
    const row = {
      staff_id: staffId, languages: JSON.stringify(next.languages), queues: JSON.stringify(next.queues), max_load: next.maxLoad,
      lead: next.lead ? 1 : 0, available: next.available ? 1 : 0, updated_at: ctx.clock.now().toISOString(),
    };
    await inTransaction(ctx.db, async (tx) => {
      await tx.insertInto('support_agent_skills').values(row)
        .onConflict((oc) => oc.column('staff_id').doUpdateSet({ languages: row.languages, queues: row.queues, max_load: row.max_load, lead: row.lead, available: row.available, updated_at: row.updated_at }))
        .execute();
      await audit(withDb(ctx, tx), {
        action: 'support.agent_skills_updated', entityType: 'staff', entityId: staffId,
        before: { languages: before.languages, queues: before.queues, maxLoad: before.maxLoad, lead: before.lead, available: before.available }, after: next,
      });
    });
    return { ...before, ...next };
  }
}
