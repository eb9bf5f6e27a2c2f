/**
 * The assistant's wording in English, French and German, and the brand voice a merchant sets
 * (tone, the assistant's name, a signature). Templates hold no figures of their own: every number,
 * date, state or policy in a reply arrives as a claim's text through a `{placeholder}`.
 */
import type { Lang } from './lexicon.js';

export type Tone = 'friendly' | 'formal' | 'concise';

export interface BrandVoice {
  tone: Tone;
  /** What the assistant calls itself. */
  name: string;
  /** Appended to every reply (may be empty). */
  signature: string;
}

export const DEFAULT_VOICE: BrandVoice = { tone: 'friendly', name: 'the store assistant', signature: '' };

type Catalogue = Record<string, string>;

const EN: Catalogue = {
  'open.friendly': 'Happy to help!',
  'open.formal': 'Thank you for your message.',
  'close.friendly': 'Anything else I can help with?',
  'close.formal': 'Please let me know if there is anything else I can do for you.',
  greeting: "Hello! I'm {assistant}. I can check an order, cancel an order that hasn't shipped, start a return, and answer questions about our products, delivery and policies.",
  'ask.order_guest': 'To look up your order I need its number (you will find it in your confirmation email) and the email address you ordered with.',
  'ask.email': 'Which email address did you place that order with?',
  'ask.number': 'Which order is it about? Please give me its number — you will find it in your confirmation email.',
  'ask.clarify': "I'm not sure I understood. Is it about an order (where it is, cancelling it or returning it), a product, or our delivery and return policies?",
  'ask.product': 'Which product do you mean? Its name is enough.',
  'order.not_found_guest': "I couldn't find an order with that number and email address. Please check both — they must match the confirmation email.",
  'order.not_found_customer': "I can't find that order on your account. Please check the number in your confirmation email.",
  'order.none_customer': "I can't see any orders on your account yet.",
  'order.status': 'Order {number} is {state}.',
  'order.shipped': 'It left us on {shippedAt}, tracking number {tracking}: {trackingUrl}',
  'order.shipped_no_url': 'It left us on {shippedAt}, tracking number {tracking}.',
  'order.delivered': 'It was delivered on {deliveredAt}.',
  'order.ready': 'It has been ready for pickup since {readyAt}.',
  'order.delivery_policy': 'Delivery times: "{excerpt}" ({citation}).',
  'cancel.confirm': "Order {number} ({total}) hasn't left us yet, so I can cancel it. Shall I cancel it? Please answer yes or no.",
  'cancel.done_void': 'Done — order {number} is cancelled. The payment was released, so you will not be charged.',
  'cancel.done_refund': 'Done — order {number} is cancelled and {refunded} is being refunded to your original payment method.',
  'cancel.done': 'Done — order {number} is cancelled.',
  'cancel.too_late': 'Order {number} is {state}, so it can no longer be cancelled. Once it arrives you can return it instead.',
  'cancel.already': 'Order {number} is already cancelled.',
  'cancel.kept': 'All right, I have left order {number} as it is.',
  'confirm.again': 'Sorry, was that a yes or a no?',
  'return.confirm': 'I can open a return for order {number}: {items}. Shall I go ahead? Please answer yes or no.',
  'return.done': 'Your return for order {number} is registered (status: {returnState}). Our team will check it and you can follow it on your order page.',
  'return.not_yet': 'Order {number} is {state}. A return can be requested once it has been delivered.',
  'return.nothing': 'Everything in order {number} has already been returned or is in an open return.',
  'return.window_closed': 'The return window for order {number} closed on {closedAt}.',
  'return.exists': 'There is already a return for order {number} (status: {returnState}).',
  'refund.return_status': 'Your return for order {number} is {returnState}; refunded so far: {refundTotal}.',
  'product.answer': '{title} costs {price} and is {stock}.',
  'product.range': '{title} costs from {min} to {max} and is {stock}.',
  'product.desc': '{summary}',
  'product.not_found': "I couldn't find a product matching that in our catalogue. Could you give me its name?",
  'kb.answer': '"{excerpt}" ({citation})',
  'kb.fallback_lang': "I don't have this in your language yet, so here it is in English:",
  'kb.none': "I don't have a policy article that answers this.",
  'lang.unsupported': "Sorry, I can only answer in English, French and German. I've passed your message to a colleague who will reply here.",
  'handoff.generic': "I'm passing this to a colleague who can help; they will reply here. I've told them what we have covered, so you won't need to repeat it.",
  'handoff.upset': "I'm sorry about this. I'm passing you to a colleague right away; they will reply here and already know what happened.",
  'handoff.request': 'Of course — a colleague will take over and reply here. I have passed on what we discussed.',
  'injection.note': 'I can only help with your own orders and with the store\'s products and policies.',
  'refuse.others': "I can't share anything about other customers or their orders.",
};

