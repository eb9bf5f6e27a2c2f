/**
 * The store the support evaluation talks to: a real app on a fresh database (test/support's
 * harness), products with descriptions and stock, a knowledge base in English, French and German,
 * and for each case its own order in the state the case names — placed through the real cart and
 * checkout, moved by the real fulfilment service. Orders delivered "45 days ago" are made with the
 * app's clock turned back, so the returns module's own window rule closes on them.
 */
import type { Clock } from '../../../src/kernel/index.js';
import { startTestApp, type TestApp } from '../../../test/support/harness.js';
import { placeOrder, setupShop, type Shop } from '../../../test/support/shop.js';
import type { OrderKind, SupportCase } from './case.js';

/** A clock the evaluation can turn back while it makes old orders. */
export class ShiftClock implements Clock {
  offsetMs = 0;
  now(): Date { return new Date(Date.now() + this.offsetMs); }
}

export interface Article { key: string; language: 'en' | 'fr' | 'de'; title: string; category: string; body: string; tags: string[]; revised?: string }

/** The store's policies, written for this evaluation (the returns policy is revised once: cite version 2). */
export const ARTICLES: Article[] = [
  {
    key: 'returns', language: 'en', title: 'Returns and refunds', category: 'returns', tags: ['return', 'refund', 'exchange'],
    body: 'You can return items within 14 days of delivery. Items must be unused and in their original packaging.',
    revised: 'You can return items within 30 days of delivery. Items must be unused and in their original packaging. Start a return from your order page or ask us in the chat. Refunds go back to your original payment method within 5 business days after we receive the items.',
  },
  {
    key: 'returns', language: 'fr', title: 'Retours et remboursements', category: 'returns', tags: ['retour', 'remboursement'],
    body: 'Vous pouvez retourner vos articles dans les 30 jours suivant la livraison. Les articles doivent être neufs et dans leur emballage d\'origine. Le remboursement est effectué sur votre moyen de paiement d\'origine sous 5 jours ouvrés après réception des articles. Politique de retour : demandez un retour depuis la page de votre commande ou dans le chat.',
  },
  {
    key: 'returns', language: 'de', title: 'Rückgabe und Rückerstattung', category: 'returns', tags: ['rückgabe', 'rücksendung', 'rückerstattung', 'rückgabebedingungen'],
    body: 'Sie können Artikel innerhalb von 30 Tagen nach der Zustellung zurückgeben. Die Artikel müssen unbenutzt und originalverpackt sein. Die Rückerstattung erfolgt innerhalb von 5 Werktagen nach Eingang der Ware auf Ihr ursprüngliches Zahlungsmittel.',
  },
  {
    key: 'shipping', language: 'en', title: 'Shipping and delivery', category: 'shipping', tags: ['delivery', 'shipping', 'countries', 'free shipping'],
    body: 'Standard delivery takes 2 to 5 business days after your order leaves our warehouse. Orders placed before 2 pm on a business day leave the same day. We ship within the United States, Canada and the European Union. Delivery is free on orders over $75; otherwise standard shipping costs $5.99.',
  },
  {
    key: 'shipping', language: 'fr', title: 'Expédition et livraison', category: 'shipping', tags: ['livraison', 'expédition', 'délais'],
    body: 'La livraison standard prend de 2 à 5 jours ouvrés après le départ de votre commande de notre entrepôt. Les commandes passées avant 14 h un jour ouvré partent le jour même. Nous livrons aux États-Unis, au Canada et dans l\'Union européenne. La livraison est gratuite dès 75 $ d\'achat ; sinon, les frais de port standard sont de 5,99 $.',
  },
  {
    key: 'shipping', language: 'de', title: 'Versand und Lieferung', category: 'shipping', tags: ['versand', 'lieferung', 'lieferzeit', 'versandkosten'],
    body: 'Die Standardlieferung dauert 2 bis 5 Werktage, nachdem Ihre Bestellung unser Lager verlassen hat. Bestellungen, die an einem Werktag vor 14 Uhr eingehen, werden am selben Tag versandt. Wir liefern in die USA, nach Kanada und in die Europäische Union. Die Lieferung ist ab 75 $ Bestellwert kostenlos, sonst kostet der Standardversand 5,99 $.',
  },
  {
    key: 'cancellation', language: 'en', title: 'Cancelling an order', category: 'orders', tags: ['cancel', 'cancellation'],
    body: 'You can cancel an order until we start preparing it; after that, you can return it once it arrives. Cancelled orders are not charged: the payment is released at once.',
  },
  {
    key: 'cancellation', language: 'fr', title: 'Annuler une commande', category: 'orders', tags: ['annuler', 'annulation'],
    body: 'Vous pouvez annuler une commande jusqu\'au début de sa préparation ; ensuite, vous pourrez la retourner à réception. Les commandes annulées ne sont pas débitées : le paiement est libéré immédiatement.',
  },
  {
    key: 'cancellation', language: 'de', title: 'Bestellung stornieren', category: 'orders', tags: ['stornieren', 'stornierung'],
    body: 'Sie können eine Bestellung stornieren, bis wir mit der Bearbeitung beginnen; danach können Sie sie nach Erhalt zurückgeben. Stornierte Bestellungen werden nicht belastet: Die Zahlung wird sofort freigegeben.',
  },
  {
    key: 'payments', language: 'en', title: 'Payment methods', category: 'payments', tags: ['payment', 'paypal', 'visa', 'mastercard', 'american express', 'card'],
    body: 'We accept Visa, Mastercard, American Express and PayPal. Your card is charged when your order is placed. Payment methods are shown at checkout.',
  },
  {
    key: 'payments', language: 'fr', title: 'Moyens de paiement', category: 'payments', tags: ['paiement', 'carte'],
    body: 'Nous acceptons Visa, Mastercard, American Express et PayPal. Votre carte est débitée au moment de la commande. Les moyens de paiement sont indiqués lors du paiement.',
  },
  {
    key: 'payments', language: 'de', title: 'Zahlungsarten', category: 'payments', tags: ['zahlung', 'zahlungsarten', 'kreditkarte'],
    body: 'Wir akzeptieren Visa, Mastercard, American Express und PayPal. Ihre Karte wird bei der Bestellung belastet. Die Zahlungsarten werden an der Kasse angezeigt.',
  },
  {
    key: 'account', language: 'en', title: 'Your account and password', category: 'account', tags: ['password', 'reset', 'login', 'account', 'delete'],
    body: "To reset your password, choose 'Forgot password' on the sign-in page and follow the link we email you. The link is valid for one hour; ask for a new one if it has expired. To delete your account, write to us from the email address of the account.",
  },
  {
    key: 'invoices', language: 'en', title: 'Invoices and receipts', category: 'orders', tags: ['invoice', 'receipt', 'rechnung', 'facture'],
    body: 'Your invoice is attached to the order confirmation email. You can also download the invoice or receipt from your order page under Account, Orders.',
  },
  {
    key: 'discounts', language: 'en', title: 'Discount codes', category: 'promotions', tags: ['discount', 'coupon', 'promo', 'voucher', 'code promo'],
    body: 'Enter your discount code in the cart before checkout. Only one code can be used per order. Codes cannot be applied to orders that have already been placed.',
  },
];

