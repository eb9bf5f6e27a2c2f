/**
 * The mail port. The embedded default writes each message as an .eml file under DATA_DIR/mail
 * and logs it, so a merchant without SMTP still sees what would have gone out; with SMTP_URL the
 * SMTP adapter (smtp-mailer.ts) sends it instead.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { newId } from '../../kernel/index.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative to `text`; the message is multipart/alternative when set. */
  html?: string;
  /** Threading: this message's Message-ID, and the one it answers (with the thread's References). */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
}

export interface Mailer {
  send(msg: MailMessage): Promise<void>;
  /** Messages sent by this process, newest last (the embedded mailer keeps the last 100; tests read them). */
  recent(): MailMessage[];
}

/**
 * The server refused this message for good (an SMTP 5xx answer to the recipient or the message):
 * sending it again would fail again, so callers record it instead of retrying.
 */
export class MailRejectedError extends Error {
  constructor(message: string, readonly responseCode: number) {
    super(message);
    this.name = 'MailRejectedError';
  }
}

export const DEFAULT_MAIL_FROM = 'store@emporia.local';

/** Keeps the last messages for `recent()`. */
export function recentList(max = 100): { push(m: MailMessage): void; list(): MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    push(m) { sent.push(m); if (sent.length > max) sent.shift(); },
    list: () => [...sent],
  };
}

export function fileMailer(dataDir: string | undefined, log: Logger, from = DEFAULT_MAIL_FROM): Mailer {
  const sent = recentList();
  const dir = dataDir ? join(resolve(dataDir), 'mail') : undefined;
  // nodemailer composes the .eml (encoded headers, multipart for HTML) without sending anything.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(msg) {
      sent.push(msg);
      if (dir) {
        const info = await composer.sendMail({ from, to: msg.to, subject: msg.subject, text: msg.text, html: msg.html, messageId: msg.messageId, inReplyTo: msg.inReplyTo, references: msg.references });
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `${newId('mail')}.eml`), info.message as Buffer);
      }
      log.info({ to: msg.to, subject: msg.subject }, 'mail written to the local outbox');
    },
    recent: () => sent.list(),
  };
}
