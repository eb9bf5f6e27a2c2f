import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n';
import { en } from './en';
import { fr } from './fr';

describe('storefront catalogues', () => {
  it('French translates every English string, with the same placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(en)) {
      const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(vars(fr[k]), k).toEqual(vars(v));
    }
  });

  it('picks plural forms per language and fills placeholders', () => {
    const t = translator({ en, fr }, 'fr');
    expect(t('category.products', { count: 1 })).toBe('1 produit');
    expect(t('category.products', { count: 3 })).toBe('3 produits');
    expect(translator({ en, fr }, 'en')('nav.cartCount', { count: 1 })).toBe('Cart, 1 item');
  });
});
