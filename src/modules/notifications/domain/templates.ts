/**
 * The built-in templates: one layout per kind, filled with the phrases of each language. A
 * merchant's override replaces whole parts (subject, text or HTML) of one kind in one language.
 */
import type { NotificationKind, RenderedMessage, TemplateParts } from '../contracts/service.js';
import { renderTemplate } from './template.js';

interface Phrases {
  hello: string;
  signoff: string;
  labels: { subtotal: string; discount: string; shipping: string; tax: string; total: string; address: string; trackingNumber: string; track: string };
  order_confirmation: { subject: string; title: string; intro: string };
  order_shipped: { subject: string; title: string; intro: string };
  ready_for_pickup: { subject: string; title: string; intro: string; bring: string };
  refund_issued: { subject: string; title: string; original: string; credit: string };
}

const PHRASES: Record<string, Phrases> = {
  en: {
    hello: 'Hello',
    signoff: 'Thank you for shopping with us.',
    labels: { subtotal: 'Subtotal', discount: 'Discount', shipping: 'Shipping', tax: 'Tax', total: 'Total', address: 'Address', trackingNumber: 'Tracking number', track: 'Track your parcel' },
    order_confirmation: { subject: 'Order {{orderNumber}} confirmed', title: 'Thank you for your order', intro: 'We have received your order {{orderNumber}} and are getting it ready.' },
    order_shipped: { subject: 'Order {{orderNumber}} is on its way', title: 'Your order is on its way', intro: 'Your order {{orderNumber}} has shipped{{#if carrier}} with {{carrier}}{{/if}}.' },
    ready_for_pickup: {
      subject: 'Order {{orderNumber}} is ready for pickup', title: 'Ready for pickup',
      intro: 'Your order {{orderNumber}} is ready to collect{{#if locationName}} at {{locationName}}{{/if}}.',
      bring: 'Please bring this email or your order number when you come.',
    },
    refund_issued: {
      subject: 'Refund for order {{orderNumber}}', title: 'Your refund',
      original: 'We have refunded {{refundAmount}} to your original payment method for order {{orderNumber}}. It may take a few days to appear.',
      credit: 'We have added {{refundAmount}} of store credit to your account for order {{orderNumber}}.',
    },
  },
  fr: {
    hello: 'Bonjour',
    signoff: 'Merci de votre confiance.',
    labels: { subtotal: 'Sous-total', discount: 'Remise', shipping: 'Livraison', tax: 'Taxes', total: 'Total', address: 'Adresse', trackingNumber: 'Numéro de suivi', track: 'Suivre votre colis' },
    order_confirmation: { subject: 'Commande {{orderNumber}} confirmée', title: 'Merci pour votre commande', intro: 'Nous avons bien reçu votre commande {{orderNumber}} et nous la préparons.' },
    order_shipped: { subject: 'Votre commande {{orderNumber}} est en route', title: 'Votre commande est en route', intro: 'Votre commande {{orderNumber}} a été expédiée{{#if carrier}} par {{carrier}}{{/if}}.' },
    ready_for_pickup: {
      subject: 'Votre commande {{orderNumber}} est prête à être retirée', title: 'Prête à être retirée',
      intro: 'Votre commande {{orderNumber}} vous attend{{#if locationName}} à {{locationName}}{{/if}}.',
      bring: 'Munissez-vous de cet e-mail ou de votre numéro de commande.',
    },
    refund_issued: {
      subject: 'Remboursement de la commande {{orderNumber}}', title: 'Votre remboursement',
      original: 'Nous avons remboursé {{refundAmount}} sur votre moyen de paiement d’origine pour la commande {{orderNumber}}. Le montant peut mettre quelques jours à apparaître.',
      credit: 'Nous avons ajouté un avoir de {{refundAmount}} à votre compte pour la commande {{orderNumber}}.',
    },
  },
  de: {
    hello: 'Hallo',
    signoff: 'Vielen Dank für Ihren Einkauf.',
    labels: { subtotal: 'Zwischensumme', discount: 'Rabatt', shipping: 'Versand', tax: 'Steuer', total: 'Gesamt', address: 'Adresse', trackingNumber: 'Sendungsnummer', track: 'Sendung verfolgen' },
    order_confirmation: { subject: 'Bestellung {{orderNumber}} bestätigt', title: 'Vielen Dank für Ihre Bestellung', intro: 'Wir haben Ihre Bestellung {{orderNumber}} erhalten und bereiten sie vor.' },
    order_shipped: { subject: 'Ihre Bestellung {{orderNumber}} ist unterwegs', title: 'Ihre Bestellung ist unterwegs', intro: 'Ihre Bestellung {{orderNumber}} wurde{{#if carrier}} mit {{carrier}}{{/if}} versandt.' },
    ready_for_pickup: {
      subject: 'Ihre Bestellung {{orderNumber}} ist abholbereit', title: 'Abholbereit',
      intro: 'Ihre Bestellung {{orderNumber}} liegt{{#if locationName}} in {{locationName}}{{/if}} zur Abholung bereit.',
      bring: 'Bitte bringen Sie diese E-Mail oder Ihre Bestellnummer mit.',
    },
    refund_issued: {
      subject: 'Erstattung für Bestellung {{orderNumber}}', title: 'Ihre Erstattung',
      original: 'Wir haben {{refundAmount}} für die Bestellung {{orderNumber}} auf Ihr ursprüngliches Zahlungsmittel erstattet. Es kann einige Tage dauern, bis der Betrag erscheint.',
      credit: 'Wir haben Ihrem Konto für die Bestellung {{orderNumber}} ein Guthaben von {{refundAmount}} gutgeschrieben.',
    },
  },
};

