/**
 * The words the offline shopping assistant understands, in English, French and German: price
 * bounds, sizes, colours, sort orders, stock, intents, filler words, and the commonest product and
 * feature words of French and German mapped to the English the catalogue is written in. Every
 * entry is written in folded form (lower case, no accents), the form `fold` produces.
 */

export type Lang = 'en' | 'fr' | 'de';
export const LANGS: Lang[] = ['en', 'fr', 'de'];

/** Lower case, accents folded, typographic apostrophes straightened, ß kept as "ss". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\u2018\u2019\u02bc`]/g, "'").replace(/ß/g, 'ss');
}

/** Phrases before an amount that make it an upper bound, a lower bound, or a range ("between … and …"). */
export const PRICE_WORDS = {
  max: ['under', 'below', 'less than', 'cheaper than', 'no more than', 'not more than', 'up to', 'at most', 'max', 'maximum', 'within',
    'moins de', 'moins que', 'sous', 'en dessous de', 'au dessous de', "jusqu'a", 'jusqua', 'au plus', 'au maximum', 'pas plus de', 'inferieur a', 'max.',
    'unter', 'bis', 'bis zu', 'weniger als', 'hochstens', 'maximal', 'nicht mehr als', 'billiger als', 'guenstiger als', 'gunstiger als'],
  min: ['over', 'above', 'more than', 'at least', 'from', 'min', 'minimum', 'starting at',
    'plus de', 'au moins', 'a partir de', 'superieur a',
    'uber', 'ueber', 'mehr als', 'mindestens', 'ab'],
  between: ['between', 'entre', 'zwischen', 'from', 'de', 'von'],
  and: ['and', 'to', 'et', 'a', 'und', 'bis', '-'],
} as const;

/** Currency words and symbols a shopper may write after or before an amount. */
export const CURRENCY_WORDS: Record<string, string> = {
  '$': 'USD', usd: 'USD', dollar: 'USD', dollars: 'USD', bucks: 'USD',
  '€': 'EUR', eur: 'EUR', euro: 'EUR', euros: 'EUR',
  '£': 'GBP', gbp: 'GBP', pound: 'GBP', pounds: 'GBP', livres: 'GBP',
  chf: 'CHF', 'fr.': 'CHF', franken: 'CHF', cad: 'CAD', aud: 'AUD',
};

/** Words that announce a size value ("size 42", "taille M", "Größe 38"). */
export const SIZE_WORDS = ['size', 'sized', 'taille', 'pointure', 'grosse', 'groesse', 'gr', 'gr.'];
/** Option names that hold sizes in a catalogue. */
export const SIZE_OPTION_NAMES = ['size', 'taille', 'pointure', 'grosse', 'groesse', 'shoe size'];
/** Option names that hold colours in a catalogue. */
export const COLOUR_OPTION_NAMES = ['color', 'colour', 'couleur', 'farbe', 'metal', 'finish', 'shade'];

/**
 * Colour words per language → a canonical English colour, and the catalogue colour names that
 * belong to each canonical colour (a shopper asking for blue is shown navy and indigo too).
 */
export const COLOUR_WORDS: Record<string, string> = {
  red: 'red', rouge: 'red', rot: 'red', rote: 'red', roten: 'red', roter: 'red', rotes: 'red',
  blue: 'blue', bleu: 'blue', bleue: 'blue', bleus: 'blue', bleues: 'blue', blau: 'blue', blaue: 'blue', blauen: 'blue', blauer: 'blue', blaues: 'blue',
  green: 'green', vert: 'green', verte: 'green', verts: 'green', vertes: 'green', grun: 'green', gruen: 'green', grune: 'green', grunen: 'green', gruner: 'green',
  black: 'black', noir: 'black', noire: 'black', noirs: 'black', noires: 'black', schwarz: 'black', schwarze: 'black', schwarzen: 'black', schwarzer: 'black',
  white: 'white', blanc: 'white', blanche: 'white', blancs: 'white', blanches: 'white', weiss: 'white', weisse: 'white', weissen: 'white', weisser: 'white',
  grey: 'grey', gray: 'grey', gris: 'grey', grise: 'grey', grau: 'grey', graue: 'grey', grauen: 'grey',
  brown: 'brown', marron: 'brown', brun: 'brown', braun: 'brown', braune: 'brown', braunen: 'brown',
  yellow: 'yellow', jaune: 'yellow', gelb: 'yellow', gelbe: 'yellow', gelben: 'yellow',
  orange: 'orange', orangefarben: 'orange',
  pink: 'pink', rose: 'pink', rosa: 'pink',
  purple: 'purple', violet: 'purple', violette: 'purple', lila: 'purple', mauve: 'purple',
  beige: 'beige', cream: 'beige', creme: 'beige',
  gold: 'gold', dore: 'gold', golden: 'gold', goldene: 'gold',
  silver: 'silver', argent: 'silver', argente: 'silver', silber: 'silver', silberne: 'silver',
};

