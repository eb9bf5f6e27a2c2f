import { describe, expect, it } from 'vitest';
import { parseMessage } from './parse-query.js';
import { buildVocabulary, type VocabProduct } from './vocabulary.js';

const products: VocabProduct[] = [
  { id: 'p1', title: 'Summit Hiking Boots', tags: ['waterproof', 'footwear'], attributes: { material: 'leather' }, categoryIds: ['c1'], variants: ['40', '41', '42'].flatMap((s) => ['Brown', 'Black'].map((c) => ({ options: { Size: s, Color: c } }))) },
  { id: 'p2', title: 'Harbor Tee', tags: ['tops'], attributes: { material: 'organic cotton' }, categoryIds: ['c2'], variants: ['S', 'M', 'L'].flatMap((s) => ['Navy', 'Forest Green', 'Red'].map((c) => ({ options: { Size: s, Color: c } }))) },
  { id: 'p3', title: 'Nova Ring', tags: ['jewelry'], attributes: { material: 'sterling silver' }, categoryIds: ['c3'], variants: [{ options: { Metal: 'Gold' } }, { options: { Metal: 'Rose Gold' } }] },
  { id: 'p4', title: 'Rain Shell', tags: [], attributes: { waterproof: 'yes' }, categoryIds: ['c4'], variants: [{ options: { Size: 'M' } }] },
];
const vocab = buildVocabulary(products, [
  { id: 'c1', handle: 'footwear', name: 'Footwear' }, { id: 'c2', handle: 'tops', name: 'Tops' }, { id: 'c3', handle: 'jewelry', name: 'Jewelry' }, { id: 'c4', handle: 'kitchen', name: 'Kitchen & Dining' },
]);
const opts = { currency: 'USD', digits: 2 };

describe('parseMessage', () => {
  it('reads the issue example: keywords, a tag, a price bound and a size', () => {
    const p = parseMessage('waterproof hiking boots under 100 in size 42', vocab, opts);
    expect(p.intent).toBe('search');
    expect(p.language).toBe('en');
    expect(p.constraints.keywords).toEqual(['hiking', 'boots']);
    expect(p.constraints.tags).toEqual(['waterproof']);
    expect(p.constraints.maxPrice).toBe(10_000);
    expect(p.constraints.minPrice).toBeUndefined();
    expect(p.constraints.options).toEqual([{ kind: 'size', label: '42', values: [{ name: 'Size', value: '42' }] }]);
  });

  it('does not take short English queries for German or French', () => {
    expect(parseMessage('cheapest black sneakers in size 10', vocab, opts).language).toBe('en');
    expect(parseMessage('red tee', vocab, opts).language).toBe('en');
    expect(parseMessage('un t-shirt rouge', vocab, opts).language).toBe('fr');
    expect(parseMessage('günstigste Kerze', vocab, opts).language).toBe('de');
  });

  it('reads French and German versions of it', () => {
    const fr = parseMessage('chaussures de randonnée imperméables à moins de 100 € en taille 42', vocab, opts);
    expect(fr.language).toBe('fr');
    expect(fr.constraints.keywords).toEqual(['hiking', 'boots']);
    expect(fr.constraints.maxPrice).toBe(10_000);
    expect(fr.namedCurrency).toBe('EUR');
    expect(fr.constraints.options[0].label).toBe('42');
    const de = parseMessage('wasserdichte Wanderschuhe unter 100 Euro in Größe 42', vocab, opts);
    expect(de.language).toBe('de');
    expect(de.constraints.tags).toEqual(['waterproof']);
    expect(de.constraints.keywords).toEqual(['hiking', 'boots']);
    expect(de.constraints.maxPrice).toBe(10_000);
    expect(de.constraints.options[0].values).toEqual([{ name: 'Size', value: '42' }]);
  });

  it('maps colours to the catalogue values of their family, and ranges, sorts and stock', () => {
    const p = parseMessage('cheapest blue tee between $20 and $40 in stock', vocab, opts);
    expect(p.constraints.options).toEqual([{ kind: 'colour', label: 'blue', values: [{ name: 'Color', value: 'Navy' }] }]);
    expect(p.constraints.minPrice).toBe(2000);
    expect(p.constraints.maxPrice).toBe(4000);
    expect(p.constraints.sort).toBe('price_asc');
    expect(p.constraints.inStock).toBe(true);
    expect(p.constraints.keywords).toEqual(['tee']);
    const multi = parseMessage('forest green tee', vocab, opts);
    expect(multi.constraints.options[0]).toMatchObject({ kind: 'colour', label: 'forest green' });
    const rouge = parseMessage('un t-shirt rouge', vocab, opts);
    expect(rouge.constraints.options[0]).toMatchObject({ label: 'red', values: [{ name: 'Color', value: 'Red' }] });
  });

  it('uses attributes: yes-valued keys and values, and categories by name', () => {
    const p = parseMessage('waterproof jacket', vocab, opts);
    expect(p.constraints.tags).toEqual(['waterproof']);
    const q = parseMessage('leather jewelry over 50', vocab, opts);
    expect(q.constraints.attributes).toEqual([{ key: 'material', value: 'leather' }]);
    expect(q.constraints.category?.handle).toBe('jewelry');
    expect(q.constraints.minPrice).toBe(5000);
    const r = parseMessage('organic cotton tops', vocab, opts);
    expect(r.constraints.attributes).toEqual([{ key: 'material', value: 'organic cotton' }]);
    expect(r.constraints.category?.handle).toBe('tops');
  });

  it('tells intents apart and picks up references and quantities', () => {
    expect(parseMessage('is this available in blue?', vocab, opts)).toMatchObject({ intent: 'availability', refersToCurrent: true });
    expect(parseMessage('what is the difference between Harbor Tee and Nova Ring', vocab, opts).intent).toBe('compare');
    const add = parseMessage('add two of the second one to my cart in size M', vocab, opts);
    expect(add).toMatchObject({ intent: 'add_to_cart', ordinal: 1, quantity: 2 });
    expect(add.constraints.options[0]).toMatchObject({ kind: 'size', label: 'M' });
    expect(parseMessage('ajoute-le au panier', vocab, opts).intent).toBe('add_to_cart');
    expect(parseMessage('leg es in den Warenkorb', vocab, opts).intent).toBe('add_to_cart');
    expect(parseMessage('gibt es das in Gold?', vocab, opts)).toMatchObject({ intent: 'availability', refersToCurrent: true });
    expect(parseMessage('vergleiche Harbor Tee und Nova Ring', vocab, opts).intent).toBe('compare');
  });

  it('keeps a size no product has as a constraint with no values, and does not read it as a price', () => {
    const p = parseMessage('boots size 47', vocab, opts);
    expect(p.constraints.options).toEqual([{ kind: 'size', label: '47', values: [] }]);
    expect(p.constraints.maxPrice).toBeUndefined();
  });
});
