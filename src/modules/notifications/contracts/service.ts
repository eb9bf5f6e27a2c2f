/**
 * The notifications module's public interface: transactional messages to shoppers (order
 * confirmation, shipped, ready for pickup, refund issued) from localised templates that merchants
 * may override, and the record of every message sent.
 */
import type { Ctx } from '../../../platform/index.js';

export type NotificationKind = 'order_confirmation' | 'order_shipped' | 'ready_for_pickup' | 'refund_issued';
export const NOTIFICATION_KINDS: readonly NotificationKind[] = ['order_confirmation', 'order_shipped', 'ready_for_pickup', 'refund_issued'];

/**
 * `queued`: rendered and waiting for the sender (again, after a failure that may pass, until
 * `nextAttemptAt`); `sending`: claimed by a sender; `sent`: the mail server accepted it;
 * `failed`: refused for good, or still failing after every attempt (staff may retry it);
 * `skipped`: nothing to send (e.g. a till sale without an email address).
 */
export type NotificationStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped';
export const NOTIFICATION_STATUSES: readonly NotificationStatus[] = ['queued', 'sending', 'sent', 'failed', 'skipped'];

/** Messages another module composes itself and sends through the same outbox (no template here). */
export type DirectMessageKind = 'support_reply' | 'support_survey' | 'product_recommendations';

export interface DirectMessageInput {
  kind: DirectMessageKind;
  /** The event (or other unique fact) it answers: one message per (kind, eventId). */
  eventId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  locale?: string;
  /** Threading headers (an email conversation). */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
}

export interface NotificationRecord {
  id: string;
  kind: NotificationKind | DirectMessageKind;
  /** The event that caused it: one message per (kind, event), however often the event is delivered. */
  eventId: string;
  orderId: string | null;
  to: string;
  subject: string;
  locale: string;
  status: NotificationStatus;
  /** Why the last attempt failed (kept while it waits to be tried again), or why it was skipped. */
  error: string | null;
  /** Sending attempts so far. */
  attempts: number;
  /** When a queued message is next due to be sent. */
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
}

/** What one pass of the sender did. */
export interface FlushResult { sent: number; retrying: number; failed: number }

/** A template's three parts, each in the template language of domain/template.ts. */
export interface TemplateParts { subject: string; text: string; html: string }

export interface TemplateView extends TemplateParts {
  kind: NotificationKind;
  locale: string;
  /** Whether the merchant changed any part of it (the rest comes from the built-in one). */
  custom: boolean;
  updatedAt: string | null;
}

export interface RenderedMessage { locale: string; subject: string; text: string; html: string }

export interface NotificationListQuery {
  orderId?: string;
  kind?: NotificationKind;
  status?: NotificationStatus;
  limit: number;
  cursor?: string;
}

export interface NotificationsService {
  /** Every kind in every language that has a template (built in or the merchant's). */
  listTemplates(ctx: Ctx, q?: { kind?: NotificationKind; locale?: string }): Promise<TemplateView[]>;
  /** The template used for a kind and language (the merchant's parts over the best built-in one). */
  getTemplate(ctx: Ctx, kind: NotificationKind, locale: string): Promise<TemplateView>;
  /** Overrides some parts of a template for one language; each part is checked before it is saved. */
  saveTemplate(ctx: Ctx, kind: NotificationKind, locale: string, parts: Partial<TemplateParts>): Promise<TemplateView>;
  /** Goes back to the built-in template for that language. */
  resetTemplate(ctx: Ctx, kind: NotificationKind, locale: string): Promise<void>;
  /** Renders the saved template, or a draft of some parts, with sample data. */
  preview(ctx: Ctx, kind: NotificationKind, locale: string, draft?: Partial<TemplateParts>): Promise<RenderedMessage>;
  /**
   * Queues a message another module composed (e.g. a support agent's answer by email) in the
   * caller's transaction; the outbox sends it afterwards. Once per (kind, eventId).
   */
  queueMessage(ctx: Ctx, input: DirectMessageInput): Promise<NotificationRecord>;
  /** Messages queued and sent, newest first. */
  list(ctx: Ctx, q: NotificationListQuery): Promise<{ items: NotificationRecord[]; nextCursor: string | null }>;
  /** Puts a failed message back in the queue, due now, with its attempts counted from zero. */
  retry(ctx: Ctx, id: string): Promise<NotificationRecord>;
  /**
   * Sends every message due now and settles each (sent, queued again with backoff, or failed),
   * outside any transaction: `ctx.db` must not be a transaction. The background sender calls it
   * every second on worker processes; tests call it to send deterministically.
   */
  flush(ctx: Ctx): Promise<FlushResult>;
}