/** Catalogue colour names that count as each canonical colour (beyond names containing the word). */
export const COLOUR_FAMILIES: Record<string, string[]> = {
  red: ['burgundy', 'rust', 'terracotta', 'crimson', 'maroon', 'scarlet', 'wine'],
  blue: ['navy', 'indigo', 'sky blue', 'midnight blue', 'slate blue', 'denim', 'cobalt', 'teal'],
  green: ['olive', 'sage', 'forest green', 'khaki', 'mint', 'emerald'],
  grey: ['charcoal', 'slate', 'heather grey', 'space grey', 'stone', 'ash'],
  brown: ['tan', 'camel', 'chocolate', 'cognac'],
  beige: ['sand', 'cream', 'ivory', 'stone', 'natural', 'oatmeal', 'ecru'],
  yellow: ['mustard', 'ochre', 'lemon'],
  pink: ['blush', 'rose gold', 'coral', 'fuchsia'],
  white: ['ivory', 'cream', 'off white'],
  black: ['matte black', 'jet'],
  orange: ['rust', 'terracotta', 'coral'],
  purple: ['lavender', 'plum', 'lilac'],
  gold: ['rose gold', 'brass'],
  silver: ['sterling silver', 'chrome'],
};

/** Sort requests. */
export const SORT_PHRASES: { phrase: string; sort: 'price_asc' | 'price_desc' | 'newest' }[] = [
  { phrase: 'cheapest', sort: 'price_asc' }, { phrase: 'lowest price', sort: 'price_asc' }, { phrase: 'least expensive', sort: 'price_asc' }, { phrase: 'cheap', sort: 'price_asc' },
  { phrase: 'most expensive', sort: 'price_desc' }, { phrase: 'highest price', sort: 'price_desc' }, { phrase: 'priciest', sort: 'price_desc' },
  { phrase: 'newest', sort: 'newest' }, { phrase: 'latest', sort: 'newest' }, { phrase: 'new arrivals', sort: 'newest' },
  { phrase: 'moins cher', sort: 'price_asc' }, { phrase: 'moins chers', sort: 'price_asc' }, { phrase: 'moins chere', sort: 'price_asc' }, { phrase: 'pas cher', sort: 'price_asc' },
  { phrase: 'plus cher', sort: 'price_desc' }, { phrase: 'plus chers', sort: 'price_desc' }, { phrase: 'nouveautes', sort: 'newest' }, { phrase: 'plus recents', sort: 'newest' },
  { phrase: 'gunstigste', sort: 'price_asc' }, { phrase: 'gunstigsten', sort: 'price_asc' }, { phrase: 'billigste', sort: 'price_asc' }, { phrase: 'billigsten', sort: 'price_asc' }, { phrase: 'gunstig', sort: 'price_asc' },
  { phrase: 'teuerste', sort: 'price_desc' }, { phrase: 'teuersten', sort: 'price_desc' }, { phrase: 'neueste', sort: 'newest' }, { phrase: 'neuesten', sort: 'newest' }, { phrase: 'neuheiten', sort: 'newest' },
];

