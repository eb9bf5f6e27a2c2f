#!/usr/bin/env node
/**
 * The `emporia` command. Runs the compiled bundle in dist/ so start-up does not pay for compiling
 * TypeScript; rebuilds it first when any source file is newer than the bundle. `emporia start`
 * also builds the web apps (dist/web) when they are missing or older than web/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist/apps/cli.js');

if (existsSync(join(root, 'src/apps/cli.ts'))) {
  const { isStale, build } = await import(pathToFileURL(join(root, 'scripts/build-lib.mjs')).href);
  if (isStale()) {
    try { await build(); } catch (e) {
      console.error(`emporia: could not build the CLI: ${e?.message ?? e}`);
      process.exit(1);
    }
  }
}
if (process.argv[2] === 'start' && existsSync(join(root, 'web/vite.config.ts'))) {
  const { isWebStale, buildWeb } = await import(pathToFileURL(join(root, 'scripts/build-web.mjs')).href);
  if (isWebStale()) {
    const t0 = performance.now();
    console.error('emporia: building the web apps (web/ changed since the last build)…');
    // The API serves without the pages, so a failed build is reported, not fatal.
    try { await buildWeb({ quiet: true }); console.error(`emporia: web apps built in ${Math.round(performance.now() - t0)} ms`); } catch (e) {
      console.error(`emporia: could not build the web apps (${e?.message ?? e}); serving the API only`);
    }
  }
}
const { main } = await import(pathToFileURL(bundle).href);
const code = await main(process.argv.slice(2));
// `start` answers null and keeps serving; every other command is done.
if (code !== null) process.exit(code);
