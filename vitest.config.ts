import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (src/**); HTTP scenarios live in test/e2e.
// The integration suite runs on SQLite always and, when DATABASE_URL is set, again on PostgreSQL.
const integration = ['test/e2e/**/*.test.ts', 'src/**/*.it.test.ts'];
// Unit and integration files share their worker's module cache (isolate: false): each file opens
// and closes its own store, database, schema and namespaces, and what src keeps at module level is
// caches (the shipped language models) and emitters every store detaches from when it closes, so a
// fresh module graph per file only cost the imports (dropping it halved the SQLite project's time). The browser and cluster files, which drive other processes, keep isolation.
const shared = { isolate: false };
const projects: any[] = [
  { test: { name: 'unit', include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'web/**/*.test.ts', 'web/**/*.test.tsx'], exclude: ['src/**/*.it.test.ts'], testTimeout: 30_000, ...shared } },
  { test: { name: 'sqlite', include: integration, testTimeout: 60_000, hookTimeout: 60_000, env: { EMPORIA_TEST_DB: 'sqlite' }, ...shared } },
];
if (process.env.DATABASE_URL) {
  projects.push({ test: { name: 'postgres', include: integration, testTimeout: 60_000, hookTimeout: 60_000, env: { EMPORIA_TEST_DB: 'postgres' }, ...shared } });
}

// Distributed mode: integration tests on PostgreSQL with events and jobs on NATS JetStream and the
// cache, rate limits and locks on Redis, each test file under namespaces of its own. The whole suite
// once more would add about as long as the postgres project again, so CI runs the files that exercise
// what changes in this mode (events, checkout, notifications, support, identity, rate limits,
// reports); EMPORIA_DISTRIBUTED_ALL=1 runs every integration file.
const distributedSubset = ['events', 'event-stream', 'checkout', 'checkout-race', 'notifications', 'fulfillment', 'support', 'identity', 'rate-limit', 'reports']
  .map((name) => `test/e2e/${name}.test.ts`);
if (process.env.DATABASE_URL && process.env.NATS_URL && process.env.REDIS_URL) {
  const include = process.env.EMPORIA_DISTRIBUTED_ALL === '1' ? integration : distributedSubset;
  projects.push({ test: { name: 'distributed', include, testTimeout: 60_000, hookTimeout: 60_000, env: { EMPORIA_TEST_DB: 'postgres', EMPORIA_TEST_DISTRIBUTED: '1' }, ...shared } });
}

// Multi-node tests spawn real `emporia start` processes on PostgreSQL, NATS and Redis; they run only
// when all three are configured, after the other projects and one file at a time (each file is a
// cluster of its own on a 2-core machine).
if (process.env.DATABASE_URL && process.env.NATS_URL && process.env.REDIS_URL) {
  projects.push({ test: { name: 'cluster', include: ['test/cluster/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000, globalSetup: ['test/cluster/setup.ts'], fileParallelism: false, maxWorkers: 1, sequence: { groupOrder: 2 } } });
}

// Browser tests drive Debian's Chromium (installed by .ci/run); without it they are not collected.
// Their setup builds the web apps when web/ changed since the last build. They run after the
// integration projects and one file at a time: a page and its store beside two other test files on
// a 2-core machine made waits for the page race.
if (existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  projects.push({ test: { name: 'browser', include: ['test/browser/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, globalSetup: ['test/support/build-web.setup.ts'], env: { EMPORIA_TEST_DB: 'sqlite' }, maxWorkers: 1, sequence: { groupOrder: 1 } } });
}

// Two test files at a time: vitest's default (one fewer than the cores) runs one at a time on the
// 2-core CI machine, while a file spends much of its time waiting on PostgreSQL, a child process
// or the browser. Every file has its own database, schema, namespace and ports.
export default defineConfig({ test: { projects, pool: 'forks', maxWorkers: 2 } });
