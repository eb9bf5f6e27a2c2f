/**
 * Builds the web apps (web/ → dist/web) with Vite, and tells whether they need it. `emporia start`
 * and the browser tests call this so the README's two commands serve fresh pages; a start with
 * nothing changed only walks web/ for modification times (a few ms).
 *
 * The build goes to a temporary folder that then replaces dist/web, so a running server never
 * serves half a build.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const webSrc = join(root, 'web');
export const webOut = join(root, 'dist/web');
const stamp = join(webOut, '.built');
/** Server code the web bundles import as-is (pure functions shared with the server). */
const sharedSources = [join(root, 'src/ai/agents/support-assistant/domain')];

/** Newest modification time under web/ (tests excluded), in ms. */
export function newestWebSource(dir = webSrc) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestWebSource(p));
    else if (!/\.test\.tsx?$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Whether there are web sources and dist/web is missing or older than them, the shared server code they import, or the lockfile. */
export function isWebStale() {
  if (!existsSync(join(webSrc, 'vite.config.ts'))) return false;
  let built;
  try { built = statSync(stamp).mtimeMs; } catch { return true; }
  const lock = join(root, 'package-lock.json');
  const newest = Math.max(newestWebSource(), ...sharedSources.filter((d) => existsSync(d)).map((d) => newestWebSource(d)));
  return built < newest || (existsSync(lock) && built < statSync(lock).mtimeMs);
}

/** Runs `vite build` for the three apps; resolves to dist/web. */
export async function buildWeb({ quiet = false } = {}) {
  const { build } = await import('vite');
  const tmp = `${webOut}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  // Vite takes NODE_ENV from the environment when it is set: under Vitest (test) or a server started
  // with NODE_ENV=development it would bundle React's development build, three times the size.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(webSrc, 'vite.config.ts'), mode: 'production', logLevel: quiet ? 'warn' : 'info', build: { outDir: tmp, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV; else process.env.NODE_ENV = nodeEnv;
  }
  writeFileSync(join(tmp, '.built'), new Date().toISOString() + '\n');
  const old = `${webOut}.${process.pid}.old`;
  if (existsSync(webOut)) renameSync(webOut, old);
  renameSync(tmp, webOut);
  rmSync(old, { recursive: true, force: true });
  return webOut;
}

// `npm run build:web`
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildWeb();
}