const FR: Catalogue = {
  'open.friendly': 'Avec plaisir !',
  'open.formal': 'Merci pour votre message.',
  'close.friendly': 'Puis-je vous aider pour autre chose ?',
  'close.formal': "N'hésitez pas à me dire si je peux faire autre chose pour vous.",
  greeting: 'Bonjour ! Je suis {assistant}. Je peux suivre une commande, annuler une commande pas encore expédiée, ouvrir un retour et répondre à vos questions sur nos produits, la livraison et nos conditions.',
  'ask.order_guest': "Pour retrouver votre commande, j'ai besoin de son numéro (il figure dans l'e-mail de confirmation) et de l'adresse e-mail utilisée pour commander.",
  'ask.email': 'Avec quelle adresse e-mail avez-vous passé cette commande ?',
  'ask.number': "De quelle commande s'agit-il ? Indiquez-moi son numéro, il figure dans l'e-mail de confirmation.",
  'ask.clarify': "Je ne suis pas sûr d'avoir compris. S'agit-il d'une commande (suivi, annulation ou retour), d'un produit, ou de nos conditions de livraison et de retour ?",
  'ask.product': 'De quel produit parlez-vous ? Son nom suffit.',
  'order.not_found_guest': "Je ne trouve aucune commande avec ce numéro et cette adresse e-mail. Vérifiez les deux : ils doivent correspondre à l'e-mail de confirmation.",
  'order.not_found_customer': 'Je ne trouve pas cette commande sur votre compte. Vérifiez le numéro dans votre e-mail de confirmation.',
  'order.none_customer': "Je ne vois encore aucune commande sur votre compte.",
  'order.status': 'La commande {number} est {state}.',
  'order.shipped': 'Elle est partie le {shippedAt}, numéro de suivi {tracking} : {trackingUrl}',
  'order.shipped_no_url': 'Elle est partie le {shippedAt}, numéro de suivi {tracking}.',
  'order.delivered': 'Elle a été livrée le {deliveredAt}.',
  'order.ready': 'Elle est prête à être retirée depuis le {readyAt}.',
  'order.delivery_policy': 'Délais de livraison : « {excerpt} » ({citation}).',
  'cancel.confirm': "La commande {number} ({total}) n'est pas encore partie, je peux donc l'annuler. Voulez-vous que je l'annule ? Répondez oui ou non.",
  'cancel.done_void': "C'est fait : la commande {number} est annulée. Le paiement a été libéré, vous ne serez pas débité.",
  'cancel.done_refund': "C'est fait : la commande {number} est annulée et {refunded} vous est remboursé sur votre moyen de paiement.",
  'cancel.done': "C'est fait : la commande {number} est annulée.",
  'cancel.too_late': "La commande {number} est {state}, elle ne peut donc plus être annulée. Une fois reçue, vous pourrez la retourner.",
  'cancel.already': 'La commande {number} est déjà annulée.',
  'cancel.kept': "Très bien, je n'ai pas touché à la commande {number}.",
  'confirm.again': 'Pardon, est-ce un oui ou un non ?',
  'return.confirm': 'Je peux ouvrir un retour pour la commande {number} : {items}. Je continue ? Répondez oui ou non.',
  'return.done': 'Votre retour pour la commande {number} est enregistré (statut : {returnState}). Notre équipe va le vérifier ; vous pouvez le suivre sur la page de votre commande.',
  'return.not_yet': 'La commande {number} est {state}. Un retour peut être demandé une fois la commande livrée.',
  'return.nothing': 'Tous les articles de la commande {number} ont déjà été retournés ou sont dans un retour en cours.',
  'return.window_closed': 'Le délai de retour de la commande {number} a expiré le {closedAt}.',
  'return.exists': 'Il existe déjà un retour pour la commande {number} (statut : {returnState}).',
  'refund.return_status': 'Votre retour pour la commande {number} est {returnState} ; remboursé à ce jour : {refundTotal}.',
  'product.answer': '{title} coûte {price} et est {stock}.',
  'product.range': '{title} coûte de {min} à {max} et est {stock}.',
  'product.desc': '{summary}',
  'product.not_found': "Je n'ai trouvé aucun produit correspondant dans notre catalogue. Pouvez-vous me donner son nom ?",
  'kb.answer': '« {excerpt} » ({citation})',
  'kb.fallback_lang': "Je n'ai pas encore cette information en français, la voici en anglais :",
  'kb.none': "Je n'ai pas d'article sur nos conditions qui réponde à cette question.",
  'lang.unsupported': "Sorry, I can only answer in English, French and German. I've passed your message to a colleague who will reply here.",
  'handoff.generic': "Je transmets votre demande à un collègue qui pourra vous aider ; il vous répondra ici. Je lui ai résumé notre échange, vous n'aurez pas à tout répéter.",
  'handoff.upset': "Je suis désolé. Je vous mets tout de suite en relation avec un collègue ; il vous répondra ici et sait déjà ce qui s'est passé.",
  'handoff.request': "Bien sûr : un collègue va prendre le relais et vous répondra ici. Je lui ai transmis notre échange.",
  'injection.note': "Je peux seulement vous aider pour vos propres commandes et pour les produits et conditions de la boutique.",
  'refuse.others': "Je ne peux rien communiquer sur d'autres clients ni sur leurs commandes.",
};

