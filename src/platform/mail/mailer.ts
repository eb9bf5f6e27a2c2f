/**
 * The mail port. The embedded default writes each message as an .eml file under DATA_DIR/mail
 * and logs it, so a merchant without SMTP still sees what would have gone out.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { newId } from '../../kernel/index.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(msg: MailMessage): Promise<void>;
  /** Messages sent by this process, newest last (the embedded mailer keeps the last 100; tests read them). */
  recent(): MailMessage[];
}

export function fileMailer(dataDir: string | undefined, log: Logger, from = 'store@emporia.local'): Mailer {
  const sent: MailMessage[] = [];
  const dir = dataDir ? join(resolve(dataDir), 'mail') : undefined;
  return {
    async send(msg) {
      sent.push(msg);
      if (sent.length > 100) sent.shift();
      if (dir) {
        mkdirSync(dir, { recursive: true });
        const eml = `From: ${from}\r\nTo: ${msg.to}\r\nSubject: ${msg.subject}\r\nDate: ${new Date().toUTCString()}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${msg.text}\r\n`;
        writeFileSync(join(dir, `${newId('mail')}.eml`), eml);
      }
      log.info({ to: msg.to, subject: msg.subject }, 'mail written to the local outbox');
    },
    recent: () => [...sent],
  };
}
