/**
 * Visual search owns one table: the descriptor of every product image, per method (our own
 * colour/shape/texture descriptor, and an embeddings model's vector when one is configured).
 */
import type { Migration } from '../../platform/index.js';

export const visualSearchMigrations: Migration[] = [
  {
    id: 'ai/visual_search/001_descriptors',
    async up(db) {
      await db.schema.createTable('visual_descriptors')
        .addColumn('image_id', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('image_url', 'text', (c) => c.notNull())
        .addColumn('vector', 'text', (c) => c.notNull())
        .addColumn('dominant', 'text')
        .addColumn('computed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('visual_descriptors_pk', ['image_id', 'method'])
        .execute();
      await db.schema.createIndex('visual_descriptors_product').on('visual_descriptors').columns(['product_id']).execute();
      await db.schema.createIndex('visual_descriptors_computed').on('visual_descriptors').columns(['computed_at']).execute();
    },
  },
];