const DE: Catalogue = {
  'open.friendly': 'Gern helfe ich!',
  'open.formal': 'Vielen Dank für Ihre Nachricht.',
  'close.friendly': 'Kann ich sonst noch etwas für Sie tun?',
  'close.formal': 'Lassen Sie mich gern wissen, wenn ich noch etwas für Sie tun kann.',
  greeting: 'Hallo! Ich bin {assistant}. Ich kann Bestellungen prüfen, noch nicht versandte Bestellungen stornieren, Rücksendungen anlegen und Fragen zu Produkten, Lieferung und unseren Richtlinien beantworten.',
  'ask.order_guest': 'Um Ihre Bestellung zu finden, brauche ich die Bestellnummer (sie steht in der Bestätigungs-E-Mail) und die E-Mail-Adresse, mit der Sie bestellt haben.',
  'ask.email': 'Mit welcher E-Mail-Adresse haben Sie diese Bestellung aufgegeben?',
  'ask.number': 'Um welche Bestellung geht es? Bitte nennen Sie mir die Bestellnummer aus Ihrer Bestätigungs-E-Mail.',
  'ask.clarify': 'Ich bin nicht sicher, ob ich Sie richtig verstanden habe. Geht es um eine Bestellung (Status, Stornierung oder Rücksendung), ein Produkt oder unsere Liefer- und Rückgaberichtlinien?',
  'ask.product': 'Welches Produkt meinen Sie? Der Name genügt.',
  'order.not_found_guest': 'Ich finde keine Bestellung mit dieser Nummer und E-Mail-Adresse. Bitte prüfen Sie beides – es muss zur Bestätigungs-E-Mail passen.',
  'order.not_found_customer': 'Ich finde diese Bestellung nicht in Ihrem Konto. Bitte prüfen Sie die Nummer in Ihrer Bestätigungs-E-Mail.',
  'order.none_customer': 'Ich sehe noch keine Bestellungen in Ihrem Konto.',
  'order.status': 'Die Bestellung {number} ist {state}.',
  'order.shipped': 'Sie hat uns am {shippedAt} verlassen, Sendungsnummer {tracking}: {trackingUrl}',
  'order.shipped_no_url': 'Sie hat uns am {shippedAt} verlassen, Sendungsnummer {tracking}.',
  'order.delivered': 'Sie wurde am {deliveredAt} zugestellt.',
  'order.ready': 'Sie liegt seit dem {readyAt} zur Abholung bereit.',
  'order.delivery_policy': 'Lieferzeiten: „{excerpt}“ ({citation}).',
  'cancel.confirm': 'Die Bestellung {number} ({total}) hat uns noch nicht verlassen, ich kann sie also stornieren. Soll ich sie stornieren? Bitte antworten Sie mit Ja oder Nein.',
  'cancel.done_void': 'Erledigt – die Bestellung {number} ist storniert. Die Zahlung wurde freigegeben, Sie werden nicht belastet.',
  'cancel.done_refund': 'Erledigt – die Bestellung {number} ist storniert, {refunded} werden auf Ihr ursprüngliches Zahlungsmittel erstattet.',
  'cancel.done': 'Erledigt – die Bestellung {number} ist storniert.',
  'cancel.too_late': 'Die Bestellung {number} ist {state} und kann daher nicht mehr storniert werden. Nach der Zustellung können Sie sie zurücksenden.',
  'cancel.already': 'Die Bestellung {number} ist bereits storniert.',
  'cancel.kept': 'In Ordnung, die Bestellung {number} bleibt unverändert.',
  'confirm.again': 'Entschuldigung, war das ein Ja oder ein Nein?',
  'return.confirm': 'Ich kann eine Rücksendung für die Bestellung {number} anlegen: {items}. Soll ich fortfahren? Bitte antworten Sie mit Ja oder Nein.',
  'return.done': 'Ihre Rücksendung für die Bestellung {number} ist angelegt (Status: {returnState}). Unser Team prüft sie; den Stand sehen Sie auf Ihrer Bestellseite.',
  'return.not_yet': 'Die Bestellung {number} ist {state}. Eine Rücksendung ist nach der Zustellung möglich.',
  'return.nothing': 'Alle Artikel der Bestellung {number} wurden bereits zurückgesendet oder sind in einer offenen Rücksendung.',
  'return.window_closed': 'Die Rückgabefrist für die Bestellung {number} ist am {closedAt} abgelaufen.',
  'return.exists': 'Für die Bestellung {number} gibt es bereits eine Rücksendung (Status: {returnState}).',
  'refund.return_status': 'Ihre Rücksendung für die Bestellung {number} ist {returnState}; bisher erstattet: {refundTotal}.',
  'product.answer': '{title} kostet {price} und ist {stock}.',
  'product.range': '{title} kostet {min} bis {max} und ist {stock}.',
  'product.desc': '{summary}',
  'product.not_found': 'Ich habe in unserem Katalog kein passendes Produkt gefunden. Wie heißt es genau?',
  'kb.answer': '„{excerpt}“ ({citation})',
  'kb.fallback_lang': 'Diese Information habe ich noch nicht auf Deutsch, hier ist sie auf Englisch:',
  'kb.none': 'Ich habe keinen Richtlinienartikel, der diese Frage beantwortet.',
  'lang.unsupported': "Sorry, I can only answer in English, French and German. I've passed your message to a colleague who will reply here.",
  'handoff.generic': 'Ich gebe Ihr Anliegen an eine Kollegin oder einen Kollegen weiter, die Ihnen hier antworten. Ich habe zusammengefasst, was wir besprochen haben – Sie müssen nichts wiederholen.',
  'handoff.upset': 'Das tut mir leid. Ich verbinde Sie sofort mit einer Kollegin oder einem Kollegen; sie antworten hier und wissen bereits, was passiert ist.',
  'handoff.request': 'Natürlich – eine Kollegin oder ein Kollege übernimmt und antwortet hier. Ich habe unser Gespräch weitergegeben.',
  'injection.note': 'Ich kann nur bei Ihren eigenen Bestellungen sowie zu Produkten und Richtlinien des Shops helfen.',
  'refuse.others': 'Zu anderen Kunden oder deren Bestellungen kann ich nichts sagen.',
};