/** Languages with built-in templates; English is the last resort of every chain. */
export const BUILT_IN_LOCALES = Object.keys(PHRASES);

const greeting = (p: Phrases) => `{{#if customerName}}${p.hello} {{customerName}},{{else}}${p.hello},{{/if}}`;

function textSummary(p: Phrases): string {
  const l = p.labels;
  return '{{#each lines}}- {{quantity}} × {{title}}{{#if variantTitle}} ({{variantTitle}}){{/if}}: {{total}}\n{{/each}}\n'
    + `${l.subtotal}: {{subtotal}}\n`
    + `{{#if hasDiscount}}${l.discount}: {{discountTotal}}\n{{/if}}`
    + `{{#if hasShipping}}${l.shipping}: {{shippingTotal}}\n{{/if}}`
    + `{{#if hasTax}}${l.tax}: {{taxTotal}}\n{{/if}}`
    + `${l.total}: {{total}}\n`;
}

function htmlSummary(p: Phrases): string {
  const l = p.labels;
  const row = (label: string, value: string) => `<tr><td style="padding:4px 0">${label}</td><td style="padding:4px 0;text-align:right">${value}</td></tr>\n`;
  return '<table role="presentation" style="width:100%;border-collapse:collapse;margin:16px 0">\n'
    + '{{#each lines}}<tr><td style="padding:4px 0;border-bottom:1px solid #eee">{{quantity}} × {{title}}{{#if variantTitle}} <span style="color:#666">({{variantTitle}})</span>{{/if}}</td>'
    + '<td style="padding:4px 0;border-bottom:1px solid #eee;text-align:right">{{total}}</td></tr>\n{{/each}}'
    + row(l.subtotal, '{{subtotal}}')
    + `{{#if hasDiscount}}${row(l.discount, '{{discountTotal}}')}{{/if}}`
    + `{{#if hasShipping}}${row(l.shipping, '{{shippingTotal}}')}{{/if}}`
    + `{{#if hasTax}}${row(l.tax, '{{taxTotal}}')}{{/if}}`
    + row(`<strong>${l.total}</strong>`, '<strong>{{total}}</strong>')
    + '</table>\n';
}

function layout(p: Phrases, title: string, body: string): string {
  return '<!doctype html>\n<html lang="{{locale}}"><head><meta charset="utf-8"></head>\n'
    + '<body style="margin:0;padding:24px;background:#f6f6f6;font-family:Helvetica,Arial,sans-serif;color:#222;line-height:1.5">\n'
    + '<div style="max-width:560px;margin:0 auto;background:#fff;padding:24px;border-radius:6px">\n'
    + `<h1 style="font-size:20px;margin:0 0 16px">${title}</h1>\n`
    + `<p>${greeting(p)}</p>\n${body}`
    + `<p style="color:#666">${p.signoff}</p>\n</div>\n</body></html>\n`;
}

function build(kind: NotificationKind, p: Phrases): TemplateParts {
  const l = p.labels;
  const text = (...paragraphs: string[]) => [greeting(p), ...paragraphs, p.signoff].join('\n\n') + '\n';
  switch (kind) {
    case 'order_confirmation': {
      const k = p.order_confirmation;
      return { subject: k.subject, text: text(k.intro, textSummary(p).trimEnd()), html: layout(p, k.title, `<p>${k.intro}</p>\n${htmlSummary(p)}`) };
    }
    case 'order_shipped': {
      const k = p.order_shipped;
      return {
        subject: k.subject,
        text: text(`${k.intro}{{#if trackingNumber}}\n${l.trackingNumber}: {{trackingNumber}}{{/if}}{{#if trackingUrl}}\n${l.track}: {{trackingUrl}}{{/if}}`),
        html: layout(p, k.title, `<p>${k.intro}</p>\n{{#if trackingNumber}}<p>${l.trackingNumber}: <strong>{{trackingNumber}}</strong></p>\n{{/if}}`
          + `{{#if trackingUrl}}<p><a href="{{trackingUrl}}" style="display:inline-block;padding:10px 16px;background:#222;color:#fff;text-decoration:none;border-radius:4px">${l.track}</a></p>\n{{/if}}`),
      };
    }
    case 'ready_for_pickup': {
      const k = p.ready_for_pickup;
      return {
        subject: k.subject,
        text: text(`${k.intro}{{#if locationAddress}}\n${l.address}: {{locationAddress}}{{/if}}`, k.bring),
        html: layout(p, k.title, `<p>${k.intro}</p>\n{{#if locationAddress}}<p>${l.address}: {{locationAddress}}</p>\n{{/if}}<p>${k.bring}</p>\n`),
      };
    }
    case 'refund_issued': {
      const k = p.refund_issued;
      const body = `{{#if toStoreCredit}}${k.credit}{{else}}${k.original}{{/if}}`;
      return { subject: k.subject, text: text(body), html: layout(p, k.title, `<p>${body}</p>\n`) };
    }
  }
}

/** The built-in template of a kind in a language, if that language has one. */
export function builtInTemplate(kind: NotificationKind, locale: string): TemplateParts | undefined {
  const p = PHRASES[locale];
  return p ? build(kind, p) : undefined;
}

/** Renders a template's parts; the subject becomes one line (it is a mail header). */
export function renderParts(parts: TemplateParts, model: object): Omit<RenderedMessage, 'locale'> {
  return {
    subject: renderTemplate(parts.subject, model, { html: false }).replace(/\s+/g, ' ').trim().slice(0, 250),
    text: renderTemplate(parts.text, model, { html: false }),
    html: parts.html ? renderTemplate(parts.html, model, { html: true }) : '',
  };
}
