#!/usr/bin/env node
/** `npm run bench`: the HTTP benchmark (bench/http-bench.mjs). */
import { main } from '../bench/http-bench.mjs';

process.exitCode = await main(process.argv.slice(2));
