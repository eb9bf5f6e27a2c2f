import { describe, expect, it } from 'vitest';
import { resolveRates } from './resolve.js';

const rate = (id: string, taxClassId: string, country: string, region: string | null, postalPrefix: string | null) => ({ id, taxClassId, country, region, postalPrefix });

describe('resolveRates', () => {
  const rates = [
    rate('r1', 'std', 'US', null, null), rate('r2', 'std', 'US', 'CA', null), rate('r3', 'std', 'US', 'CA', '900'),
    rate('r4', 'red', 'US', null, null), rate('r5', 'std', 'DE', null, null), rate('r6', 'std', 'US', null, '9001'),
  ];
  it('picks the most specific matching rate per class', () => {
    const pick = (to: Parameters<typeof resolveRates>[1]) => Object.fromEntries([...resolveRates(rates, to)].map(([k, v]) => [k, v.id]));
    expect(pick({ country: 'US' })).toEqual({ std: 'r1', red: 'r4' });
    expect(pick({ country: 'us', region: 'ca' })).toEqual({ std: 'r2', red: 'r4' });
    expect(pick({ country: 'US', region: 'CA', postalCode: '90099' })).toEqual({ std: 'r3', red: 'r4' });
    expect(pick({ country: 'US', region: 'CA', postalCode: '90015' })).toEqual({ std: 'r6', red: 'r4' });
    expect(pick({ country: 'US', region: 'NY', postalCode: '10001' })).toEqual({ std: 'r1', red: 'r4' });
    expect(pick({ country: 'FR' })).toEqual({});
  });
});
