/**
 * The model registry's tables: model versions (with their windows, metrics, the promotion decision
 * and the compressed artefact), training runs (the progress record the admin polls), A/B
 * experiments between two versions, and the outcome counters each experiment arm collects.
 */
import { sql } from 'kysely';
import type { Migration } from '../../platform/index.js';

export const registryMigrations: Migration[] = [
  {
    id: 'ai-registry/001_init',
    async up(db) {
      await db.schema.createTable('ai_model_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('train_from', 'text')
        .addColumn('train_to', 'text', (c) => c.notNull())
        .addColumn('holdout_from', 'text', (c) => c.notNull())
        .addColumn('holdout_to', 'text', (c) => c.notNull())
        .addColumn('training_examples', 'integer', (c) => c.notNull())
        // The candidate's metrics on the held-back window, and the active model's on the same window.
        .addColumn('metrics', 'text', (c) => c.notNull())
        .addColumn('primary_metric', 'text', (c) => c.notNull())
        .addColumn('baseline_metrics', 'text')
        .addColumn('baseline_version_id', 'text')
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        // gzip of the model's JSON snapshot, base64: one text column on both engines.
        .addColumn('artefact', 'text', (c) => c.notNull())
        .addColumn('artefact_bytes', 'integer', (c) => c.notNull())
        .addColumn('run_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('promoted_at', 'text')
        .addColumn('retired_at', 'text')
        .addCheckConstraint('ai_model_versions_status', sql`status in ('candidate', 'active', 'retired')`)
        .addCheckConstraint('ai_model_versions_decision', sql`decision in ('promoted', 'rejected', 'first')`)
        .execute();
      await db.schema.createIndex('ai_model_versions_model_version').unique().on('ai_model_versions').columns(['model', 'version']).execute();
      await db.schema.createIndex('ai_model_versions_status').on('ai_model_versions').columns(['model', 'status']).execute();

      await db.schema.createTable('ai_training_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('percent', 'integer', (c) => c.notNull())
        .addColumn('messages', 'text', (c) => c.notNull())
        .addColumn('version_id', 'text')
        .addColumn('error', 'text')
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addCheckConstraint('ai_training_runs_status', sql`status in ('queued', 'running', 'succeeded', 'failed')`)
        .execute();
      await db.schema.createIndex('ai_training_runs_model').on('ai_training_runs').columns(['model', 'created_at']).execute();

      await db.schema.createTable('ai_experiments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('control_version_id', 'text', (c) => c.notNull())
        .addColumn('treatment_version_id', 'text', (c) => c.notNull())
        // Percent of subjects (customers or anonymous sessions) served by the treatment.
        .addColumn('treatment_percent', 'integer', (c) => c.notNull())
        .addColumn('attribution_hours', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('stopped_at', 'text')
        .addCheckConstraint('ai_experiments_status', sql`status in ('running', 'stopped')`)
        .execute();
      await db.schema.createIndex('ai_experiments_model').on('ai_experiments').columns(['model', 'status']).execute();

      // One counter row per experiment (or '' outside any), arm, version, surface and kind.
      await db.schema.createTable('ai_outcome_counts')
        .addColumn('experiment_id', 'text', (c) => c.notNull())
        .addColumn('arm', 'text', (c) => c.notNull())
        .addColumn('version_id', 'text', (c) => c.notNull())
        .addColumn('surface', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('value', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('ai_outcome_counts_pk', ['experiment_id', 'arm', 'version_id', 'surface', 'kind'])
        .execute();

      // Clicks and add-to-carts of recommended items, kept to attribute later purchases.
      await db.schema.createTable('ai_outcome_touches')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('experiment_id', 'text', (c) => c.notNull())
        .addColumn('arm', 'text', (c) => c.notNull())
        .addColumn('version_id', 'text', (c) => c.notNull())
        .addColumn('surface', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('cart_id', 'text')
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ai_outcome_touches_subject').on('ai_outcome_touches').columns(['subject', 'at']).execute();
      await db.schema.createIndex('ai_outcome_touches_cart').on('ai_outcome_touches').columns(['cart_id']).execute();

      // A purchase is attributed once per order and product.
      await db.schema.createTable('ai_outcome_purchases')
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('touch_id', 'text', (c) => c.notNull())
        .addColumn('value', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ai_outcome_purchases_pk', ['order_id', 'product_id'])
        .execute();
    },
  },
  {
    id: 'ai-registry/002_one_live_run',
    async up(db) {
      // At most one queued or running training run per model, even when two "retrain now" race.
      await db.schema.createIndex('ai_training_runs_one_live').unique().on('ai_training_runs').column('model')
        .where(sql.ref('status'), 'in', sql`('queued', 'running')`).execute();
    },
  },
];