const CATALOGUES: Record<Lang, Catalogue> = { en: EN, fr: FR, de: DE };

/** A template with its placeholders filled; unknown keys fall back to English. */
export function phrase(lang: Lang, key: string, vars: Record<string, string> = {}): string {
  const t = CATALOGUES[lang][key] ?? EN[key];
  if (t === undefined) throw new Error(`no template ${key}`);
  return t.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (!(k in vars)) throw new Error(`template ${key} needs {${k}}`);
    return vars[k];
  });
}

/** Order states in words, keyed by the order's status and (when known) its newest shipment's. */
const STATES: Record<Lang, Record<string, string>> = {
  en: {
    pending: 'waiting for payment', paid: 'confirmed and waiting to be packed', fulfilling: 'being prepared', partially_fulfilled: 'partly shipped',
    shipped: 'on its way', delivered: 'delivered', ready_for_pickup: 'ready for pickup', picked_up: 'collected', completed: 'complete',
    cancelled: 'cancelled', on_hold: 'on hold for a check', fulfilled: 'shipped',
  },
  fr: {
    pending: 'en attente de paiement', paid: 'confirmée et en attente de préparation', fulfilling: 'en préparation', partially_fulfilled: 'partiellement expédiée',
    shipped: 'en route', delivered: 'livrée', ready_for_pickup: 'prête à être retirée', picked_up: 'retirée', completed: 'terminée',
    cancelled: 'annulée', on_hold: 'en attente de vérification', fulfilled: 'expédiée',
  },
  de: {
    pending: 'noch nicht bezahlt', paid: 'bestätigt und wartet auf den Versand', fulfilling: 'in Bearbeitung', partially_fulfilled: 'teilweise versandt',
    shipped: 'unterwegs', delivered: 'zugestellt', ready_for_pickup: 'abholbereit', picked_up: 'abgeholt', completed: 'abgeschlossen',
    cancelled: 'storniert', on_hold: 'zur Prüfung angehalten', fulfilled: 'versandt',
  },
};

