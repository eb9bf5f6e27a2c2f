/**
 * The recommendation email itself, in English, French or German: a greeting, each recommended
 * product with its price and the reason it was picked, and a link to it. Every value is escaped in
 * the HTML part; prices and reasons come from the recommender's answer, never made up here.
 */
import { escapeHtml as esc, formatDecimal, minorDigits } from '../../../kernel/index.js';

export type MailLang = 'en' | 'fr' | 'de';

export interface MailItem { title: string; handle: string; price: { amount: number; currency: string } | null; reason: string }

const P = {
  en: { subject: 'Picked for you, {name}', subjectAnon: 'Picked for you', hello: 'Hello {name},', helloAnon: 'Hello,', intro: 'We picked a few things we think you will like, and why:', view: 'View', why: 'Why', footer: 'You receive this because you agreed to hear from us. You can change that in your account.' },
  fr: { subject: 'Choisis pour vous, {name}', subjectAnon: 'Choisis pour vous', hello: 'Bonjour {name},', helloAnon: 'Bonjour,', intro: 'Voici quelques articles qui devraient vous plaire, et pourquoi :', view: 'Voir', why: 'Pourquoi', footer: 'Vous recevez cet e-mail car vous avez accepté nos communications. Vous pouvez changer cela dans votre compte.' },
  de: { subject: 'Für Sie ausgewählt, {name}', subjectAnon: 'Für Sie ausgewählt', hello: 'Hallo {name},', helloAnon: 'Hallo,', intro: 'Wir haben ein paar Dinge ausgewählt, die Ihnen gefallen könnten – und warum:', view: 'Ansehen', why: 'Warum', footer: 'Sie erhalten diese E-Mail, weil Sie Nachrichten von uns zugestimmt haben. Sie können das in Ihrem Konto ändern.' },
} as const;

const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (m, k: string) => v[k] ?? m);

export function money(amount: number, currency: string, lang: MailLang): string {
  const digits = minorDigits(currency);
  const locale = lang === 'fr' ? 'fr-FR' : lang === 'de' ? 'de-DE' : 'en-US';
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(formatDecimal(amount, currency)));
}

export function languageOf(locale: string | null | undefined): MailLang {
  const l = (locale ?? '').slice(0, 2).toLowerCase();
  return l === 'fr' || l === 'de' ? l : 'en';
}

/** Subject, plain text and HTML of one customer's recommendation email. */
export function composeRecommendationMail(input: { lang: MailLang; firstName: string | null; items: MailItem[]; storeUrl: string }): { subject: string; text: string; html: string } {
  const p = P[input.lang];
  const name = (input.firstName ?? '').trim();
  const link = (handle: string) => `${input.storeUrl.replace(/\/+$/, '')}/p/${encodeURIComponent(handle)}`;
  const price = (i: MailItem) => (i.price ? money(i.price.amount, i.price.currency, input.lang) : '');
  const subject = name ? fill(p.subject, { name }) : p.subjectAnon;
  const hello = name ? fill(p.hello, { name }) : p.helloAnon;
  const text = [
    hello, '', p.intro, '',
    ...input.items.map((i) => `- ${i.title}${i.price ? ` (${price(i)})` : ''}\n  ${p.why}: ${i.reason}\n  ${link(i.handle)}`),
    '', p.footer, '',
  ].join('\n');
  const html = '<!doctype html>\n<html lang="' + input.lang + '"><head><meta charset="utf-8"></head>\n'
    + '<body style="margin:0;padding:24px;background:#f6f6f6;font-family:Helvetica,Arial,sans-serif;color:#222;line-height:1.5">\n'
    + '<div style="max-width:560px;margin:0 auto;background:#fff;padding:24px;border-radius:6px">\n'
    + `<h1 style="font-size:20px;margin:0 0 16px">${esc(subject)}</h1>\n<p>${esc(hello)}</p>\n<p>${esc(p.intro)}</p>\n`
    + '<table role="presentation" style="width:100%;border-collapse:collapse">\n'
    + input.items.map((i) => '<tr><td style="padding:10px 0;border-bottom:1px solid #eee">'
      + `<a href="${esc(link(i.handle))}" style="font-weight:bold;color:#1f5f4a">${esc(i.title)}</a>${i.price ? ` <span>${esc(price(i))}</span>` : ''}`
      + `<br><span style="color:#666;font-size:14px">${esc(p.why)}: ${esc(i.reason)}</span></td></tr>\n`).join('')
    + `</table>\n<p style="color:#888;font-size:12px;margin-top:24px">${esc(p.footer)}</p>\n</div>\n</body></html>\n`;
  return { subject, text, html };
}
