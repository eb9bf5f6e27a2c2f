/**
 * Word cues the assistant reads besides the intent model: the shipped intent model is English-only,
 * so French and German requests are recognised by these phrase rules; yes/no answers to a
 * confirmation; requests for a person; and instructions smuggled into a customer message (prompt
 * injection), which are noted and never obeyed. Pure: text in, labels out.
 */

export type Lang = 'en' | 'fr' | 'de';
export const LANGS: readonly Lang[] = ['en', 'fr', 'de'];

/** Intents the assistant acts on; the names are the intent model's. */
export type AssistIntent =
  | 'order_status' | 'cancel_order' | 'change_order' | 'change_address' | 'return_item' | 'refund' | 'delivery_problem'
  | 'payment_problem' | 'product_question' | 'shipping_info' | 'account' | 'invoice' | 'discount' | 'complaint'
  | 'human_agent' | 'greeting' | 'unknown';

const rules = (list: [AssistIntent, RegExp][]) => list;

/**
 * Phrase rules per language, most specific first. English rules only back the model up where its
 * guess is "unknown" or where a phrase is unambiguous (asking for a person must never be missed).
 */
const INTENT_RULES: Record<Lang, [AssistIntent, RegExp][]> = {
  en: rules([
    ['human_agent', /\b(speak|talk|chat)\s+(to|with)\s+(a|an|some|real)?\s*(human|person|agent|someone|manager|representative)\b|\b(real|actual)\s+(person|human)\b|\bhuman agent\b|\bput me through\b/i],
    ['cancel_order', /\bcancel(l?ing|l?ed)?\b.*\b(order|purchase|it)\b|\bcancel my\b/i],
    ['return_item', /\b(return|exchange)\b|\bsend\b.{0,24}\bback\b/i],
    ['refund', /\brefund/i],
    ['shipping_info', /\b(how long|shipping (cost|time|fee|rate)s?|deliver(y|ies)? (time|cost|take)|do you (ship|deliver)|ship to)\b/i],
    ['order_status', /\b(where('?s| is)|track(ing)?|status)\b.*\b(order|parcel|package|delivery|shipment)\b|\bwhen will (my|it|the)\b/i],
    ['payment_problem', /\b(pay(ment)?|card|paypal|charged)\b/i],
    ['account', /\b(password|log ?in|sign ?in|account)\b/i],
    ['invoice', /\b(invoice|receipt)\b/i],
    ['discount', /\b(discount|coupon|promo|voucher)\b/i],
  ]),
  fr: rules([
    ['human_agent', /\b(parler|discuter)\s+(à|a|avec)\s+(un|une|quelqu'un|quelqu’un)?\s*(humain|conseill[eè]re?|personne|agent|responsable)|\bvraie personne\b/i],
    ['cancel_order', /\bannul(er|ez|e|ation)\b/i],
    ['return_item', /\b(retourner|retour|renvoyer|échanger|echanger)\b/i],
    ['refund', /\brembours/i],
    ['order_status', /\b(où|ou) (est|en est)\b.*\b(commande|colis)\b|\bsuivi\b|\bstatut\b|\bma commande\b.*\b(arriv|livr|expédi|exped)|\bcolis\b/i],
    ['shipping_info', /\b(livraison|livrez|délai|delai|expédi|exped|frais de port)/i],
    ['payment_problem', /\b(paiement|payer|carte bancaire|débité|debite)\b/i],
    ['account', /\b(mot de passe|compte|connexion|connecter)\b/i],
    ['invoice', /\bfacture\b/i],
    ['discount', /\b(code promo|réduction|reduction|bon d'achat)\b/i],
    ['greeting', /^\s*(bonjour|salut|bonsoir)\b[\s!.,]*$/i],
  ]),
  de: rules([
    ['human_agent', /\b(mit|einen?)\s+(einem|einer)?\s*(menschen|mitarbeiter(in)?|berater(in)?|person)\b.*\b(sprechen|reden)\b|\becht(e|en) (person|menschen)\b/i],
    ['cancel_order', /\b(stornier|storno|abbestell|bestellung abbrechen)/i],
    ['return_item', /\b(zurückschicken|zuruckschicken|zurücksenden|zurückgeben|rücksendung|rucksendung|retoure|umtausch)/i],
    ['refund', /\b(rückerstattung|ruckerstattung|erstattung|geld zurück)/i],
    ['order_status', /\bwo (ist|bleibt)\b.*\b(bestellung|paket|sendung|lieferung)\b|\bsendungsverfolgung\b|\bstatus\b|\bwann kommt\b|\bbestellung\b.*\b(angekommen|versandt|verschickt)\b/i],
    ['shipping_info', /\b(versand|lieferzeit|liefern sie|lieferung|versandkosten|wie lange)/i],
    ['payment_problem', /\b(zahlung|bezahl|kreditkarte|abgebucht)/i],
    ['account', /\b(passwort|konto|anmelden|einloggen)\b/i],
    ['invoice', /\brechnung\b/i],
    ['discount', /\b(gutschein|rabatt|rabattcode)\b/i],
    ['greeting', /^\s*(hallo|guten (tag|morgen|abend)|servus|moin)\b[\s!.,]*$/i],
  ]),
};

/** The intent the phrase rules find in a message in a language, or null. */
export function ruleIntent(text: string, lang: Lang): AssistIntent | null {
  for (const [intent, re] of INTENT_RULES[lang]) if (re.test(text)) return intent;
  return null;
}

/** Whether the customer asks for a person (in any of our languages): always honoured. */
export function asksForHuman(text: string): boolean {
  return LANGS.some((l) => INTENT_RULES[l][0][1].test(text));
}

const YES: Record<Lang, RegExp> = {
  en: /\b(yes|yep|yeah|yup|sure|ok(ay)?|confirm(ed)?|please do|go ahead|do it|correct|that'?s right|affirmative)\b/i,
  fr: /\b(oui|ouais|d'accord|d’accord|ok|je confirme|confirm(e|er|é)|vas-y|allez-y|c'est bon|c’est bon|volontiers)\b/i,
  de: /\b(ja|jawohl|ok(ay)?|bestätig(e|en)|mach (das|es)|genau|passt|gerne|bitte ja)\b/i,
};
const NO: Record<Lang, RegExp> = {
  en: /\b(no|nope|nah|don'?t|do not|stop|never ?mind|wait|not now|keep (it|the order))\b/i,
  fr: /\b(non|pas maintenant|attendez|n'annulez pas|ne (le|la|les) faites pas|laissez)\b/i,
  de: /\b(nein|nicht|doch nicht|warte|lieber nicht|behalten)\b/i,
};

/** A yes or no to the question just asked, in any of our languages; `unclear` when it is neither or both. */
export function confirmation(text: string): 'yes' | 'no' | 'unclear' {
  const yes = LANGS.some((l) => YES[l].test(text));
  const no = LANGS.some((l) => NO[l].test(text));
  if (yes && !no) return 'yes';
  if (no && !yes) return 'no';
  return 'unclear';
}

/**
 * Instructions aimed at the assistant rather than the store: override attempts, role play,
 * requests for hidden prompts or other people's data. Each match names why, for the run record.
 */
const INJECTION: { re: RegExp; why: string }[] = [
  { re: /\b(ignore|disregard|forget|override)\b.{0,40}\b(previous|prior|above|earlier|all|your|the)\b.{0,30}\b(instructions?|rules?|prompts?|guidelines?|policy|policies)\b/i, why: 'asks to ignore the rules' },
  { re: /\b(you are now|act as|pretend (to be|you are)|from now on you|new instructions?|developer mode|jailbreak|DAN)\b/i, why: 'tries to change the assistant role' },
  { re: /\b(system prompt|your (prompt|instructions|rules)|reveal (your|the) (prompt|instructions|configuration))\b/i, why: 'asks for hidden instructions' },
  { re: /\b(all|every|each)\b.{0,20}\b(orders|customers?|emails?|email addresses|addresses|accounts)\b|\b(other|another) (customer|person|people|user|buyer)s?\b|\bsomeone else'?s?\b|\bother people'?s?\b|\b(autres clients|tous les clients|anderen kunden|alle kunden)\b/i, why: 'asks for other people\'s data' },
  { re: /\b(as (an? )?(admin|administrator|staff|manager|developer|employee)|i am (the|an?) (admin|administrator|owner|developer|staff))\b/i, why: 'claims a staff role' },
  { re: /\b(issue|give|grant|apply|approve)\b.{0,30}\b(full refund|100 ?%|free|discount|store credit|voucher)\b.{0,40}\b(without|no need|skip|regardless)\b/i, why: 'asks to skip the store rules' },
  { re: /<\/?(system|assistant|instructions?)>|\[(system|inst)\]|###\s*(system|instruction)/i, why: 'contains prompt markup' },
  { re: /\b(ignorez|oubliez)\b.{0,40}\b(instructions|règles|regles)\b|\b(ignoriere|vergiss)\b.{0,40}\b(anweisungen|regeln)\b/i, why: 'asks to ignore the rules' },
];

/** Why a message looks like a prompt injection (empty when it does not). */
export function injectionSignals(text: string): string[] {
  return [...new Set(INJECTION.filter((s) => s.re.test(text)).map((s) => s.why))];
}

const RETURN_REASON_CUES: [string, RegExp][] = [
  ['damaged', /\b(damaged|broken|cracked|torn|defect|faulty|kaputt|beschädigt|beschadigt|cassé|casse|abîmé|abime|endommagé)/i],
  ['wrong_item', /\b(wrong (item|size|colou?r|product)|not what i ordered|falsche?n? (artikel|ware)|mauvais (article|produit))/i],
  ['too_small', /\b(too small|too tight|trop petit|zu klein|zu eng)/i],
  ['too_large', /\b(too (big|large|loose)|trop grand|zu groß|zu gross|zu weit)/i],
  ['not_as_described', /\b(not as described|looks different|ne correspond pas|entspricht nicht)/i],
  ['changed_mind', /\b(changed my mind|don'?t (want|need|like) (it|them)|no longer (want|need)|changé d'avis|change d'avis|gefällt mir nicht|brauche (es|sie) nicht)/i],
];

/** The return reason a message gives, in the orders module's vocabulary; null when it names none. */
export function returnReason(text: string): string | null {
  for (const [reason, re] of RETURN_REASON_CUES) if (re.test(text)) return reason;
  return null;
}

/** Numbers the customer gives as an order number: `#1042`, `order 1042`, `commande 1042`, `Bestellung 1042`, or a bare 4–7 digit number. */
export function orderNumbers(text: string): number[] {
  const out = new Set<number>();
  const cues = /(?:#\s?|\b(?:order|orders|purchase|commande|bestellung|bestellnummer|auftrag|n°|no\.?|nr\.?|number|numéro|numero|nummer)\s*(?:no\.?|number|nr\.?|n°|#|:)?\s*)(\d{3,9})\b/gi;
  for (const m of text.matchAll(cues)) out.add(Number(m[1]));
  if (out.size === 0) {
    // A message that is just a number ("1042") answers "which order?".
    const bare = /^\D{0,12}?(\d{4,7})\D{0,3}$/.exec(text.trim());
    if (bare) out.add(Number(bare[1]));
  }
  return [...out];
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Email addresses in a message, lower-cased. */
export function emails(text: string): string[] {
  return [...new Set([...text.matchAll(EMAIL)].map((m) => m[0].toLowerCase()))];
}

const GENERAL: Record<Lang, RegExp> = {
  en: /\b(an|any) (order|item|product)\b|\ba (return|refund|product)\b|\bpolic(y|ies)\b|\bhow (long|many days)\b|\buntil when\b|\bwhat is your\b|\bin general\b|\bif i (order|buy)\b/i,
  fr: /\b(une commande|un article|un produit|un remboursement)\b|\bpolitique\b|\bcombien de temps\b|\bjusqu'(à|a) quand\b|\bconditions\b/i,
  de: /\b(eine bestellung|einen artikel|ein produkt|eine rückerstattung|eine rücksendung)\b|\b(bedingungen|richtlinie)\b|\bwie lange\b|\bbis wann\b/i,
};
const MINE: Record<Lang, RegExp> = {
  en: /\b(my|mine|i ordered|i bought|i placed)\b/i,
  fr: /\b(ma|mon|mes|j'ai command|j’ai command)\b/i,
  de: /\b(meine?[mnrs]?|ich habe bestellt)\b/i,
};

/** A question about the store's rules ("until when can I cancel an order?") rather than about one of the customer's orders. */
export function generalQuestion(text: string, lang: Lang): boolean {
  if (orderNumbers(text).length > 0 || !GENERAL[lang].test(text)) return false;
  return !MINE[lang].test(text) || /\bif i (order|buy)\b/i.test(text);
}

const ANGER = /\b(scam|fraud|lawyer|sue you|disgusting|ridiculous|unacceptable|furious|worst (service|company|shop)|rip-?off|arnaque|escroquerie|inadmissible|scandaleux|honteux|furieux|porter plainte|avocat|frechheit|betrug|unverschämt|unverschaemt|anwalt|skandal|wütend|wuetend|abzocke)\b/i;

/** Words of anger strong enough for a person to take over, in any of our languages (the sentiment model reads English only). */
export function angerSignals(text: string): boolean {
  return ANGER.test(text);
}
