/** Handles: URL-safe, lower-case, generated once from a title and then kept stable. */

/** Turns a title into a handle: accents dropped, anything not a letter or digit becomes one dash. */
export function slugify(text: string, max = 100): string {
  const slug = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/g, '') || 'item';
}

/** The first of `base`, `base-2`, `base-3`… that is not taken. */
export function uniqueHandle(base: string, taken: (h: string) => boolean): string {
  if (!taken(base)) return base;
  for (let i = 2; ; i++) {
    const h = `${base}-${i}`;
    if (!taken(h)) return h;
  }
}
