/**
 * The run log: one row per agent run (what the admin filters on) and one per step of its
 * timeline (states entered and tool calls, in order). Written in batches by the recorder.
 */
import type { Migration } from '../../../platform/index.js';

export const agentRunMigrations: Migration[] = [
  {
    id: 'ai/001_agent_runs',
    async up(db) {
      await db.schema.createTable('ai_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agent', 'text', (c) => c.notNull())
        .addColumn('agent_version', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('trigger_ref', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('input_summary', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('final_state', 'text', (c) => c.notNull())
        .addColumn('fallback_reason', 'text')
        .addColumn('handoff_reason', 'text')
        .addColumn('error', 'text')
        .addColumn('models', 'text', (c) => c.notNull())
        .addColumn('tool_calls', 'integer', (c) => c.notNull())
        .addColumn('latency_ms', 'double precision', (c) => c.notNull())
        .addColumn('budget_ms', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ai_runs_started').on('ai_runs').columns(['started_at', 'id']).execute();
      await db.schema.createIndex('ai_runs_agent').on('ai_runs').columns(['agent', 'started_at']).execute();
      await db.schema.createTable('ai_run_steps')
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('at_ms', 'double precision', (c) => c.notNull())
        .addColumn('duration_ms', 'double precision', (c) => c.notNull())
        .addColumn('input', 'text')
        .addColumn('output', 'text')
        .addColumn('error', 'text')
        .addPrimaryKeyConstraint('ai_run_steps_pk', ['run_id', 'seq'])
        .execute();
    },
  },
];
