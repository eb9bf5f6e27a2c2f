/**
 * What the catalogue can be asked about: its categories, tags, attribute keys and values, and the
 * option names and values of its variants (sizes, colours, …), in folded form for matching and
 * with the catalogue's own spelling for filters and chips. Built from storefront summaries, so it
 * only ever names things that exist; rebuilt when the catalogue changes.
 */
import { COLOUR_FAMILIES, COLOUR_OPTION_NAMES, fold, SIZE_OPTION_NAMES, stem } from './lexicon.js';

export interface VocabProduct {
  id: string;
  title: string;
  tags: string[];
  attributes: Record<string, string>;
  categoryIds: string[];
  variants: { options: Record<string, string> }[];
}

export interface VocabCategory { id: string; handle: string; name: string }

export interface Vocabulary {
  categories: (VocabCategory & { words: string[] })[];
  /** folded tag → the catalogue's tag. */
  tags: Map<string, string>;
  /** folded attribute key → { key, values: folded value → value }. */
  attributes: Map<string, { key: string; values: Map<string, string> }>;
  /** folded attribute value → the attributes holding it. */
  attributeValues: Map<string, { key: string; value: string }[]>;
  /** Option names as the catalogue spells them, grouped: sizes, colours, the rest. */
  sizeOptions: string[];
  colourOptions: string[];
  /** folded option value → { name, value } for every option of every variant. */
  optionValues: Map<string, { name: string; value: string }[]>;
  /** Longest option value in words (multi-word values such as "Forest Green"). */
  maxOptionWords: number;
}

const words = (s: string) => fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

export function buildVocabulary(products: VocabProduct[], categories: VocabCategory[]): Vocabulary {
  const tags = new Map<string, string>();
  const attributes = new Map<string, { key: string; values: Map<string, string> }>();
  const attributeValues = new Map<string, { key: string; value: string }[]>();
  const optionValues = new Map<string, { name: string; value: string }[]>();
  const optionNames = new Set<string>();
  let maxOptionWords = 1;
  for (const p of products) {
    for (const t of p.tags) tags.set(fold(t), t);
    for (const [k, v] of Object.entries(p.attributes)) {
      const fk = fold(k);
      let a = attributes.get(fk);
      if (!a) attributes.set(fk, (a = { key: k, values: new Map() }));
      a.values.set(fold(v), v);
      const list = attributeValues.get(fold(v)) ?? [];
      if (!list.some((x) => x.key === k && x.value === v)) list.push({ key: k, value: v });
      attributeValues.set(fold(v), list);
    }
    for (const v of p.variants) {
      for (const [name, value] of Object.entries(v.options)) {
        optionNames.add(name);
        const fv = fold(value);
        const list = optionValues.get(fv) ?? [];
        if (!list.some((x) => x.name === name && x.value === value)) list.push({ name, value });
        optionValues.set(fv, list);
        maxOptionWords = Math.max(maxOptionWords, words(value).length);
      }
    }
  }
  const names = [...optionNames];
  return {
    categories: categories.map((c) => ({ ...c, words: words(c.name).map(stem) })),
    tags, attributes, attributeValues,
    sizeOptions: names.filter((n) => SIZE_OPTION_NAMES.includes(fold(n))),
    colourOptions: names.filter((n) => COLOUR_OPTION_NAMES.includes(fold(n))),
    optionValues, maxOptionWords,
  };
}

/** The catalogue's colour values that count as a canonical colour ("blue" → Navy, Sky Blue, …). */
export function colourValues(vocab: Vocabulary, colour: string): { name: string; value: string }[] {
  const family = COLOUR_FAMILIES[colour] ?? [];
  const out: { name: string; value: string }[] = [];
  for (const [fv, list] of vocab.optionValues) {
    const fitting = list.filter((x) => vocab.colourOptions.includes(x.name));
    if (!fitting.length) continue;
    const ws = fv.split(/\s+/);
    if (ws.includes(colour) || (colour === 'grey' && ws.includes('gray')) || family.includes(fv)) out.push(...fitting);
  }
  return out;
}

/** The catalogue's values of size options equal to what the shopper wrote ("42", "m", "large"). */
export function sizeValues(vocab: Vocabulary, raw: string): { name: string; value: string }[] {
  const f = fold(raw);
  const aliases: Record<string, string[]> = {
    s: ['small'], small: ['s'], m: ['medium'], medium: ['m'], l: ['large'], large: ['l'], xl: ['extra large'], xs: ['extra small'],
    petit: ['s', 'small'], moyen: ['m', 'medium'], grand: ['l', 'large'], klein: ['s', 'small'], mittel: ['m', 'medium'], gross: ['l', 'large'],
  };
  const wanted = [f, ...(aliases[f] ?? [])];
  const out: { name: string; value: string }[] = [];
  for (const w of wanted) for (const x of vocab.optionValues.get(w) ?? []) if (vocab.sizeOptions.includes(x.name)) out.push(x);
  return out;
}
