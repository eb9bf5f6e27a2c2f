/** Rows of the cart tables. Every method takes the caller's handle (usually a transaction). */
import type { Db } from '../../../platform/index.js';
import type { CartStatus, FulfilmentKind } from '../contracts/service.js';

export interface CartRow {
  id: string; customerId: string | null; tokenHash: string | null; currency: string; status: CartStatus;
  shipCountry: string | null; shipRegion: string | null; shipPostal: string | null;
  fulfilment: FulfilmentKind | null; shippingMethodId: string | null; pickupLocationId: string | null;
  codes: string[]; mergedIntoId: string | null; createdAt: string; updatedAt: string;
}

export interface LineRow { id: string; cartId: string; variantId: string; quantity: number; priceSeen: number | null; createdAt: string }

const toCart = (r: any): CartRow => ({
  id: r.id, customerId: r.customer_id ?? null, tokenHash: r.token_hash ?? null, currency: r.currency, status: r.status,
  shipCountry: r.ship_country ?? null, shipRegion: r.ship_region ?? null, shipPostal: r.ship_postal ?? null,
  fulfilment: r.fulfilment ?? null, shippingMethodId: r.shipping_method_id ?? null, pickupLocationId: r.pickup_location_id ?? null,
  codes: JSON.parse(r.codes), mergedIntoId: r.merged_into_id ?? null, createdAt: r.created_at, updatedAt: r.updated_at,
});

const toLine = (r: any): LineRow => ({
  id: r.id, cartId: r.cart_id, variantId: r.variant_id, quantity: Number(r.quantity), priceSeen: r.price_seen == null ? null : Number(r.price_seen), createdAt: r.created_at,
});

export const cartsRepo = {
  async get(db: Db, id: string): Promise<CartRow | undefined> {
    const r = await db.selectFrom('carts').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toCart(r);
  },
  async activeOfCustomer(db: Db, customerId: string): Promise<CartRow | undefined> {
    const r = await db.selectFrom('carts').selectAll().where('customer_id', '=', customerId).where('status', '=', 'active').executeTakeFirst();
    return r && toCart(r);
  },
  async insert(db: Db, c: { id: string; customerId: string | null; tokenHash: string | null; currency: string; now: string }): Promise<void> {
    await db.insertInto('carts').values({
      id: c.id, customer_id: c.customerId, token_hash: c.tokenHash, currency: c.currency, status: 'active', codes: '[]', created_at: c.now, updated_at: c.now,
    }).execute();
  },
  async update(db: Db, id: string, now: string, patch: Partial<Pick<CartRow, 'customerId' | 'tokenHash' | 'status' | 'shipCountry' | 'shipRegion' | 'shipPostal' | 'fulfilment' | 'shippingMethodId' | 'pickupLocationId' | 'codes' | 'mergedIntoId'>>): Promise<void> {
    const cols: Record<string, unknown> = { updated_at: now };
    const map: Record<string, string> = {
      customerId: 'customer_id', tokenHash: 'token_hash', status: 'status', shipCountry: 'ship_country', shipRegion: 'ship_region', shipPostal: 'ship_postal',
      fulfilment: 'fulfilment', shippingMethodId: 'shipping_method_id', pickupLocationId: 'pickup_location_id', mergedIntoId: 'merged_into_id',
    };
    for (const [k, v] of Object.entries(patch)) {
      if (k === 'codes') cols.codes = JSON.stringify(v);
      else cols[map[k]] = v;
    }
    await db.updateTable('carts').set(cols).where('id', '=', id).execute();
  },
  async lines(db: Db, cartId: string): Promise<LineRow[]> {
    const rows = await db.selectFrom('cart_lines').selectAll().where('cart_id', '=', cartId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toLine);
  },
  async insertLine(db: Db, l: { id: string; cartId: string; variantId: string; quantity: number; priceSeen: number | null; now: string }): Promise<void> {
    await db.insertInto('cart_lines').values({
      id: l.id, cart_id: l.cartId, variant_id: l.variantId, quantity: l.quantity, price_seen: l.priceSeen, created_at: l.now, updated_at: l.now,
    }).execute();
  },
  async setQuantity(db: Db, id: string, quantity: number, now: string): Promise<void> {
    await db.updateTable('cart_lines').set({ quantity, updated_at: now }).where('id', '=', id).execute();
  },
  async deleteLine(db: Db, id: string): Promise<void> {
    await db.deleteFrom('cart_lines').where('id', '=', id).execute();
  },
};