/** "In stock" requests. */
export const IN_STOCK_PHRASES = ['in stock', 'available now', 'available today', 'en stock', 'disponible maintenant', 'disponibles', 'auf lager', 'lieferbar', 'sofort verfugbar'];

/** Intent cues, matched on the folded message. Order matters: the first that matches wins. */
export const INTENT_PATTERNS: { intent: 'add_to_cart' | 'compare' | 'availability' | 'product_question'; re: RegExp }[] = [
  { intent: 'add_to_cart', re: /\b(add|put|throw|place)\b[^.?!]*\b(cart|basket|bag|trolley)\b|\b(buy|order|add) (it|this|that|them|one|two|three|the (first|second|third|fourth|last) one)\b|\bi'?(ll| will) take (it|this|that|one|them)\b/ },
  { intent: 'add_to_cart', re: /\b(ajoute[rsz]?|mets?|mettre|met)\b[^.?!]*\bpanier\b|\bje (le|la|les) prends\b|\bajoute[rsz]?[- ](le|la|les)\b/ },
  { intent: 'add_to_cart', re: /\b(leg|lege|legen|fug|fuge|fugen|tu|tue)\b[^.?!]*\b(warenkorb|korb)\b|\bin den warenkorb\b|\bich nehme (es|ihn|sie|das)\b/ },
  { intent: 'compare', re: /\b(compare|comparison|difference|differences|differ|versus|vs\.?)\b|\bwhich is better\b/ },
  { intent: 'compare', re: /\b(comparer|compare[zr]?|comparaison|difference|differences|lequel est (le )?mieux)\b/ },
  { intent: 'compare', re: /\b(vergleich|vergleiche|vergleichen|unterschied|unterschiede|welche[rs]? ist besser)\b/ },
  { intent: 'availability', re: /\b(available|come|comes|coming|have|has|got|offer|sold) (it |this |that |one )?(in|as)\b|\bavailable\b.*\b(in|size|colou?r)\b|\bin stock\b.*\?|\bdo you have\b/ },
  { intent: 'availability', re: /\b(disponible|existe|exister|avez[- ]vous|vous avez|dispo)\b/ },
  { intent: 'availability', re: /\b(gibt es|verfugbar|erhaltlich|habt ihr|haben sie|auf lager)\b/ },
  { intent: 'product_question', re: /^(is|are|does|do|what|which|how) (it|this|that|they|the)\b|\b(made of|material|waterproof\?|weight|how heavy)\b.*\?$/ },
  { intent: 'product_question', re: /^(est[- ]ce|est[- ]il|est[- ]elle|quel|quelle|de quoi)\b/ },
  { intent: 'product_question', re: /^(ist (es|das|er|sie)|sind|woraus|welche[rs]?|wie schwer)\b/ },
];

/** Words that refer back to a product already in the conversation. */
export const REFERENCE_WORDS: Record<string, number> = {
  first: 0, '1st': 0, second: 1, '2nd': 1, third: 2, '3rd': 2, fourth: 3, '4th': 3, last: -1,
  premier: 0, premiere: 0, deuxieme: 1, troisieme: 2, quatrieme: 3, dernier: -1, derniere: -1,
  erste: 0, ersten: 0, erstes: 0, zweite: 1, zweiten: 1, dritte: 2, dritten: 2, vierte: 3, letzte: -1, letzten: -1,
};

/** Small numbers written as words, for quantities ("add two of them"). */
export const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, ein: 1, eine: 1, einen: 1, zwei: 2, drei: 3, vier: 4, funf: 5,
};

