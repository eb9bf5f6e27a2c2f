import { describe, expect, it } from 'vitest';
import { understandMessage } from './understand-message.js';

// These run the shipped models (trained from Emporia's own utterances), so they guard the product path.
describe('understandMessage', () => {
  const catalogue = ['Bluetooth Speaker Mini', 'Trail Runner Pro Shoes'];

  it('reads an angry delivery complaint end to end', () => {
    const u = understandMessage('Where the hell is my order #48213??? This is the THIRD time I ask!!', { catalogue });
    expect(u.language.code).toBe('en');
    expect(u.intent.intent).toBe('order_status');
    expect(u.intent.evidence.length).toBeGreaterThan(0);
    expect(u.entities).toMatchObject([{ type: 'order_number', value: '48213' }]);
    expect(u.sentiment.label).toBe('negative');
    expect(u.urgency.level).toBe('high');
  });

  it('finds products and amounts alongside the intent', () => {
    const u = understandMessage('the blutooth speker mini I paid $35.00 for arrived broken', { catalogue });
    expect(u.intent.intent).toBe('delivery_problem');
    expect(u.entities.map((e) => e.type)).toEqual(['product', 'amount']);
  });

  it('answers unknown for out-of-scope and for languages the intent model does not know', () => {
    expect(understandMessage('what is the capital of italy').intent.intent).toBe('unknown');
    const fr = understandMessage('Je voudrais annuler ma commande, merci');
    expect(fr.languageSupported).toBe(false);
    expect(fr.intent.intent).toBe('unknown');
  });

  it('recognises the core support intents in new phrasings', () => {
    const cases: [string, string][] = [
      ['pls cancel the order i made this morning', 'cancel_order'],
      ['I would like my money back for the broken lamp', 'refund'],
      ['my card keeps getting declined', 'payment_problem'],
      ['let me speak to an actual human', 'human_agent'],
      ['how do I send the jacket back', 'return_item'],
    ];
    for (const [text, intent] of cases) expect(understandMessage(text).intent.intent, text).toBe(intent);
  });
});
