/** Product questions from the catalogue and policy questions from the knowledge base (en, fr, de). */
import { handoff, resolved, type SupportCase, type Who } from './case.js';

const q = (id: string, tags: string[], turns: string[], expect: SupportCase['expect'], who: Who = 'guest'): SupportCase => ({ id, tags, who, turns, expect });
const P = ['product_question'];
/** A policy answer quoting `article` (in `articleLang` when the customer's language has none: said so, in their language). */
const K = (article: string, lang: 'en' | 'fr' | 'de' = 'en', articleLang = lang) => resolved(['citation'], { article, lang, articleLang });

export const questionCases: SupportCase[] = [
  // ---- products ----
  q('product-01', P, ['How much is the {product}?'], resolved(['price', 'stock'], { product: 'product' })),
  q('product-02', P, ['is the {product} in stock?'], resolved(['price', 'stock'], { product: 'product' })),
  q('product-03', P, ['Do you have the {soldout} in stock?'], resolved(['stock'], { product: 'soldout' })),
  q('product-04', P, ['what does the {range} cost'], resolved(['price'], { product: 'range' })),
  q('product-05', P, ['tell me about the {product}'], resolved(['price', 'stock'], { product: 'product' })),
  q('product-06', P, ['Is the {product} waterproof?'], resolved(['price'], { product: 'product' })),
  q('product-07', P, ['price of {range}?'], resolved(['price'], { product: 'range' })),
  q('product-08', P, ['is {soldout} available'], resolved(['stock'], { product: 'soldout' })),
  q('product-09', P, ['what sizes does the {range} come in and how much'], resolved(['price'], { product: 'range' })),
  q('product-10', P, ['I am looking for the {product}, how much does it cost?'], resolved(['price', 'stock'], { product: 'product' })),
  q('product-11', P, ['Can you tell me if the {product} is available'], resolved(['stock'], { product: 'product' })),
  q('product-12', P, ['What material is the {range} made of?'], resolved(['price'], { product: 'range' })),
  q('product-13', P, ['hi', 'how much is the {product}'], resolved(['price'], { product: 'product' })),
  q('product-14', P, ['when will the {soldout} be back in stock?'], resolved(['stock'], { product: 'soldout' })),
  q('product-15', P, ['{product} price?'], resolved(['price'], { product: 'product' }), 'customer'),
  q('product-fr-01', [...P, 'fr'], ['Combien coûte le {product} ?'], resolved(['price', 'stock'], { product: 'product', lang: 'fr' })),
  q('product-fr-02', [...P, 'fr'], ['Le {soldout} est-il disponible en stock ?'], resolved(['stock'], { product: 'soldout', lang: 'fr' })),
  q('product-fr-03', [...P, 'fr'], ['Quel est le prix du {range} ?'], resolved(['price'], { product: 'range', lang: 'fr' })),
  q('product-de-01', [...P, 'de'], ['Was kostet der {product}?'], resolved(['price', 'stock'], { product: 'product', lang: 'de' })),
  q('product-de-02', [...P, 'de'], ['Ist der {soldout} auf Lager?'], resolved(['stock'], { product: 'soldout', lang: 'de' })),
  q('product-de-03', [...P, 'de'], ['Wie viel kostet die {range}?'], resolved(['price'], { product: 'range', lang: 'de' })),

  // ---- delivery and shipping policy ----
  q('shipping-01', ['shipping_info'], ['how long does delivery take?'], K('shipping')),
  q('shipping-02', ['shipping_info'], ['Do you ship to Canada?'], K('shipping')),
  q('shipping-03', ['shipping_info'], ['what are your shipping costs'], K('shipping')),
  q('shipping-04', ['shipping_info'], ['is delivery free?'], K('shipping')),
  q('shipping-05', ['shipping_info'], ['how many days for standard shipping'], K('shipping')),
  q('shipping-06', ['shipping_info'], ['do you deliver to the european union'], K('shipping')),
  q('shipping-07', ['shipping_info'], ['When does my order leave the warehouse if I order today?'], K('shipping')),
  q('shipping-08', ['shipping_info'], ['what shipping options do you have'], K('shipping')),
  q('shipping-fr-01', ['shipping_info', 'fr'], ['Quels sont vos délais de livraison ?'], K('shipping', 'fr')),
  q('shipping-fr-02', ['shipping_info', 'fr'], ['La livraison est-elle gratuite ?'], K('shipping', 'fr')),
  q('shipping-fr-03', ['shipping_info', 'fr'], ['Livrez-vous au Canada ?'], K('shipping', 'fr')),
  q('shipping-fr-04', ['shipping_info', 'fr'], ['Combien de temps prend la livraison ?'], K('shipping', 'fr')),
  q('shipping-de-01', ['shipping_info', 'de'], ['Wie lange dauert der Versand?'], K('shipping', 'de')),
  q('shipping-de-02', ['shipping_info', 'de'], ['Ist die Lieferung kostenlos?'], K('shipping', 'de')),
  q('shipping-de-03', ['shipping_info', 'de'], ['Liefern Sie nach Kanada?'], K('shipping', 'de')),
  q('shipping-de-04', ['shipping_info', 'de'], ['Was kostet der Versand?'], K('shipping', 'de')),

  // ---- returns policy (no order) ----
  q('policy-returns-01', ['return_item', 'policy'], ['what is your return policy?'], K('returns')),
  q('policy-returns-02', ['refund', 'policy'], ['how long do refunds take'], K('returns')),
  q('policy-returns-03', ['return_item', 'policy'], ['how many days do I have to return something'], K('returns')),
  q('policy-returns-fr-01', ['return_item', 'fr', 'policy'], ['Quelle est votre politique de retour ?'], K('returns', 'fr')),
  q('policy-returns-fr-02', ['refund', 'fr', 'policy'], ['Combien de temps pour un remboursement ?'], K('returns', 'fr')),
  q('policy-returns-de-01', ['return_item', 'de', 'policy'], ['Wie sind Ihre Rückgabebedingungen?'], K('returns', 'de')),
  q('policy-returns-de-02', ['refund', 'de', 'policy'], ['Wie lange dauert eine Rückerstattung?'], K('returns', 'de')),
  q('policy-cancel-01', ['cancel_order', 'policy'], ['until when can I cancel an order?'], K('cancellation')),
  q('policy-cancel-fr-01', ['cancel_order', 'fr', 'policy'], ['Jusqu\'à quand puis-je annuler une commande ?'], K('cancellation', 'fr')),
  q('policy-cancel-de-01', ['cancel_order', 'de', 'policy'], ['Bis wann kann ich eine Bestellung stornieren?'], K('cancellation', 'de')),

  // ---- payments, account, invoices, discounts ----
  q('payment-01', ['payment_problem'], ['which payment methods do you accept?'], K('payments')),
  q('payment-02', ['payment_problem'], ['can I pay with paypal'], K('payments')),
  q('payment-03', ['payment_problem'], ['do you take american express'], K('payments')),
  q('payment-04', ['payment_problem'], ['when is my card charged?'], K('payments')),
  q('payment-fr-01', ['payment_problem', 'fr'], ['Quels moyens de paiement acceptez-vous ?'], K('payments', 'fr')),
  q('payment-de-01', ['payment_problem', 'de'], ['Welche Zahlungsarten akzeptieren Sie?'], K('payments', 'de')),
  q('payment-05', ['payment_problem'], ['I was charged twice for my order, I want my money back now'], handoff('needs_person')),
  q('account-01', ['account'], ['how do I reset my password?'], K('account')),
  q('account-02', ['account'], ['I forgot my password'], K('account')),
  q('account-03', ['account'], ['the password reset link does not work anymore'], K('account')),
  q('account-04', ['account'], ['how do I delete my account'], K('account')),
  q('account-fr-01', ['account', 'fr'], ['J\'ai oublié mon mot de passe'], K('account', 'fr', 'en')),
  q('invoice-01', ['invoice'], ['where can I find my invoice?'], K('invoices')),
  q('invoice-02', ['invoice'], ['can I get an invoice for my order'], K('invoices')),
  q('invoice-03', ['invoice'], ['I need a receipt for my purchase'], K('invoices')),
  q('invoice-de-01', ['invoice', 'de'], ['Wo finde ich meine Rechnung?'], K('invoices', 'de', 'en')),
  q('discount-01', ['discount'], ['how do I use a discount code?'], K('discounts')),
  q('discount-02', ['discount'], ['can I use two promo codes on one order'], K('discounts')),
  q('discount-03', ['discount'], ['I forgot to enter my coupon, can you apply it to my order?'], K('discounts')),
  q('discount-fr-01', ['discount', 'fr'], ['Comment utiliser un code promo ?'], K('discounts', 'fr', 'en')),

  // ---- greetings that lead somewhere ----
  q('greeting-01', ['greeting'], ['hello', 'what is your return policy'], K('returns')),
  q('greeting-02', ['greeting', 'fr'], ['Bonjour', 'Quels sont vos délais de livraison ?'], K('shipping', 'fr')),
  q('greeting-03', ['greeting', 'de'], ['Hallo', 'Welche Zahlungsarten akzeptieren Sie?'], K('payments', 'de')),
];