/** Which state word an order takes: the shipment tells more than the order once goods have left. */
export function stateKey(orderStatus: string, shipment: string | null): string {
  if (orderStatus === 'cancelled' || orderStatus === 'on_hold' || orderStatus === 'pending') return orderStatus;
  if (shipment === 'delivered' || shipment === 'picked_up' || shipment === 'ready_for_pickup') return shipment;
  if (shipment === 'shipped' && (orderStatus === 'fulfilled' || orderStatus === 'completed' || orderStatus === 'partially_fulfilled')) return orderStatus === 'partially_fulfilled' ? 'partially_fulfilled' : 'shipped';
  if (shipment === 'arrived') return 'ready_for_pickup';
  return orderStatus;
}

export const stateWord = (lang: Lang, key: string): string => STATES[lang][key] ?? STATES.en[key] ?? key;

/** Every state word in every language: the validator looks for unsupported ones in free text. */
export const ALL_STATE_WORDS: string[] = [...new Set(Object.values(STATES).flatMap((m) => Object.values(m)))];

const RETURN_STATES: Record<Lang, Record<string, string>> = {
  en: { requested: 'requested, waiting for our review', authorized: 'approved', received: 'received', refunded: 'refunded', rejected: 'declined', cancelled: 'cancelled', exchanged: 'exchanged' },
  fr: { requested: 'demandé, en attente de vérification', authorized: 'accepté', received: 'reçu', refunded: 'remboursé', rejected: 'refusé', cancelled: 'annulé', exchanged: 'échangé' },
  de: { requested: 'beantragt und wird geprüft', authorized: 'genehmigt', received: 'eingegangen', refunded: 'erstattet', rejected: 'abgelehnt', cancelled: 'storniert', exchanged: 'umgetauscht' },
};
export const returnStateWord = (lang: Lang, status: string): string => RETURN_STATES[lang][status] ?? status;

const STOCK: Record<Lang, { in: string; out: string; few: string }> = {
  en: { in: 'in stock', out: 'out of stock at the moment', few: 'in stock ({n} left)' },
  fr: { in: 'en stock', out: 'en rupture de stock pour le moment', few: 'en stock ({n} restants)' },
  de: { in: 'auf Lager', out: 'derzeit nicht auf Lager', few: 'auf Lager ({n} verfügbar)' },
};
/** Stock in words: "in stock", "in stock (3 left)" below ten units, or "out of stock". */
export function stockWords(lang: Lang, available: number | null, inStock: boolean): string {
  if (!inStock) return STOCK[lang].out;
  if (available != null && available < 10) return STOCK[lang].few.replace('{n}', String(available));
  return STOCK[lang].in;
}

/** A citation as the customer reads it: the article's title and version. */
export function citationWords(lang: Lang, title: string, version: number): string {
  return `${title}, ${lang === 'de' ? 'Version' : 'version'} ${version}`;
}

/** Opener and closer for the tone, and the signature, around a reply's body. */
export function inVoice(lang: Lang, voice: BrandVoice, body: string, opts: { open?: boolean; close?: boolean } = {}): string {
  const parts: string[] = [];
  if (opts.open && voice.tone !== 'concise') parts.push(phrase(lang, `open.${voice.tone}`));
  parts.push(body);
  if (opts.close && voice.tone !== 'concise') parts.push(phrase(lang, `close.${voice.tone}`));
  let text = parts.join(' ');
  if (voice.signature.trim()) text += `\n— ${voice.signature.trim()}`;
  return text;
}

/** The fixed words of every template (between placeholders), longest first: our own wording, never a fact. */
export const TEMPLATE_PIECES: string[] = [...new Set(Object.values(CATALOGUES).flatMap((c) => Object.values(c)).flatMap((t) => t.split(/\{\w+\}/)).map((x) => x.trim()).filter((x) => x.length > 3))]
  .sort((a, b) => b.length - a.length);
