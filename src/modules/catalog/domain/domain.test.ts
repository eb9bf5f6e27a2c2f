import { describe, expect, it } from 'vitest';
import { slugify, uniqueHandle } from './handle.js';
import { sniffImage } from './image-type.js';
import { variantOptionProblems, variantTitle } from './variants.js';

describe('handles', () => {
  it('makes URL-safe handles from titles', () => {
    expect(slugify('Crème Brûlée T-Shirt (Blue) & Co.')).toBe('creme-brulee-t-shirt-blue-and-co');
    expect(slugify('!!!')).toBe('item');
    expect(uniqueHandle('shirt', (h) => h === 'shirt' || h === 'shirt-2')).toBe('shirt-3');
  });
});

describe('image sniffing', () => {
  it('trusts magic bytes only', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(sniffImage(png)?.ext).toBe('png');
    expect(sniffImage(new TextEncoder().encode('<svg onload="alert(1)"></svg>'))).toBeNull();
  });
});

describe('variant options', () => {
  const options = [{ name: 'Size', values: ['S', 'M'] }, { name: 'Color', values: ['Red'] }];
  it('accepts valid combinations and names the bad field', () => {
    expect(variantOptionProblems(options, [{ options: { Size: 'S', Color: 'Red' } }, { options: { Size: 'M', Color: 'Red' } }])).toEqual([]);
    const p = variantOptionProblems(options, [{ options: { Size: 'S', Color: 'Red' } }, { options: { Size: 'S', Color: 'Red' } }, { options: { Size: 'XL' } }]);
    expect(p.map((x) => x.field)).toEqual(['body.variants[1].options', 'body.variants[2].options.Size', 'body.variants[2].options.Color']);
    expect(variantTitle(options, { Size: 'M', Color: 'Red' })).toBe('M / Red');
  });
});