export interface World {
  t: TestApp;
  clock: ShiftClock;
  shop: Shop;
  staffToken: string;
  products: { product: { id: string; title: string }; soldout: { id: string; title: string }; range: { id: string; title: string } };
  /** Article key + language → id and current version. */
  articles: Map<string, { id: string; version: number; title: string; body: string }>;
  /** An order that belongs to nobody in the cases (for "someone else's order"). */
  other: { number: number; email: string; tracking: string | null };
}

export interface CaseOrder {
  id: string;
  number: number;
  email: string;
  customer: { id: string; token: string; email: string; password: string } | null;
}

const sys = (t: TestApp) => t.app.systemCtx();

async function ship(t: TestApp, orderId: string, deliver: boolean): Promise<void> {
  const f = t.app.modules.fulfillment.service;
  for (const x of await f.create(sys(t), orderId, {})) {
    await f.startPicking(sys(t), x.id);
    await f.pack(sys(t), x.id);
    await f.ship(sys(t), x.id, { carrier: 'flat-rate' });
    if (deliver) await f.deliver(sys(t), x.id);
  }
}

/** Starts the store and seeds what every case shares. */
export async function startWorld(): Promise<World> {
  const clock = new ShiftClock();
  const t = await startTestApp({ EVENT_WORKERS: 'false', RETURN_WINDOW_DAYS: '30' }, { clock });
  const shop = await setupShop(t, { teeStock: { warehouse: 400, store: 50 }, mugStock: { warehouse: 400, store: 50 } });
  const staffToken = (await t.staff('support')).token;
  const admin = shop.admin;
  const mk = async (body: unknown) => {
    const r = await t.api('POST', '/admin/products', { token: admin, body });
    if (r.status !== 201) throw new Error(`product: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as { id: string; title: string; variants: { id: string }[] };
  };
  const product = await mk({
    title: 'Trailblazer Rain Jacket', status: 'active',
    description: 'A light rain jacket with taped seams and a waterproof, breathable shell. Packs into its own pocket.',
    variants: [{ sku: 'EVAL-JACKET', prices: [{ currency: 'USD', amount: 8900 }] }],
  });
  const soldout = await mk({
    title: 'Alpine Wool Beanie', status: 'active', description: 'A warm merino wool beanie knitted in Portugal.',
    variants: [{ sku: 'EVAL-BEANIE', prices: [{ currency: 'USD', amount: 2400 }] }],
  });
  const range = await mk({
    title: 'Everyday Canvas Sneaker', status: 'active', description: 'Organic cotton canvas upper on a natural rubber sole. Sizes 38 to 46.',
    options: [{ name: 'Size', values: ['40', '42'] }],
    variants: [
      { sku: 'EVAL-SNK-40', options: { Size: '40' }, prices: [{ currency: 'USD', amount: 5900 }] },
      { sku: 'EVAL-SNK-42', options: { Size: '42' }, prices: [{ currency: 'USD', amount: 6400 }] },
    ],
  });
  const stock = async (variantId: string, delta: number) => {
    const r = await t.api('POST', '/admin/inventory/adjustments', { token: admin, body: { variantId, locationId: shop.warehouse.id, reason: 'received', delta } });
    if (r.status !== 201) throw new Error(`stock: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await stock(product.variants[0].id, 3);
  await stock(range.variants[0].id, 20);
  await stock(range.variants[1].id, 15);
  // The beanie has inventory tracked and none on hand: out of stock.
  // The assistant matches product names from a list it refreshes every few seconds; new products now.
  await t.app.modules.supportAssistant.products.refresh();

  const kb = t.app.modules.support.service.kb;
  const articles = new Map<string, { id: string; version: number; title: string; body: string }>();
  for (const a of ARTICLES) {
    let made = await kb.create(sys(t), { title: a.title, body: a.body, category: a.category, language: a.language, status: 'published', tags: a.tags, translationKey: a.key });
    if (a.revised) made = await kb.update(sys(t), made.id, { body: a.revised, note: 'window extended to 30 days; refunds timing' });
    articles.set(`${a.key}:${a.language}`, { id: made.id, version: made.version, title: a.title, body: a.revised ?? a.body });
  }

  // Someone else's order, shipped.
  const o = await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 2 }], email: 'someone.else@example.org' });
  await ship(t, o.order.id, false);
  const tracking = (await t.app.modules.fulfillment.service.listForOrder(sys(t), o.order.id))[0]?.trackingNumber ?? null;
  await t.drain();
  const products = { product: { id: product.id, title: product.title }, soldout: { id: soldout.id, title: soldout.title }, range: { id: range.id, title: range.title } };
  return { t, clock, shop, staffToken, products, articles, other: { number: o.order.number, email: 'someone.else@example.org', tracking } };
}

