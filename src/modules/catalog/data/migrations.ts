/** The catalog's tables. JSON columns are text so both engines store them the same way. */
import { sql } from 'kysely';
import type { Migration } from '../../../platform/index.js';

export const catalogMigrations: Migration[] = [
  {
    id: 'catalog/001_init',
    async up(db) {
      await db.schema.createTable('catalog_products')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('handle', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'active', 'archived')`))
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('catalog_products_status').on('catalog_products').columns(['status', 'id']).execute();
      await db.schema.createTable('catalog_variants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('product_id', 'text', (c) => c.notNull().references('catalog_products.id').onDelete('cascade'))
        .addColumn('sku', 'text', (c) => c.unique())
        .addColumn('barcode', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('weight_grams', 'integer', (c) => c.check(sql`weight_grams >= 0`))
        .addColumn('manage_inventory', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('catalog_variants_product').on('catalog_variants').columns(['product_id', 'position']).execute();
      await db.schema.createTable('catalog_variant_prices')
        .addColumn('variant_id', 'text', (c) => c.notNull().references('catalog_variants.id').onDelete('cascade'))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount >= 0`))
        .addPrimaryKeyConstraint('catalog_variant_prices_pk', ['variant_id', 'currency'])
        .execute();
      await db.schema.createTable('catalog_images')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('product_id', 'text', (c) => c.notNull().references('catalog_products.id').onDelete('cascade'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('alt', 'text')
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('catalog_images_product').on('catalog_images').columns(['product_id', 'position']).execute();
      await db.schema.createTable('catalog_categories')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('parent_id', 'text', (c) => c.references('catalog_categories.id').onDelete('set null'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('handle', 'text', (c) => c.notNull().unique())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('catalog_product_categories')
        .addColumn('product_id', 'text', (c) => c.notNull().references('catalog_products.id').onDelete('cascade'))
        .addColumn('category_id', 'text', (c) => c.notNull().references('catalog_categories.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('catalog_product_categories_pk', ['product_id', 'category_id'])
        .execute();
      await db.schema.createIndex('catalog_product_categories_category').on('catalog_product_categories').column('category_id').execute();
      await db.schema.createTable('catalog_collections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('handle', 'text', (c) => c.notNull().unique())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('catalog_collection_products')
        .addColumn('collection_id', 'text', (c) => c.notNull().references('catalog_collections.id').onDelete('cascade'))
        .addColumn('product_id', 'text', (c) => c.notNull().references('catalog_products.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('catalog_collection_products_pk', ['collection_id', 'product_id'])
        .execute();
      await db.schema.createIndex('catalog_collection_products_product').on('catalog_collection_products').column('product_id').execute();
      await db.schema.createTable('catalog_price_lists')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('customer_group', 'text')
        .addColumn('region', 'text')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('catalog_price_list_prices')
        .addColumn('price_list_id', 'text', (c) => c.notNull().references('catalog_price_lists.id').onDelete('cascade'))
        .addColumn('variant_id', 'text', (c) => c.notNull().references('catalog_variants.id').onDelete('cascade'))
        .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount >= 0`))
        .addPrimaryKeyConstraint('catalog_price_list_prices_pk', ['price_list_id', 'variant_id'])
        .execute();
    },
  },
];
