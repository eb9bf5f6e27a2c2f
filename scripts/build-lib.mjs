/**
 * Builds the CLI bundle (dist/apps/cli.js) with esbuild: our TypeScript compiled and bundled into
 * one ES module, npm packages left as imports. The bundle sits two folders below the repository so
 * paths relative to the source (such as ../../package.json) still resolve.
 */
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const entry = join(root, 'src/apps/cli.ts');
export const outfile = join(root, 'dist/apps/cli.js');

/** Newest modification time of any source file under src/ (tests excluded), in ms. */
export function newestSource(dir = join(root, 'src')) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (!e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Whether dist is missing or older than the sources (or package.json, whose version it reads). */
export function isStale() {
  let built;
  try { built = statSync(outfile).mtimeMs; } catch { return true; }
  return built < newestSource() || built < statSync(join(root, 'package.json')).mtimeMs;
}

/** Bundles the CLI; writes through a temporary file so a concurrent reader never sees half a bundle. */
export async function build() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external',
    write: false, outfile, sourcemap: 'linked', logLevel: 'warning', legalComments: 'none',
  });
  mkdirSync(dirname(outfile), { recursive: true });
  for (const f of result.outputFiles) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
  return outfile;
}
