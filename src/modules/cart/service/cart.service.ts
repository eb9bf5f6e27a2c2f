/**
 * Cart use cases: create, change lines, codes and shipping, and merge a guest cart at sign-in.
 * Every change runs in one transaction with its event; the answer is the live read model.
 */
import { randomBytes } from 'node:crypto';
import { AppError, newId, notFound } from '../../../kernel/index.js';
import { emit, inTransaction, isUniqueViolation, withDb, type Ctx, type Db } from '../../../platform/index.js';
import { CartCreated, CartMerged, CartUpdated, type CartChange } from '../contracts/events.js';
import {
  MAX_CART_LINES, MAX_LINE_QUANTITY, type CartService as CartServiceContract, type CartToken, type CartView, type ShippingChoice,
} from '../contracts/service.js';
import { cartsRepo, type CartRow } from '../data/carts.repo.js';
import { codeKey, hashToken, mergeCodes, mergePlan, tokenMatches } from '../domain/cart-rules.js';
import { buildCartView, type CartUses } from './cart-view.js';

const MAX_CODES = 10;

const unprocessable = (code: string, message: string, field: string) => new AppError(code, message, 422, [{ field, message }]);
const cartNotFound = (id: string) => notFound('cart.not_found', 'cart', id);

export class CartServiceImpl implements CartServiceContract {
  constructor(private readonly uses: CartUses, private readonly defaultCurrency: string) {}

  async create(ctx: Ctx, input: { currency?: string }) {
    const currency = (input.currency ?? this.defaultCurrency).toUpperCase();
    const customerId = ctx.actor.kind === 'customer' ? ctx.actor.id : null;
    for (let attempt = 0; ; attempt++) {
      try {
        const made = await inTransaction(ctx.db, async (tx) => {
          if (customerId) {
            const existing = await cartsRepo.activeOfCustomer(tx, customerId);
            if (existing) return { id: existing.id, token: null, created: false };
          }
          const id = newId('cart');
          // The secret is shown once; only its hash is kept.
          const token = customerId ? null : randomBytes(32).toString('base64url');
          await cartsRepo.insert(tx, { id, customerId, tokenHash: token ? hashToken(token) : null, currency, now: ctx.clock.now().toISOString() });
          await emit(withDb(ctx, tx), CartCreated, id, { cartId: id, customerId, currency });
          return { id, token, created: true };
        });
        return { cart: await this.view(ctx, made.id), token: made.token, created: made.created };
      } catch (e) {
        // Two first requests of one customer at once: the second finds the first's cart.
        if (attempt === 0 && isUniqueViolation(e)) continue;
        throw e;
      }
    }
  }

  async get(ctx: Ctx, id: string, token: CartToken): Promise<CartView> {
    const cart = await inTransaction(ctx.db, (tx) => this.open(withDb(ctx, tx), id, token));
    return this.view(ctx, cart.id);
  }

  async addLine(ctx: Ctx, id: string, token: CartToken, input: { variantId: string; quantity: number }): Promise<CartView> {
    return this.change(ctx, id, token, 'line_added', async (c, cart) => {
      const variants = await this.uses.catalog.getVariants(c, [input.variantId], { currency: cart.currency });
      const v = variants.get(input.variantId);
      if (!v || v.status !== 'active') throw unprocessable('cart.variant_unavailable', `variant '${input.variantId}' does not exist or is not for sale`, 'body.variantId');
      if (!v.price) throw unprocessable('cart.variant_not_priced', `variant '${input.variantId}' has no price in ${cart.currency}`, 'body.variantId');
      const lines = await cartsRepo.lines(c.db, cart.id);
      const now = c.clock.now().toISOString();
      const same = lines.find((l) => l.variantId === input.variantId);
      if (same) {
        const quantity = same.quantity + input.quantity;
        if (quantity > MAX_LINE_QUANTITY) throw unprocessable('cart.quantity_too_large', `a line holds at most ${MAX_LINE_QUANTITY} units`, 'body.quantity');
        await cartsRepo.setQuantity(c.db, same.id, quantity, now);
      } else {
        if (lines.length >= MAX_CART_LINES) throw unprocessable('cart.too_many_lines', `a cart holds at most ${MAX_CART_LINES} lines`, 'body.variantId');
        await cartsRepo.insertLine(c.db, { id: newId('cli'), cartId: cart.id, variantId: input.variantId, quantity: input.quantity, priceSeen: v.price.amount, now });
      }
    });
  }

  async setQuantity(ctx: Ctx, id: string, token: CartToken, lineId: string, quantity: number): Promise<CartView> {
    return this.change(ctx, id, token, quantity === 0 ? 'line_removed' : 'line_changed', async (c, cart) => {
      const line = (await cartsRepo.lines(c.db, cart.id)).find((l) => l.id === lineId);
      if (!line) throw notFound('cart.line_not_found', 'cart line', lineId);
      if (quantity === 0) await cartsRepo.deleteLine(c.db, line.id);
      else await cartsRepo.setQuantity(c.db, line.id, quantity, c.clock.now().toISOString());
    });
  }

