/**
 * The SMTP adapter of the mail port (nodemailer), chosen when SMTP_URL is set. A refusal for good
 * (5xx) becomes MailRejectedError; anything else (no connection, 4xx, timeouts) is thrown as is so
 * the caller (e.g. the notifications outbox) retries it later.
 */
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { DEFAULT_MAIL_FROM, fileMailer, MailRejectedError, recentList, type Mailer } from './mailer.js';

export interface SmtpOptions {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://… (TLS from the start). */
  url: string;
  from?: string;
  /** Milliseconds for connecting and the greeting; each socket wait gets twice that. Callers send outside transactions, but a sender waits this long on a dead server. */
  timeoutMs?: number;
}

export function smtpMailer(opts: SmtpOptions, log: Logger): Mailer {
  const sent = recentList();
  const timeout = opts.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    url: opts.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout * 2,
  }, { from: opts.from ?? DEFAULT_MAIL_FROM });
  return {
    async send(msg) {
      try {
        const info = await transport.sendMail({ to: msg.to, subject: msg.subject, text: msg.text, html: msg.html, messageId: msg.messageId, inReplyTo: msg.inReplyTo, references: msg.references });
        sent.push(msg);
        log.info({ to: msg.to, subject: msg.subject, messageId: info.messageId }, 'mail sent over SMTP');
      } catch (e) {
        const code = Number((e as { responseCode?: number }).responseCode);
        if (code >= 500 && code < 600 && code !== 530 && code !== 535) {
          // 530/535 are our credentials, not the message: fixing the config makes a retry succeed.
          throw new MailRejectedError(`the mail server refused the message: ${(e as Error).message}`, code);
        }
        throw e;
      }
    },
    recent: () => sent.list(),
  };
}

/** The mailer the configuration asks for: SMTP when a URL is given, else the local outbox folder. */
export function createMailer(opts: { smtpUrl?: string; from?: string; outboxDir?: string }, log: Logger): Mailer {
  return opts.smtpUrl ? smtpMailer({ url: opts.smtpUrl, from: opts.from }, log) : fileMailer(opts.outboxDir, log, opts.from);
}
