/**
 * Language detection: franc's trigram model, restricted to the languages a store's customers
 * plausibly write in, plus a function-word vote. franc alone labels ~40 % of short English support
 * messages ("track my order please") as Dutch, Spanish or German; the commonest short words of a
 * language are far more telling at that length.
 */
import { francAll } from 'franc';

/** ISO 639-3 → ISO 639-1 for the languages we consider by default. */
const ISO1: Record<string, string> = {
  eng: 'en', deu: 'de', fra: 'fr', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', pol: 'pl', swe: 'sv', dan: 'da',
  nob: 'no', fin: 'fi', ces: 'cs', ron: 'ro', hun: 'hu', tur: 'tr', rus: 'ru', ukr: 'uk', ell: 'el', jpn: 'ja',
  cmn: 'zh', kor: 'ko', arb: 'ar', heb: 'he', hin: 'hi', vie: 'vi', ind: 'id', tha: 'th',
};

export const DEFAULT_LANGUAGES = Object.keys(ISO1);

const FUNCTION_WORDS: Record<string, string[]> = {
  eng: 'the a an is are was i my me you your it this that to of and or for with on in at when where what why how can could would will please not dont do does did have has had be been still yet order get want need hi hello hey thanks thank thx ok bye good cant im doesnt isnt wont didnt ive up out no'.split(' '),
  deu: 'der die das ein eine ist sind war ich mein meine mich sie ihr es nicht und oder für mit auf im in wann wo was warum wie kann können bitte noch schon habe hat bestellung ist'.split(' '),
  fra: 'le la les un une est sont était je mon ma mes moi vous votre il elle ce pas et ou pour avec sur dans quand où quoi pourquoi comment peux pouvez merci encore ai commande ne'.split(' '),
  spa: 'el la los las un una es son era yo mi mis me usted su tu no y o para con en cuando donde que por como puedo puede gracias todavía ya tengo pedido quiero'.split(' '),
  ita: 'il lo la i gli le un una è sono ero io mio mia mi lei voi tu non e o per con su in quando dove che perché come posso può grazie ancora già ho ordine voglio'.split(' '),
  por: 'o a os as um uma é são era eu meu minha me você seu sua não e ou para com em no na quando onde que porque como posso pode obrigado ainda já tenho pedido quero'.split(' '),
  nld: 'de het een is zijn was ik mijn me mij u uw jij je niet en of voor met op in wanneer waar wat waarom hoe kan kunt alstublieft nog al heb bestelling wil'.split(' '),
};
const FUNCTION_SETS = Object.fromEntries(Object.entries(FUNCTION_WORDS).map(([k, v]) => [k, new Set(v)]));

export interface DetectedLanguage {
  /** ISO 639-1 code where known (`en`), else ISO 639-3; `und` when the text is too short or unclear. */
  code: string;
  /** ISO 639-3 code as franc reports it. */
  iso6393: string;
  /** Margin over the runner-up in [0, 1]; small on short texts. */
  confidence: number;
}

export interface DetectOptions {
  /** Candidate languages (ISO 639-3); defaults to `DEFAULT_LANGUAGES`. */
  only?: string[];
  /**
   * The store's usual language (ISO 639-3). A short message with no telling word ("parcel arrived
   * damaged") is taken to be in it when franc finds it nearly as likely as its best guess.
   */
  prior?: string;
}

/** Detects the language of a message. */
export function detectLanguage(text: string, options: DetectOptions = {}): DetectedLanguage {
  const only = options.only ?? DEFAULT_LANGUAGES;
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2) return { code: 'und', iso6393: 'und', confidence: 0 };
  const scores = new Map<string, number>();
  for (const [lang, s] of francAll(text, { only, minLength: 1 })) if (lang !== 'und') scores.set(lang, s);
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  let anyHit = false;
  for (const lang of only) {
    const set = FUNCTION_SETS[lang];
    if (!set || words.length === 0) continue;
    const share = words.filter((w) => set.has(w.replace(/'/g, ''))).length / words.length;
    if (share > 0) anyHit = true;
    // The vote outweighs trigram distances, which are nearly tied between related languages on short text.
    scores.set(lang, (scores.get(lang) ?? 0) + 2 * share);
  }
  const prior = options.prior;
  if (prior && !anyHit && letters.length < 30 && (scores.get(prior) ?? 0) >= 0.75) {
    return { code: ISO1[prior] ?? prior, iso6393: prior, confidence: 0 };
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0) return { code: 'und', iso6393: 'und', confidence: 0 };
  const [best, second] = ranked;
  const margin = second ? (best[1] - second[1]) / Math.max(best[1], 1e-9) : 1;
  return { code: ISO1[best[0]] ?? best[0], iso6393: best[0], confidence: Number(Math.min(1, margin).toFixed(3)) };
}
