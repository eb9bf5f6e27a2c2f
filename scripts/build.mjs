#!/usr/bin/env node
/** `npm run build`: bundles the CLI and server into dist/ (bin/emporia.js also does this when dist is stale). */
import { relative } from 'node:path';
import { build, root } from './build-lib.mjs';

const t0 = performance.now();
const out = await build();
console.log(`built ${relative(root, out)} in ${Math.round(performance.now() - t0)} ms`);