/** Words with no bearing on what is searched for. */
export const STOPWORDS = new Set((
  'i im i\'m me my we us you your a an the this that these those it its them they some any of for with without in on at to from by and or but please show find get give ' +
  'want wants need needs looking look search searching searched like would could can could you have has got is are be was do does something anything stuff item items product products ' +
  'pair pairs one ones thing things good nice great best really very just also too which what there here cost costs costing priced price prices instead rather now then only make ' +
  'je j\'ai j moi me mon ma mes nous vous votre vos un une des du de d\' la le les l\' ce cet cette ces il elle ils elles en au aux pour avec sans et ou mais s\'il plait svp stp ' +
  'cherche cherchons chercher recherche veux voudrais voudrait besoin montre montrez trouve trouvez avez as est sont quelque chose prix coute coutent plutot plutôt seulement ' +
  'ich mir mich mein meine meinen wir uns du sie ihr ein eine einen einem einer eines der die das den dem des dies diese dieser dieses es fur mit ohne in im am an auf zu von vom und oder aber bitte ' +
  'suche suchen sucht mochte mochten brauche zeig zeige zeigen finde finden habe hast haben gibt etwas was kostet kosten preis paar stattdessen lieber nur'
).split(/\s+/));

/**
 * French and German product and feature words mapped to the English of the catalogue. A phrase of
 * several words is tried before its parts ("chaussures de randonnee" → "hiking boots").
 */
export const TO_ENGLISH: Record<string, string> = {
  // French
  'chaussures de randonnee': 'hiking boots', 'bottes de randonnee': 'hiking boots', 'sac a dos': 'backpack', 'sans fil': 'wireless', 't-shirt': 't-shirt', 'tee-shirt': 't-shirt',
  chaussure: 'shoes', chaussures: 'shoes', botte: 'boots', bottes: 'boots', bottines: 'boots', baskets: 'sneakers', basket: 'sneakers', sandales: 'sandals', randonnee: 'hiking',
  veste: 'jacket', vestes: 'jacket', manteau: 'coat', manteaux: 'coat', parka: 'parka', chemise: 'shirt', chemises: 'shirt', pull: 'sweater', pulls: 'sweater', sweat: 'hoodie',
  pantalon: 'trousers', pantalons: 'trousers', jean: 'jeans', jeans: 'jeans', short: 'shorts', jupe: 'skirt', sac: 'bag', sacs: 'bag', ceinture: 'belt', bonnet: 'beanie',
  echarpe: 'scarf', portefeuille: 'wallet', casquette: 'cap', lunettes: 'sunglasses', gants: 'gloves', bague: 'ring', collier: 'necklace', bracelet: 'bracelet', boucles: 'earrings',
  bougie: 'candle', bougies: 'candle', plaid: 'throw blanket', coussin: 'cushion', vase: 'vase', lampe: 'lamp', tapis: 'rug', couteau: 'knife', poele: 'skillet', tasse: 'mug', tasses: 'mug',
  bouilloire: 'kettle', planche: 'cutting board', assiettes: 'plates', bol: 'bowl', savon: 'soap', creme: 'cream', parfum: 'parfum', gourde: 'water bottle', tente: 'tent',
  'sac de couchage': 'sleeping bag', 'lampe frontale': 'headlamp', chaise: 'chair', ecouteurs: 'earbuds', casque: 'headphones', enceinte: 'speaker',
  batterie: 'power bank', chargeur: 'charger', montre: 'smartwatch', clavier: 'keyboard', jeu: 'game', puzzle: 'puzzle', peluche: 'plush', cahier: 'notebook', carnet: 'notebook',
  stylo: 'pen', agenda: 'planner', laisse: 'leash', gamelle: 'bowl', lit: 'bed', chien: 'dog', chat: 'cat',
  impermeable: 'waterproof', etanche: 'waterproof', cuir: 'leather', daim: 'suede', laine: 'wool', coton: 'cotton', lin: 'linen', bio: 'organic', biologique: 'organic',
  recycle: 'recycled', recycles: 'recycled', recyclee: 'recycled', bois: 'wood', verre: 'glass', acier: 'steel', femme: 'women', homme: 'men', enfant: 'kids',
  // German
  wanderschuhe: 'hiking boots', wanderstiefel: 'hiking boots', wandern: 'hiking', wander: 'hiking', schuhe: 'shoes', schuh: 'shoes', stiefel: 'boots', turnschuhe: 'sneakers',
  sandalen: 'sandals', jacke: 'jacket', jacken: 'jacket', mantel: 'coat', hemd: 'shirt', hemden: 'shirt', pullover: 'sweater', pulli: 'sweater', kapuzenpullover: 'hoodie',
  hose: 'trousers', hosen: 'trousers', rock: 'skirt', tasche: 'bag', taschen: 'bag', rucksack: 'backpack', gurtel: 'belt', mutze: 'beanie', schal: 'scarf', geldborse: 'wallet',
  brieftasche: 'wallet', kappe: 'cap', sonnenbrille: 'sunglasses', handschuhe: 'gloves', ring: 'ring', halskette: 'necklace', kette: 'necklace', armband: 'bracelet', ohrringe: 'earrings',
  kerze: 'candle', kerzen: 'candle', decke: 'throw blanket', kissen: 'cushion', teppich: 'rug', messer: 'knife', pfanne: 'skillet', becher: 'mug', 
  wasserkocher: 'kettle', schneidebrett: 'cutting board', teller: 'plates', schussel: 'bowl', seife: 'soap', wasserflasche: 'water bottle', trinkflasche: 'water bottle', zelt: 'tent',
  schlafsack: 'sleeping bag', stirnlampe: 'headlamp', stuhl: 'chair', kopfhorer: 'headphones', lautsprecher: 'speaker', ladegerat: 'charger', tastatur: 'keyboard', spiel: 'game',
  notizbuch: 'notebook', stift: 'pen', fuller: 'fountain pen', leine: 'leash', halsband: 'collar', napf: 'bowl', hund: 'dog', katze: 'cat', bett: 'bed',
  wasserdicht: 'waterproof', wasserdichte: 'waterproof', wasserdichten: 'waterproof', wasserfest: 'waterproof', leder: 'leather', wildleder: 'suede', wolle: 'wool', baumwolle: 'cotton',
  leinen: 'linen', kabellos: 'wireless', kabellose: 'wireless', kabellosen: 'wireless', recycelt: 'recycled', holz: 'wood', glas: 'glass', stahl: 'steel', damen: 'women', herren: 'men', kinder: 'kids',
};