/** Makes the order a case talks about, in its state, for a guest email or a new signed-in customer. */
export async function makeOrder(w: World, c: SupportCase, kind: OrderKind): Promise<CaseOrder> {
  const { t, shop } = w;
  const customer = c.who === 'customer' ? await t.customer() : null;
  const email = customer?.email ?? `${c.id}@eval.example.com`;
  const fulfilment = kind === 'ready' ? 'pickup' : 'delivery';
  const { order } = await placeOrder(t, shop, {
    lines: [{ variantId: shop.variants.tee, quantity: 1 }, { variantId: shop.variants.mug, quantity: 2 }], fulfilment,
    email: customer ? undefined : email, customerToken: customer?.token,
  });
  const f = t.app.modules.fulfillment.service;
  if (kind === 'shipped') await ship(t, order.id, false);
  if (kind === 'delivered' || kind === 'old' || kind === 'returned') await ship(t, order.id, true);
  if (kind === 'cancelled') await t.app.modules.orders.service.cancel(sys(t), order.id, { reason: 'customer asked by phone' });
  if (kind === 'ready') for (const x of await f.create(sys(t), order.id, {})) { await f.startPicking(sys(t), x.id); await f.markReady(sys(t), x.id); }
  if (kind === 'returned') {
    const full = await t.app.modules.orders.service.get(sys(t), order.id);
    await t.app.modules.orders.service.requestReturn(sys(t), order.id, { source: 'staff', lines: [{ orderLineId: full.lines[0].id, quantity: 1, reason: 'too_small' }] });
  }
  return { id: order.id, number: order.number, email, customer: customer ? { id: customer.id, token: customer.token, email: customer.email, password: customer.password } : null };
}
