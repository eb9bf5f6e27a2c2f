/**
 * Templates (built in, overridden per language), rendering, queueing once per event, the record,
 * and (through the outbox, service/outbox.ts) sending and retrying.
 */
import { conflict, newId, notFound, validationError } from '../../../kernel/index.js';
import { audit, decodeCursor, encodeCursor, inTransaction, withDb, type Ctx } from '../../../platform/index.js';
import type {
  DirectMessageInput, FlushResult, NotificationKind, NotificationListQuery, NotificationRecord, NotificationsService as Contract, RenderedMessage, TemplateParts, TemplateView,
} from '../contracts/service.js';
import { canonicalLocale, localeChain } from '../domain/locale.js';
import { messageModel, sampleModel, type EventFacts, type OrderView } from '../domain/model.js';
import { parseTemplate, TemplateError, unknownNames } from '../domain/template.js';
import { BUILT_IN_LOCALES, builtInTemplate, renderParts } from '../domain/templates.js';
import type { MailOutbox } from './outbox.js';

const PARTS = ['subject', 'text', 'html'] as const;

interface OverrideRow { kind: string; locale: string; subject: string | null; text: string | null; html: string | null; updated_at: string }

const toRecord = (r: any): NotificationRecord => ({
  id: r.id, kind: r.kind, eventId: r.event_id, orderId: r.order_id ?? null, to: r.recipient, subject: r.subject, locale: r.locale,
  status: r.status, error: r.error ?? null, attempts: Number(r.attempts ?? 0), nextAttemptAt: r.next_attempt_at ?? null, sentAt: r.sent_at ?? null,
  createdAt: r.created_at,
});

export interface DeliverInput {
  kind: NotificationKind;
  eventId: string;
  orderId: string;
  order: OrderView & { locale?: string | null };
  facts: EventFacts;
}

export class NotificationsServiceImpl implements Contract {
  constructor(private deps: {
    outbox: MailOutbox; defaultLocale: string; defaultCurrency: string;
    /** Called when a message was queued or put back in line, so a running sender looks soon. */
    queued?: () => void;
  }) {}

  private async overrides(ctx: Ctx, kind?: NotificationKind): Promise<OverrideRow[]> {
    return (await ctx.db.selectFrom('notification_templates').selectAll()
      .$if(!!kind, (q) => q.where('kind', '=', kind!)).orderBy('kind').orderBy('locale').execute()) as OverrideRow[];
  }

  /**
   * The template for the first language of the chain that has one (the merchant's or built in);
   * parts the merchant left alone come from the first built-in template from there on.
   */
  private resolve(kind: NotificationKind, chain: string[], rows: OverrideRow[]): TemplateView {
    const start = Math.max(0, chain.findIndex((l) => rows.some((r) => r.kind === kind && r.locale === l) || builtInTemplate(kind, l)));
    const locale = chain[start];
    const base = chain.slice(start).map((l) => builtInTemplate(kind, l)).find(Boolean) ?? builtInTemplate(kind, 'en')!;
    const row = rows.find((r) => r.kind === kind && r.locale === locale);
    return {
      kind, locale,
      subject: row?.subject ?? base.subject, text: row?.text ?? base.text, html: row?.html ?? base.html,
      custom: !!row, updatedAt: row?.updated_at ?? null,
    };
  }

  private chain(locale: string | null | undefined): string[] {
    return localeChain(locale, this.deps.defaultLocale);
  }

  async listTemplates(ctx: Ctx, q: { kind?: NotificationKind; locale?: string } = {}): Promise<TemplateView[]> {
    const rows = await this.overrides(ctx, q.kind);
    const kinds = q.kind ? [q.kind] : (['order_confirmation', 'order_shipped', 'ready_for_pickup', 'refund_issued'] as NotificationKind[]);
    const out: TemplateView[] = [];
    for (const kind of kinds) {
      const locales = [...new Set([...BUILT_IN_LOCALES, ...rows.filter((r) => r.kind === kind).map((r) => r.locale)])].sort();
      for (const locale of locales) {
        if (q.locale && locale !== canonicalLocale(q.locale)) continue;
        out.push({ ...this.resolve(kind, this.chain(locale), rows), locale });
      }
    }
    return out;
  }

