/**
 * Builds the CLI bundle (dist/apps/cli.js) with esbuild: our TypeScript and most npm packages in
 * one ES module. The bundle sits two folders below the repository so paths relative to the source
 * (such as ../../package.json) still resolve.
 *
 * Why bundle packages too: loading kysely, typebox, pg and jose as hundreds of separate files cost
 * ~300 ms of a ~1 s cold start; as one parsed file they cost ~50 ms. Packages that are native
 * addons or that read their own files from disk at run time (Fastify and its plugins serve assets
 * from their folders, augurs loads WASM, the NLP model ships data) stay external.
 */
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const entry = join(root, 'src/apps/cli.ts');
export const outfile = join(root, 'dist/apps/cli.js');

export const EXTERNAL = [
  'better-sqlite3', '@node-rs/argon2', 'pg-native', 'sharp',
  'fastify', '@fastify/*',
  '@bsull/augurs', 'wink-nlp', 'wink-eng-lite-web-model', 'playwright-core', 'esbuild', 'vite',
];

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
    entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', external: EXTERNAL,
    write: false, outfile, sourcemap: 'linked', logLevel: 'warning', legalComments: 'none',
    // Bundled CommonJS packages call require(); an ES module has none, so give it one.
    banner: { js: "import { createRequire as __emporiaRequire } from 'node:module'; const require = __emporiaRequire(import.meta.url);" },
  });
  mkdirSync(dirname(outfile), { recursive: true });
  for (const f of result.outputFiles) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
  return outfile;
}
