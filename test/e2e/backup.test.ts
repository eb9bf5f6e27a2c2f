/**
 * `emporia backup` and `emporia restore`, run as child processes the way an operator runs them:
 * a small store with an order is backed up while it runs, restored into a fresh database (a new
 * SQLite file, or a new PostgreSQL schema), and a store started on the restored database still has
 * the order, the stock and the products. A non-empty target is refused without --force.
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, usingPostgres, type TestApp } from '../support/harness.js';
import { placeOrder, setupShop, type Shop } from '../support/shop.js';

const BIN = join(import.meta.dirname, '../../bin/emporia.js');
const pgDumpMissing = usingPostgres() && spawnSync('which', ['pg_dump'], { stdio: 'ignore' }).status !== 0;
if (pgDumpMissing) console.warn('backup.test: pg_dump is not on PATH; skipping the PostgreSQL backup and restore (install postgresql-client)');

function emporia(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env }, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

let t: TestApp;
let shop: Shop;
let dir: string;
let restoredSchema: string | undefined;
let before: { order: any; tee: any; products: string[] };

beforeAll(async () => {
  if (pgDumpMissing) return;
  dir = mkdtempSync(join(tmpdir(), 'emporia-backup-'));
  t = await startTestApp();
  shop = await setupShop(t, { teeStock: { warehouse: 10, store: 0 } });
  const { order } = await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 3 }], email: 'backup@example.com' });
  await t.drain();
  const tee = (await t.api('GET', `/admin/inventory/levels?variantId=${shop.variants.tee}&locationId=${shop.warehouse.id}`, { token: shop.admin })).body.items[0];
  const products = (await t.api('GET', '/admin/products?limit=50', { token: shop.admin })).body.items.map((p: any) => p.title).sort();
  before = { order: (await t.api('GET', `/admin/orders/${order.id}`, { token: shop.admin })).body, tee, products };
}, 120_000);

afterAll(async () => {
  await t?.close();
  if (restoredSchema) {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`drop schema if exists ${restoredSchema} cascade`);
    await c.end();
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(pgDumpMissing)(`emporia backup and restore (${usingPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('backs up a running store, restores it into a fresh database, and the restored store has the order, stock and products', async () => {
    const c = t.app.config;
    const source: Record<string, string> = c.databaseUrl
      ? { DATABASE_URL: c.databaseUrl, DATABASE_SCHEMA: c.databaseSchema!, DATA_DIR: dir }
      : { SQLITE_FILE: c.sqliteFile!, DATA_DIR: c.dataDir };
    const file = join(dir, c.databaseUrl ? 'store.dump' : 'store.db');

    // Online: the test's store keeps its database open while the backup runs.
    const backup = await emporia(['backup', '--out', file], source);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(`Backup written to ${file}`);

    restoredSchema = c.databaseUrl ? `r_${randomBytes(5).toString('hex')}` : undefined;
    const target: Record<string, string> = c.databaseUrl
      ? { DATABASE_URL: c.databaseUrl, DATABASE_SCHEMA: restoredSchema!, DATA_DIR: dir }
      : { SQLITE_FILE: join(dir, 'restored', 'emporia.db'), DATA_DIR: join(dir, 'restored') };
    const restore = await emporia(['restore', file], target);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('Restored');

    // A store is already there now: refused without --force, replaced with it.
    const again = await emporia(['restore', file], target);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
    expect(again.stderr).not.toContain('    at ');
    const forced = await emporia(['restore', file, '--force'], target);
    expect(forced.code, forced.stderr).toBe(0);

    const t2 = await startTestApp(c.databaseUrl ? { DATABASE_SCHEMA: restoredSchema! } : { SQLITE_FILE: target.SQLITE_FILE!, DATA_DIR: target.DATA_DIR! });
    try {
      const admin = await t.staff('admin');
      const login = await t2.api('POST', '/admin/auth/login', { body: { email: admin.email, password: admin.password } });
      expect(login.status).toBe(200);
      const token = login.body.accessToken;
      const order = (await t2.api('GET', `/admin/orders/${before.order.id}`, { token })).body;
      expect(order).toMatchObject({ id: before.order.id, number: before.order.number, status: before.order.status, total: before.order.total, email: 'backup@example.com' });
      expect(order.lines.map((l: any) => [l.variantId, l.quantity])).toEqual([[shop.variants.tee, 3]]);
      const tee = (await t2.api('GET', `/admin/inventory/levels?variantId=${shop.variants.tee}&locationId=${shop.warehouse.id}`, { token })).body.items[0];
      expect(tee).toMatchObject({ onHand: before.tee.onHand, reserved: before.tee.reserved, available: before.tee.available });
      const products = (await t2.api('GET', '/admin/products?limit=50', { token })).body.items.map((p: any) => p.title).sort();
      expect(products).toEqual(before.products);
      expect(products).toContain('Order Path Tee');
    } finally { await t2.close(); }
  });

  it('refuses a file that is not a backup, naming it', async () => {
    const c = t.app.config;
    const target: Record<string, string> = c.databaseUrl
      ? { DATABASE_URL: c.databaseUrl, DATABASE_SCHEMA: `r_${randomBytes(5).toString('hex')}`, DATA_DIR: dir }
      : { SQLITE_FILE: join(dir, 'other', 'emporia.db'), DATA_DIR: join(dir, 'other') };
    const res = await emporia(['restore', join(dir, 'missing.bak')], target);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('no backup file at');
    const usage = await emporia(['restore'], target);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('Usage: emporia restore');
  });
});
