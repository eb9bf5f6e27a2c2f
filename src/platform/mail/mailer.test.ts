import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { fileMailer } from './index.js';

const log = pino({ level: 'silent' });
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('the local outbox mailer', () => {
  it('writes each message as an .eml with encoded headers and an HTML alternative, and keeps it for recent()', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emporia-mail-'));
    dirs.push(dir);
    const mailer = fileMailer(dir, log, 'Shop <orders@shop.test>');
    await mailer.send({ to: 'ada@example.com', subject: 'Commande confirmée', text: 'Bonjour', html: '<p>Bonjour</p>' });
    const [file] = readdirSync(join(dir, 'mail'));
    const eml = readFileSync(join(dir, 'mail', file), 'utf8');
    expect(eml).toContain('From: Shop <orders@shop.test>\r\n');
    expect(eml).toContain('To: ada@example.com\r\n');
    expect(eml).toMatch(/Subject: =\?UTF-8\?[QB]\?/);
    expect(eml).toContain('multipart/alternative');
    expect(eml).toContain('<p>Bonjour</p>');
    expect(mailer.recent()).toHaveLength(1);
  });

  it('cannot be made to add headers through the recipient or subject', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emporia-mail-'));
    dirs.push(dir);
    await fileMailer(dir, log).send({ to: 'a@example.com', subject: 'Hi\r\nBcc: evil@example.com', text: 'x' });
    const eml = readFileSync(join(dir, 'mail', readdirSync(join(dir, 'mail'))[0]), 'utf8');
    expect(eml).not.toMatch(/^Bcc:/m);
  });
});
