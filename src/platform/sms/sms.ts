/**
 * The SMS port. The embedded default appends each message as a JSON line to DATA_DIR/sms/outbox.jsonl
 * and logs it, so a merchant without an SMS provider still sees what would have gone out; a
 * provider adapter implements the same `send`.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { newId } from '../../kernel/index.js';

export interface SmsMessage { to: string; from: string; body: string }

export interface SmsSender {
  /** Sends one message; answers the provider's id for it. */
  send(msg: SmsMessage): Promise<{ id: string }>;
  /** Messages sent by this process, newest last (the last 100; tests read them). */
  recent(): (SmsMessage & { id: string })[];
}

export function fileSmsSender(dataDir: string | undefined, log: Logger): SmsSender {
  const sent: (SmsMessage & { id: string })[] = [];
  const dir = dataDir ? join(resolve(dataDir), 'sms') : undefined;
  return {
    async send(msg) {
      const id = newId('sms');
      sent.push({ ...msg, id });
      if (sent.length > 100) sent.shift();
      if (dir) {
        mkdirSync(dir, { recursive: true });
        appendFileSync(join(dir, 'outbox.jsonl'), `${JSON.stringify({ id, ...msg, at: new Date().toISOString() })}\n`);
      }
      log.info({ to: msg.to, id }, 'sms written to the local outbox');
      return { id };
    },
    recent: () => [...sent],
  };
}
