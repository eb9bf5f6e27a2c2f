/** The `emporia` command, run as a child process the way an operator runs it. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/harness.js';

const BIN = join(import.meta.dirname, '../../bin/emporia.js');
let dir: string;

function emporia(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, DATA_DIR: dir, LOG_LEVEL: 'warn', ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'emporia-cli-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('emporia CLI', () => {
  it('prints help and the version', async () => {
    const help = await emporia(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['start', 'migrate', 'seed --demo', 'user create', 'import products', 'backup [--out FILE]', 'restore FILE [--force]']) expect(help.stdout).toContain(c);
    expect((await emporia(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);
    const unknown = await emporia(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });

  it('migrates an empty database, then finds nothing to do', async () => {
    const first = await emporia(['migrate']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migrations/);
    expect(first.stdout).toContain('orders/001_init');
    const second = await emporia(['migrate']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing to apply');
  });

  it('creates a staff user with a generated password that signs in, and refuses a duplicate', async () => {
    const made = await emporia(['user', 'create', '--email', 'Ops@Example.com', '--role', 'staff']);
    expect(made.code).toBe(0);
    const password = /Password \(shown once[^)]*\): (\S+)/.exec(made.stdout)?.[1];
    expect(password).toHaveLength(20);
    const dup = await emporia(['user', 'create', '--email', 'ops@example.com', '--role', 'staff', '--password', 'another long secret']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already exists');
    const bad = await emporia(['user', 'create', '--email', 'x@example.com', '--role', 'emperor']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--role must be one of');
    // Always the SQLite file the CLI wrote, even when the suite runs against PostgreSQL.
    const t = await startTestApp({ SQLITE_FILE: join(dir, 'emporia.db'), DATABASE_URL: '', DATABASE_SCHEMA: '' });
    try {
      const login = await t.api('POST', '/admin/auth/login', { body: { email: 'ops@example.com', password } });
      expect(login.status).toBe(200);
    } finally { await t.close(); }
  });

  it('prints the configuration problem and exits 1 on bad settings', async () => {
    const res = await emporia(['migrate'], { PORT: 'eighty', RATE_LIMIT_MAX: '-1' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('PORT must be a whole number');
    expect(res.stderr).toContain('RATE_LIMIT_MAX');
    expect(res.stderr).not.toContain('    at ');
  });

  it('rejects unknown options with the command help', async () => {
    const res = await emporia(['migrate', '--fast']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Usage: emporia migrate');
  });
});
