#!/usr/bin/env node
/**
 * The `emporia` command. Runs the compiled bundle in dist/ so start-up does not pay for compiling
 * TypeScript; rebuilds it first when any source file is newer than the bundle.
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
const { main } = await import(pathToFileURL(bundle).href);
const code = await main(process.argv.slice(2));
// `start` answers null and keeps serving; every other command is done.
if (code !== null) process.exit(code);
