/**
 * Support: conversations with customers (web chat now; email and SMS later) threaded per customer
 * or per guest secret, messages with fields reserved for message understanding, staff-only notes
 * and activity, status, priority, queues and tags, assignment and escalation, the first-response
 * and resolution clock, canned replies, and the customer's context through the identity and
 * orders front doors. The support assistant plugs in through `recordAnalysis` and `addSuggestion`.
 */
import { fileSmsSender, type ModuleDeps, type ModuleParts, type SmsSender } from '../../platform/index.js';
import type { SupportService } from './contracts/service.js';
import { supportMigrations } from './data/migrations.js';
import { supportKbRoutes } from './http/kb.routes.js';
import { supportStaffRoutes } from './http/staff.routes.js';
import { supportStoreRoutes } from './http/store.routes.js';
import { supportWebhookRoutes } from './http/webhooks.routes.js';
import { DEFAULT_SLA, parseSlaTargets } from './domain/status.js';
import { SupportService as SupportServiceImpl } from './service/support.service.js';
import type { SupportUses } from './service/uses.js';
import { csatRequestsSubscription } from './subscribers/csat-requests.js';
import { outboundSubscription, sendSmsJob } from './subscribers/outbound.js';
import { understandMessagesSubscription } from './subscribers/understand-messages.js';

/** How often the escalation rules and automatic assignment run. */
export const ESCALATION_JOB = 'support.escalations';
const ESCALATION_EVERY_SECONDS = 60;

export type * from './contracts/service.js';
export type * from './contracts/schemas.js';
export type * from './contracts/kb.schemas.js';
export { KB_STATUSES } from './contracts/kb.schemas.js';
export type { SupportUses };
export * from './contracts/events.js';
export { CONVERSATION_STATUSES, CONVERSATION_TRANSITIONS, PRIORITIES, FIRST_RESPONSE_MINUTES, RESOLUTION_MINUTES, actionsFor } from './domain/status.js';
export { ROUTING_QUEUES } from './domain/routing.js';
export { PLACEHOLDERS } from './domain/templates.js';

export { signWebhook, SIGNATURE_HEADER } from './domain/webhook-signature.js';

export interface SupportModule { parts: ModuleParts; service: SupportService; sms: SmsSender }

export function createSupportModule(deps: ModuleDeps, uses: SupportUses, opts: { sms?: SmsSender } = {}): SupportModule {
  const c = deps.config;
  const log = deps.log.child({ module: 'support' });
  const sms = opts.sms ?? fileSmsSender(c.sqliteFile === ':memory:' ? undefined : c.dataDir, log);
  // Our Message-IDs use the store's own mail domain, so replies thread back to us.
  const mailDomain = /@([^>\s]+)>?\s*$/.exec(c.mailFrom)?.[1] ?? 'emporia.local';
  const outbound = { uses, sms, smsFrom: c.supportSmsFrom, mailDomain, log };
  const sla = {
    firstResponse: parseSlaTargets(c.supportSlaFirstResponse, DEFAULT_SLA.firstResponse, 'SUPPORT_SLA_FIRST_RESPONSE'),
    resolution: parseSlaTargets(c.supportSlaResolution, DEFAULT_SLA.resolution, 'SUPPORT_SLA_RESOLUTION'),
  };
  const storeLanguage = c.defaultLocale.split('-')[0].toLowerCase();
  const service = new SupportServiceImpl(uses, deps.database.dialect, {
    sla, vipSpend: c.supportVipSpend, storeLanguage, secrets: { email: c.supportEmailWebhookSecret, sms: c.supportSmsWebhookSecret }, publicUrl: c.publicUrl,
  });
  return {
    parts: {
      name: 'support',
      migrations: supportMigrations,
      routes: [...supportStoreRoutes(service), ...supportStaffRoutes(service), ...supportKbRoutes(service), ...supportWebhookRoutes(service)],
      subscriptions: [understandMessagesSubscription({ assist: service.assist, router: service.router, storeLanguage }), outboundSubscription(outbound), csatRequestsSubscription(service.csatService)],
      jobs: [{ name: ESCALATION_JOB, handle: async (ctx) => { await service.runEscalations(ctx); } }, sendSmsJob(outbound)],
      schedules: [{ name: ESCALATION_JOB, everySeconds: ESCALATION_EVERY_SECONDS, job: ESCALATION_JOB }],
    },
    service,
    sms,
  };
}
