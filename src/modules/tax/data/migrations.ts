/**
 * Tax owns three tables: tax classes (standard, reduced, zero… which products refer to by id),
 * rates per class and destination, and the store's one settings row. Region and postal prefix are
 * stored as '' for "any" so the uniqueness of a rate's scope is a plain unique index on both engines.
 */
import { sql } from 'kysely';
import { newId } from '../../../kernel/index.js';
import type { Migration } from '../../../platform/index.js';

export const taxMigrations: Migration[] = [
  {
    id: 'tax/001_init',
    async up(db) {
      await db.schema.createTable('tax_classes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('tax_rates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tax_class_id', 'text', (c) => c.notNull().references('tax_classes.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('postal_prefix', 'text', (c) => c.notNull())
        .addColumn('rate_bp', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('tax_rates_rate', sql`rate_bp >= 0 and rate_bp <= 10000`)
        .execute();
      await db.schema.createIndex('tax_rates_scope').on('tax_rates').columns(['tax_class_id', 'country', 'region', 'postal_prefix']).unique().execute();
      await db.schema.createIndex('tax_rates_country').on('tax_rates').column('country').execute();
      await db.schema.createTable('tax_settings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('prices_include_tax', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      const now = new Date().toISOString();
      await db.insertInto('tax_settings').values({ id: 'store', prices_include_tax: 0, updated_at: now }).execute();
      await db.insertInto('tax_classes').values([
        { id: newId('txc'), code: 'standard', name: 'Standard rate', created_at: now, updated_at: now },
        { id: newId('txc'), code: 'reduced', name: 'Reduced rate', created_at: now, updated_at: now },
        { id: newId('txc'), code: 'zero', name: 'Zero rate', created_at: now, updated_at: now },
      ]).execute();
    },
  },
];
