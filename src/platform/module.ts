/**
 * What a module hands the composition root: its migrations, routes, event subscriptions, jobs and
 * schedules. One shape for every module, so wiring a new one is one line in src/apps/modules.ts.
 */
import type { Clock } from '../kernel/index.js';
import type { Cache, Locks, Signals } from './cache/index.js';
import type { Config } from './config/index.js';
import type { DatabaseHandle, Migration } from './db/index.js';
import type { JobDefinition, ScheduleDefinition, Subscription } from './events/index.js';
import type { AnyRoute } from './http/index.js';
import type { Mailer } from './mail/index.js';
import type { Logger } from './observability/index.js';

export interface ModuleParts {
  name: string;
  migrations: Migration[];
  routes: AnyRoute[];
  subscriptions?: Subscription[];
  jobs?: JobDefinition[];
  schedules?: ScheduleDefinition[];
  /** Called once the database is migrated, before serving (e.g. to build an in-memory index). */
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/** What the composition root gives every module factory. */
export interface ModuleDeps {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  log: Logger;
  cache: Cache;
  /** Cluster-wide notifications (Redis pub/sub in distributed mode; nothing to tell on one node). */
  signals: Signals;
  /** Named locks across nodes (Redis, else the database). */
  locks: Locks;
  mailer: Mailer;
  authSecret: string;
}