  async removeLine(ctx: Ctx, id: string, token: CartToken, lineId: string): Promise<CartView> {
    return this.setQuantity(ctx, id, token, lineId, 0);
  }

  async applyCode(ctx: Ctx, id: string, token: CartToken, code: string): Promise<CartView> {
    const key = codeKey(code);
    return this.change(ctx, id, token, 'code_applied', async (c, cart) => {
      if (cart.codes.includes(key)) return;
      if (cart.codes.length >= MAX_CODES) throw unprocessable('cart.too_many_codes', `a cart holds at most ${MAX_CODES} codes`, 'body.code');
      const answer = await this.uses.promotions.eligible(c, { codes: [key], customerId: cart.customerId });
      const refused = answer.rejected[0];
      // The promotions module's reason is the answer's code, so the shopper sees exactly why.
      if (refused) throw new AppError(refused.reason, refused.message, 422, [{ field: 'body.code', message: refused.message }]);
      await cartsRepo.update(c.db, cart.id, c.clock.now().toISOString(), { codes: [...cart.codes, key] });
    });
  }

  async removeCode(ctx: Ctx, id: string, token: CartToken, code: string): Promise<CartView> {
    const key = codeKey(code);
    return this.change(ctx, id, token, 'code_removed', async (c, cart) => {
      if (!cart.codes.includes(key)) throw notFound('cart.code_not_applied', 'code', key);
      await cartsRepo.update(c.db, cart.id, c.clock.now().toISOString(), { codes: cart.codes.filter((x) => x !== key) });
    });
  }

  async setShipping(ctx: Ctx, id: string, token: CartToken, choice: ShippingChoice): Promise<CartView> {
    if (choice.methodId && choice.pickup) throw new AppError('validation.failed', 'choose a delivery method or a pickup location, not both', 400, [{ field: 'body.pickup', message: 'not with methodId' }]);
    return this.change(ctx, id, token, 'shipping_set', async (c, cart) => {
      const patch: Parameters<typeof cartsRepo.update>[3] = {};
      if (choice.address !== undefined) {
        const a = choice.address;
        Object.assign(patch, { shipCountry: a?.country.toUpperCase() ?? null, shipRegion: a?.region?.toUpperCase() ?? null, shipPostal: a?.postalCode ?? null });
      }
      const country = choice.address !== undefined ? patch.shipCountry ?? null : cart.shipCountry;
      const region = choice.address !== undefined ? patch.shipRegion ?? null : cart.shipRegion;
      if (choice.methodId) {
        if (!country) throw unprocessable('cart.address_required', 'delivery needs an address', 'body.address');
        // Whether the method serves the address at all; a parcel too heavy for it is flagged on read.
        const quotes = await this.uses.shipping.quote(c, { country, region, weightGrams: 0, subtotal: 0, currency: cart.currency });
        const offered = quotes.find((o) => o.id === choice.methodId && o.kind === 'delivery');
        if (!offered) throw unprocessable('cart.shipping_method_unavailable', `method '${choice.methodId}' does not deliver this cart to ${country}`, 'body.methodId');
        Object.assign(patch, { fulfilment: 'delivery', shippingMethodId: offered.id, pickupLocationId: null });
      } else if (choice.pickup) {
        const { kind, locationId } = choice.pickup;
        const method = (await this.uses.shipping.listMethods(c, { kind })).find((m) => m.locationId === locationId && m.active);
        const location = method ? await this.uses.inventory.getLocation(c, locationId).catch(() => null) : null;
        if (!method || !location?.active) throw unprocessable('cart.pickup_unavailable', `no ${kind} at location '${locationId}'`, 'body.pickup.locationId');
        Object.assign(patch, { fulfilment: kind, shippingMethodId: method.id, pickupLocationId: locationId });
      } else if (choice.methodId === null || choice.pickup === null) {
        Object.assign(patch, { fulfilment: null, shippingMethodId: null, pickupLocationId: null });
      }
      await cartsRepo.update(c.db, cart.id, c.clock.now().toISOString(), patch);
    });
  }

  async merge(ctx: Ctx, guestCartId: string, token: CartToken): Promise<CartView> {
    const cart = await inTransaction(ctx.db, async (tx) => {
      const c = withDb(ctx, tx);
      const guest = await cartsRepo.get(tx, guestCartId);
      if (!guest) throw cartNotFound(guestCartId);
      // Already the caller's: nothing to merge.
      if (guest.customerId && ctx.actor.kind === 'customer' && guest.customerId === ctx.actor.id) return guest;
      if (guest.customerId || !tokenMatches(guest.tokenHash, token)) throw cartNotFound(guestCartId);
      return this.open(c, guestCartId, token);
    });
    return this.view(ctx, cart.id);
  }

