#!/usr/bin/env node
/**
 * `npm run build`: bundles the CLI and server into dist/ and builds the web apps into dist/web
 * (bin/emporia.js also does both when they are stale).
 */
import { relative } from 'node:path';
import { build, root } from './build-lib.mjs';
import { buildWeb } from './build-web.mjs';

let t0 = performance.now();
const out = await build();
console.log(`built ${relative(root, out)} in ${Math.round(performance.now() - t0)} ms`);
t0 = performance.now();
const web = await buildWeb({ quiet: true });
console.log(`built ${relative(root, web)} in ${Math.round(performance.now() - t0)} ms`);
