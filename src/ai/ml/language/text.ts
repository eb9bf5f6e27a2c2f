/**
 * Text normalisation shared by every language model, so training and prediction see the same
 * tokens: lower case, accents folded, digits collapsed (order numbers and amounts are entities,
 * not intent evidence).
 */

/** Lower-cases, folds accents and typographic quotes, and maps every digit to `0`. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\d/g, '0');
}

/** Splits normalised text into word tokens; keeps in-word apostrophes ("don't") and collapses number runs. */
export function wordTokens(normalised: string): string[] {
  const out: string[] = [];
  for (const m of normalised.matchAll(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu)) {
    out.push(/^0+$/.test(m[0]) ? '0' : m[0]);
  }
  return out;
}
