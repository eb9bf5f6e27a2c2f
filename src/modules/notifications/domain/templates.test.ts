import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from '../contracts/service.js';
import { messageModel, safeLink, sampleModel, type OrderView } from './model.js';
import { unknownNames } from './template.js';
import { BUILT_IN_LOCALES, builtInTemplate, renderParts } from './templates.js';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const order: OrderView = {
  displayNumber: '#1001', email: 'ada@example.com', currency: 'EUR', subtotal: 123456, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total: 123456,
  itemCount: 1, billingAddress: { firstName: '<Ada>' }, shippingAddress: null,
  lines: [{ title: 'Chaise <b>longue</b>', variantTitle: null, quantity: 1, unitPrice: 123456, total: 123456 }],
};

describe('built-in templates', () => {
  it('exist in English, French and German for every kind, and use only names their kind has', () => {
    expect(BUILT_IN_LOCALES).toEqual(expect.arrayContaining(['en', 'fr', 'de']));
    for (const kind of NOTIFICATION_KINDS) {
      for (const locale of BUILT_IN_LOCALES) {
        const t = builtInTemplate(kind, locale)!;
        const sample = sampleModel(kind, locale, 'USD');
        for (const part of [t.subject, t.text, t.html]) expect(unknownNames(part, sample), `${kind} ${locale}`).toEqual([]);
      }
    }
    expect(builtInTemplate('order_confirmation', 'es')).toBeUndefined();
  });

  it('render an order in its language with its money, escaping customer data in HTML only', () => {
    const fr = renderParts(builtInTemplate('order_confirmation', 'fr')!, messageModel(order, { kind: 'order_confirmation' }, 'fr'));
    expect(fr.subject).toBe('Commande #1001 confirmée');
    expect(plain(fr.text)).toContain('- 1 × Chaise <b>longue</b>: 1 234,56 €');
    expect(fr.text).toContain('Bonjour <Ada>,');
    expect(fr.html).toContain('Bonjour &lt;Ada&gt;,');
    expect(fr.html).toContain('Chaise &lt;b&gt;longue&lt;/b&gt;');
    expect(fr.html).not.toContain('<b>longue');
    expect(fr.html).toContain('<html lang="fr">');
    expect(fr.text).not.toContain('Remise');

    const de = renderParts(builtInTemplate('refund_issued', 'de')!, messageModel(order, { kind: 'refund_issued', amount: 2500, currency: 'EUR', method: 'store_credit' }, 'de'));
    expect(plain(de.text)).toContain('ein Guthaben von 25,00 € gutgeschrieben');
    const en = renderParts(builtInTemplate('refund_issued', 'en')!, messageModel(order, { kind: 'refund_issued', amount: 2500, currency: 'EUR', method: 'original_payment' }, 'en'));
    expect(en.text).toContain('We have refunded €25.00 to your original payment method');
  });

  it('show tracking only when there is some, and only web links', () => {
    const t = builtInTemplate('order_shipped', 'en')!;
    const with_ = renderParts(t, messageModel(order, { kind: 'order_shipped', carrier: 'DHL', trackingNumber: 'JD01', trackingUrl: 'https://dhl.example/t?n=JD01&x=1' }, 'en'));
    expect(with_.subject).toBe('Order #1001 is on its way');
    expect(with_.text).toContain('has shipped with DHL.\nTracking number: JD01\nTrack your parcel: https://dhl.example/t?n=JD01&x=1');
    expect(with_.html).toContain('href="https://dhl.example/t?n&#61;JD01&amp;x&#61;1"');
    const without = renderParts(t, messageModel(order, { kind: 'order_shipped', carrier: null, trackingNumber: null, trackingUrl: 'javascript:alert(1)' }, 'en'));
    expect(without.text).toContain('Your order #1001 has shipped.');
    expect(without.html).not.toContain('href');
    expect(safeLink('ftp://x')).toBeNull();
    expect(safeLink('not a url')).toBeNull();
  });
});