/** Word-form endings stripped so "boots" matches "boot" and "candles" matches "candle". */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ches|shes|sses|xes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

/**
 * Words only French or German shoppers write (function words, size and price words): franc alone
 * takes a short English query such as "cheapest black sneakers in size 10" for German, so a French
 * or German reading needs at least one of these (or a French or German product word) as evidence.
 */
export const FOREIGN_WORDS: Record<'fr' | 'de', Set<string>> = {
  fr: new Set(('je j\'ai moi mon ma mes nous vous votre vos une des du la le les au aux pour avec sans et ou est sont ce cette ces il elle cherche veux voudrais ' +
    'moins sous entre taille pointure quel quelle lequel disponible avez ajoute ajouter panier prends comparer mieux cher chers chere pas ' +
    'rouge bleu bleue vert verte noir noire blanc blanche gris grise jaune marron').split(' ')),
  de: new Set(('ich mir mich mein meine wir uns sie ihr ein eine einen einem einer der das den dem des fur mit ohne und oder aber ist sind suche mochte brauche ' +
    'unter uber bis zwischen grosse groesse gibt es habt haben welche welcher warenkorb lege leg fuge nehme vergleiche unterschied besser gunstigste teuerste billigste ' +
    'rote blau blaue grun grune schwarz schwarze weiss weisse graue gelb braun').split(' ')),
};

/** French and German words of TO_ENGLISH that English shoppers write too: no evidence of a language. */
export const ALSO_ENGLISH = new Set(['pullover', 'plaid', 'ring', 'lit', 'bio', 'puzzle', 'parka', 'vase', 'bracelet', 'chat', 'jean', 'jeans', 'short', 'sweat', 'basket', 'lampe', 'decke', 'rock', 'kette', 'hose', 'spiel', 'bol', 'tente']);

/** Words that read as "yes" in an attribute value ("waterproof: yes"). */
export const TRUTHY = new Set(['yes', 'true', '1', 'y', 'oui', 'ja']);
