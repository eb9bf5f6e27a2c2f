import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language-detect.js';

describe('detectLanguage', () => {
  it('recognises common store languages', () => {
    expect(detectLanguage('Wo ist meine Bestellung? Sie ist noch nicht angekommen').code).toBe('de');
    expect(detectLanguage('Je voudrais annuler ma commande, merci').code).toBe('fr');
    expect(detectLanguage('Quiero devolver estos zapatos, no me quedan bien').code).toBe('es');
    expect(detectLanguage('Где мой заказ? Я жду уже две недели').code).toBe('ru');
  });

  it('gets short English support messages right, where trigrams alone fail', () => {
    for (const t of ['track my order please', 'when will my order arrive', 'how do i cancel an order']) expect(detectLanguage(t).code).toBe('en');
  });

  it('falls back to the store language only for short messages with no telling word', () => {
    expect(detectLanguage('parcel arrived damaged', { prior: 'eng' }).code).toBe('en');
    expect(detectLanguage('Waar blijft mijn pakket?', { prior: 'eng' }).code).toBe('nl');
  });

  it('says und when there is nothing to go on', () => {
    expect(detectLanguage('12345 !!').code).toBe('und');
  });
});