  async getTemplate(ctx: Ctx, kind: NotificationKind, locale: string): Promise<TemplateView> {
    const tag = this.checkLocale(locale);
    return { ...this.resolve(kind, this.chain(tag), await this.overrides(ctx, kind)), locale: tag };
  }

  async saveTemplate(ctx: Ctx, kind: NotificationKind, locale: string, parts: Partial<TemplateParts>): Promise<TemplateView> {
    const tag = this.checkLocale(locale);
    this.check(kind, tag, parts);
    return inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.getTemplate(t, kind, tag);
      const existing = (await this.overrides(t, kind)).find((r) => r.locale === tag);
      const now = ctx.clock.now().toISOString();
      const by = ctx.actor.kind === 'staff' ? ctx.actor.id : ctx.actor.kind;
      const values = {
        subject: parts.subject ?? existing?.subject ?? null, text: parts.text ?? existing?.text ?? null, html: parts.html ?? existing?.html ?? null,
        updated_by: by, updated_at: now,
      };
      if (existing) await tx.updateTable('notification_templates').set(values).where('kind', '=', kind).where('locale', '=', tag).execute();
      else await tx.insertInto('notification_templates').values({ kind, locale: tag, ...values }).execute();
      const after = await this.getTemplate(t, kind, tag);
      await audit(t, { action: 'notification_template.updated', entityType: 'notification_template', entityId: `${kind}/${tag}`, before, after });
      return after;
    });
  }

  async resetTemplate(ctx: Ctx, kind: NotificationKind, locale: string): Promise<void> {
    const tag = this.checkLocale(locale);
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const before = await this.getTemplate(t, kind, tag);
      const res = await tx.deleteFrom('notification_templates').where('kind', '=', kind).where('locale', '=', tag).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) return;
      await audit(t, { action: 'notification_template.reset', entityType: 'notification_template', entityId: `${kind}/${tag}`, before, after: await this.getTemplate(t, kind, tag) });
    });
  }

  async preview(ctx: Ctx, kind: NotificationKind, locale: string, draft: Partial<TemplateParts> = {}): Promise<RenderedMessage> {
    const saved = await this.getTemplate(ctx, kind, locale);
    this.check(kind, saved.locale, draft);
    const parts = { subject: draft.subject ?? saved.subject, text: draft.text ?? saved.text, html: draft.html ?? saved.html };
    return { locale: saved.locale, ...renderParts(parts, sampleModel(kind, saved.locale, this.deps.defaultCurrency)) };
  }

  async list(ctx: Ctx, q: NotificationListQuery): Promise<{ items: NotificationRecord[]; nextCursor: string | null }> {
    const after = decodeCursor<{ c: string; i: string }>(q.cursor);
    const rows = await ctx.db.selectFrom('notifications').selectAll()
      .$if(!!q.orderId, (b) => b.where('order_id', '=', q.orderId!))
      .$if(!!q.kind, (b) => b.where('kind', '=', q.kind!))
      .$if(!!q.status, (b) => b.where('status', '=', q.status!))
      .$if(!!after, (b) => b.where((eb) => eb.or([eb('created_at', '<', after!.c), eb.and([eb('created_at', '=', after!.c), eb('id', '<', after!.i)])])))
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
    const items = rows.slice(0, q.limit).map(toRecord);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ c: last.createdAt, i: last.id }) : null };
  }

  /**
   * Queues the message an event calls for, once: a (kind, event) already recorded is not queued
   * again. Runs in the caller's transaction (the event's delivery) and only renders and writes;
   * the outbox sends it once that transaction has committed.
   */
  async deliver(ctx: Ctx, input: DeliverInput): Promise<NotificationRecord> {
    const done = await ctx.db.selectFrom('notifications').selectAll().where('kind', '=', input.kind).where('event_id', '=', input.eventId).executeTakeFirst();
    if (done) return toRecord(done);
    const orderLocale = canonicalLocale(input.order.locale);
    const template = this.resolve(input.kind, this.chain(orderLocale), await this.overrides(ctx, input.kind));
    // Money follows the order's own conventions (fr-CA) when the message is in its language (fr).
    const moneyLocale = orderLocale && orderLocale.split('-')[0].toLowerCase() === template.locale.split('-')[0].toLowerCase() ? orderLocale : template.locale;
    const msg = renderParts(template, { ...messageModel(input.order, input.facts, moneyLocale), locale: template.locale });
    const to = input.order.email.trim();
    const now = ctx.clock.now().toISOString();
    const row = {
      id: newId('ntf'), kind: input.kind, event_id: input.eventId, order_id: input.orderId, recipient: to, subject: msg.subject, locale: template.locale,
      body_text: msg.text, body_html: msg.html || null,
      status: to ? 'queued' : 'skipped', error: to ? null : 'the order has no email address', attempts: 0, next_attempt_at: to ? now : null, lease_until: null, sent_at: null,
      created_at: now,
    };
    await ctx.db.insertInto('notifications').values(row).execute();
    if (to) this.deps.queued?.();
    return toRecord(row);
  }

  async queueMessage(ctx: Ctx, input: DirectMessageInput): Promise<NotificationRecord> {
    const done = await ctx.db.selectFrom('notifications').selectAll().where('kind', '=', input.kind).where('event_id', '=', input.eventId).executeTakeFirst();
    if (done) return toRecord(done);
    const to = input.to.trim();
    const now = ctx.clock.now().toISOString();
    const headers = input.messageId || input.inReplyTo || input.references?.length
      ? JSON.stringify({ messageId: input.messageId, inReplyTo: input.inReplyTo, references: input.references }) : null;
    const row = {
      id: newId('ntf'), kind: input.kind, event_id: input.eventId, order_id: null, recipient: to, subject: input.subject, locale: input.locale ?? this.deps.defaultLocale,
      body_text: input.text, body_html: input.html ?? null, headers,
      status: to ? 'queued' : 'skipped', error: to ? null : 'no email address', attempts: 0, next_attempt_at: to ? now : null, lease_until: null, sent_at: null,
      created_at: now,
    };
    await ctx.db.insertInto('notifications').values(row).execute();
    if (to) this.deps.queued?.();
    return toRecord(row);
  }

  async flush(ctx: Ctx): Promise<FlushResult> {
    return this.deps.outbox.flush(ctx);
  }

  async retry(ctx: Ctx, id: string): Promise<NotificationRecord> {
    const record = await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      const row = await tx.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('notifications.not_found', 'message', id);
      if (row.status !== 'failed') throw conflict('notifications.not_failed', `only a failed message can be retried; this one is ${row.status}`, { status: row.status });
      const values = { status: 'queued', attempts: 0, next_attempt_at: ctx.clock.now().toISOString(), lease_until: null, error: null };
      const res = await tx.updateTable('notifications').set(values).where('id', '=', id).where('status', '=', 'failed').executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('notifications.not_failed', 'the message changed meanwhile; look again', {});
      const before = toRecord(row);
      const after = toRecord({ ...row, ...values });
      await audit(t, { action: 'notification.retried', entityType: 'notification', entityId: id, before, after });
      return after;
    });
    this.deps.queued?.();
    return record;
  }

  private checkLocale(locale: string): string {
    const tag = canonicalLocale(locale);
    if (!tag) throw validationError('not a language tag', [{ field: 'params.locale', message: 'must be a language tag like en or fr-CA' }]);
    return tag;
  }

  /** Refuses a part that does not parse or names a value its kind does not have. */
  private check(kind: NotificationKind, locale: string, parts: Partial<TemplateParts>): void {
    const sample = sampleModel(kind, locale, this.deps.defaultCurrency);
    const problems: { field: string; message: string }[] = [];
    for (const part of PARTS) {
      const source = parts[part];
      if (source === undefined) continue;
      try {
        parseTemplate(source);
        const unknown = unknownNames(source, sample);
        if (unknown.length) problems.push({ field: `body.${part}`, message: `uses ${unknown.map((n) => `{{${n}}}`).join(', ')}, which ${kind} messages do not have` });
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        problems.push({ field: `body.${part}`, message: e.message });
      }
    }
    if (problems.length) throw validationError('the template has mistakes', problems);
  }
}
