#!/usr/bin/env node
/**
 * `npm run bench`: the HTTP benchmark (bench/http-bench.mjs), then, when DATABASE_URL, NATS_URL and
 * REDIS_URL are set, the cluster benchmark (bench/cluster-bench.mjs), then storefront recommendations
 * under load (bench/recs-bench.mjs). `npm run bench -- cluster [options]` or `npm run bench -- recs
 * [options]` runs that section alone; `npm run bench -- assistant [options]` measures the
 * shopping assistant's reply latency and visual search (bench/assistant-bench.mjs).
 */
import { main } from '../bench/http-bench.mjs';
import { clusterConfigured, main as clusterMain } from '../bench/cluster-bench.mjs';
import { main as assistantMain } from '../bench/assistant-bench.mjs';
import { main as recsMain } from '../bench/recs-bench.mjs';

const [section, ...rest] = process.argv.slice(2);
if (section === 'cluster') {
  process.exitCode = await clusterMain(rest);
} else if (section === 'assistant') {
  process.exitCode = await assistantMain(rest);
} else if (section === 'recs') {
  process.exitCode = await recsMain(rest);
} else {
  const code = await main(process.argv.slice(2));
  const cluster = clusterConfigured() ? await clusterMain([]) : 0;
  const recs = await recsMain([]);
  process.exitCode = code || cluster || recs;
}
