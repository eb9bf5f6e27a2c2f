import { describe, expect, it } from 'vitest';
import { splitPassages } from './passages.js';

describe('knowledge-base passages', () => {
  it('cuts at headings and keeps the heading with each passage', () => {
    const p = splitPassages('Intro line.\n\n# Returns\nYou may return items within 30 days of delivery, unworn and with tags.\n\n## Refunds\nRefunds go back to the original payment within 5 business days.');
    expect(p.map((x) => x.heading)).toEqual([null, 'Returns', 'Refunds']);
    expect(p[1].text).toContain('30 days');
    expect(p.map((x) => x.index)).toEqual([0, 1, 2]);
  });
  it('joins short paragraphs and splits long ones at sentence ends', () => {
    const long = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} explains one more rule.`).join(' ');
    const p = splitPassages(`Short one.\n\nShort two.\n\n${long}`);
    for (const x of p) expect(x.text.length).toBeLessThanOrEqual(700);
    expect(p.length).toBeGreaterThan(1);
    expect(p[0].text.startsWith('Short one.\nShort two.\n')).toBe(true);
    expect(p.map((x) => x.text).join('\n')).toBe(`Short one.\nShort two.\n${long.replace(/(?<=rule\.) (?=Sentence number 16 )/, '\n')}`);
    for (const x of p) expect(x.text).toMatch(/\.$/);
  });
  it('an empty body has no passages', () => expect(splitPassages('  \n\n')).toEqual([]));
});