  async countStarted(ctx: Ctx, q: { from: string; to: string }): Promise<number> {
    const r = await ctx.db.selectFrom('carts as c').select((eb) => eb.fn.countAll().as('n'))
      .where('c.created_at', '>=', q.from).where('c.created_at', '<', q.to).where('c.status', '<>', 'merged')
      .where((eb) => eb.or([eb('c.status', '=', 'converted'), eb.exists(eb.selectFrom('cart_lines as l').select('l.id').whereRef('l.cart_id', '=', 'c.id'))]))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async markConverted(ctx: Ctx, id: string): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      const res = await tx.updateTable('carts').set({ status: 'converted', updated_at: ctx.clock.now().toISOString() })
        .where('id', '=', id).where('status', '=', 'active').returning(['customer_id']).executeTakeFirst();
      if (!res) throw new AppError('cart.not_active', `cart '${id}' is no longer active`, 409);
      await emit(withDb(ctx, tx), CartUpdated, id, { cartId: id, customerId: (res.customer_id as string | null) ?? null, change: 'converted' });
    });
  }

  /**
   * The cart the caller may see, or a 404 that does not say whether it exists. A customer who
   * presents a live guest cart's token takes it over: it becomes theirs, or is merged into the
   * cart they already have.
   */
  private async open(ctx: Ctx, id: string, token: CartToken): Promise<CartRow> {
    const cart = await cartsRepo.get(ctx.db, id);
    if (!cart) throw cartNotFound(id);
    const customerId = ctx.actor.kind === 'customer' ? ctx.actor.id : null;
    if (cart.customerId) {
      if (cart.customerId !== customerId) throw cartNotFound(id);
      return cart;
    }
    if (!tokenMatches(cart.tokenHash, token)) throw cartNotFound(id);
    if (!customerId) return cart;
    if (cart.status === 'merged' && cart.mergedIntoId) {
      const into = await cartsRepo.get(ctx.db, cart.mergedIntoId);
      return into && into.customerId === customerId ? into : cart;
    }
    if (cart.status !== 'active') return cart;
    return this.takeOver(ctx, cart, customerId);
  }

  private async takeOver(ctx: Ctx, guest: CartRow, customerId: string): Promise<CartRow> {
    const now = ctx.clock.now().toISOString();
    const mine = await cartsRepo.activeOfCustomer(ctx.db, customerId);
    if (!mine) {
      await cartsRepo.update(ctx.db, guest.id, now, { customerId, tokenHash: null });
      await emit(ctx, CartUpdated, guest.id, { cartId: guest.id, customerId, change: 'claimed' });
      return (await cartsRepo.get(ctx.db, guest.id))!;
    }
    const target = await cartsRepo.lines(ctx.db, mine.id);
    const plan = mergePlan(target, await cartsRepo.lines(ctx.db, guest.id));
    for (const u of plan.update) await cartsRepo.setQuantity(ctx.db, u.id, u.quantity, now);
    for (const l of plan.insert.slice(0, Math.max(0, MAX_CART_LINES - target.length))) {
      await cartsRepo.insertLine(ctx.db, { id: newId('cli'), cartId: mine.id, variantId: l.variantId, quantity: l.quantity, priceSeen: l.priceSeen, now });
    }
    const keepShipping = mine.shipCountry || mine.fulfilment ? {} : {
      shipCountry: guest.shipCountry, shipRegion: guest.shipRegion, shipPostal: guest.shipPostal,
      fulfilment: guest.fulfilment, shippingMethodId: guest.shippingMethodId, pickupLocationId: guest.pickupLocationId,
    };
    await cartsRepo.update(ctx.db, mine.id, now, { codes: mergeCodes(mine.codes, guest.codes).slice(0, MAX_CODES), ...keepShipping });
    await cartsRepo.update(ctx.db, guest.id, now, { status: 'merged', mergedIntoId: mine.id });
    await emit(ctx, CartMerged, guest.id, { cartId: guest.id, intoCartId: mine.id, customerId });
    return (await cartsRepo.get(ctx.db, mine.id))!;
  }

  /** Opens the cart for a change, runs it and announces it in one transaction, then answers the live cart. */
  private async change(ctx: Ctx, id: string, token: CartToken, change: CartChange, fn: (c: Ctx, cart: CartRow) => Promise<void>): Promise<CartView> {
    const cartId = await inTransaction(ctx.db, async (tx: Db) => {
      const c = withDb(ctx, tx);
      const cart = await this.open(c, id, token);
      if (cart.status !== 'active') throw new AppError('cart.not_active', `cart '${cart.id}' is ${cart.status} and can no longer change`, 409);
      await fn(c, cart);
      await tx.updateTable('carts').set({ updated_at: c.clock.now().toISOString() }).where('id', '=', cart.id).execute();
      await emit(c, CartUpdated, cart.id, { cartId: cart.id, customerId: cart.customerId, change });
      return cart.id;
    });
    return this.view(ctx, cartId);
  }

  private async view(ctx: Ctx, id: string): Promise<CartView> {
    const cart = await cartsRepo.get(ctx.db, id);
    if (!cart) throw cartNotFound(id);
    return buildCartView(ctx, this.uses, cart, await cartsRepo.lines(ctx.db, id));
  }
}
