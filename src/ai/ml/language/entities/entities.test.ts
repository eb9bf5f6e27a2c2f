import { describe, expect, it } from 'vitest';
import { CatalogueMatcher, editDistance, extractEntities, parseDecimal } from './index.js';
import { findDates } from './dates.js';

const ref = new Date('2024-05-10T09:00:00Z'); // a Friday

describe('extractEntities', () => {
  it('finds order numbers in their common shapes', () => {
    const values = (t: string): string[] => extractEntities(t).filter((e) => e.type === 'order_number').map((e) => e.value);
    expect(values('where is order #48213?')).toEqual(['48213']);
    expect(values('ORD-55102 has not shipped')).toEqual(['ORD-55102']);
    expect(values('order number: 10234')).toEqual(['10234']);
    expect(values('about ord_01HZX3K9 please')).toEqual(['ord_01HZX3K9']);
    expect(values('I ordered 2 shirts')).toEqual([]);
  });

  it('keeps an email whole and does not read its digits as anything else', () => {
    const e = extractEntities('mail me at bob.smith+2024@shop-mail.co.uk');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ type: 'email', value: 'bob.smith+2024@shop-mail.co.uk' });
  });

  it('finds phone numbers but not short numbers or order numbers', () => {
    expect(extractEntities('call +44 20 7946 0958').map((e) => e.type === 'phone' && e.value)).toEqual(['+442079460958']);
    expect(extractEntities('call me on 555-123-4567').map((e) => e.type)).toEqual(['phone']);
    expect(extractEntities('order 5551234567').map((e) => e.type)).toEqual(['order_number']);
    expect(extractEntities('I want 3 of them').length).toBe(0);
  });

  it('converts amounts to integer minor units with the currency', () => {
    const amounts = (t: string) => extractEntities(t).filter((e) => e.type === 'amount').map((e) => e.value);
    expect(amounts('charged $49.99 twice')).toEqual([{ minor: 4999, currency: 'USD' }]);
    expect(amounts('refund 12,50 € please')).toEqual([{ minor: 1250, currency: 'EUR' }]);
    expect(amounts('it cost 1.299,00 EUR')).toEqual([{ minor: 129900, currency: 'EUR' }]);
    expect(amounts('paid £1,200 for it')).toEqual([{ minor: 120000, currency: 'GBP' }]);
    expect(amounts('¥5000 only')).toEqual([{ minor: 5000, currency: 'JPY' }]);
    expect(amounts('30 bucks')).toEqual([{ minor: 3000, currency: 'USD' }]);
  });

  it('finds catalogue products despite typos and partial names', () => {
    const catalogue = ['Trail Runner Pro Shoes', { id: 'prod_7', name: 'Bluetooth Speaker Mini' }, 'Kettle'];
    const products = extractEntities('the blutooth speker mini and my trail runner shoes', { catalogue }).filter((e) => e.type === 'product');
    expect(products.map((p) => p.type === 'product' && p.value.name)).toEqual(['Bluetooth Speaker Mini', 'Trail Runner Pro Shoes']);
    expect(products[0].type === 'product' && products[0].value.id).toBe('prod_7');
    expect(extractEntities('my shoes are great', { catalogue }).some((e) => e.type === 'product')).toBe(false);
  });
});

describe('findDates', () => {
  const iso = (t: string, dayFirst?: boolean) => findDates(t, { referenceDate: ref, dayFirst }).map((d) => d.value.iso);

  it('reads absolute dates in several formats', () => {
    expect(iso('on 2024-03-05')).toEqual(['2024-03-05']);
    expect(iso('on 03/04/2024')).toEqual(['2024-04-03']);
    expect(iso('on 03/04/2024', false)).toEqual(['2024-03-04']);
    expect(iso('on 25/12/2023', false)).toEqual(['2023-12-25']);
    expect(iso('ordered March 3rd')).toEqual(['2024-03-03']);
    expect(iso('arrived 14 of february 2023')).toEqual(['2023-02-14']);
  });

  it('resolves relative dates only against the given reference', () => {
    expect(iso('it came yesterday')).toEqual(['2024-05-09']);
    expect(iso('ordered last friday')).toEqual(['2024-05-03']);
    expect(iso('3 days ago')).toEqual(['2024-05-07']);
    expect(findDates('yesterday')[0].value).toEqual({ iso: null, relative: true });
    expect(findDates('on monkeys')).toEqual([]);
  });

  it('drops impossible dates', () => {
    expect(iso('on 2024-02-31')).toEqual([null]);
  });
});

describe('helpers', () => {
  it('editDistance counts a transposition as one edit', () => {
    expect(editDistance('cancle', 'cancel')).toBe(1);
    expect(editDistance('speaker', 'speker')).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('parseDecimal reads both decimal conventions', () => {
    expect(parseDecimal('1,234.56')).toBe(1234.56);
    expect(parseDecimal('1.234,56')).toBe(1234.56);
    expect(parseDecimal('1,200')).toBe(1200);
  });

  it('CatalogueMatcher can be reused across messages', () => {
    const m = new CatalogueMatcher(['Organic Cotton Hoodie']);
    expect(m.find('my organic hoodie shrank')[0]?.value.name).toBe('Organic Cotton Hoodie');
    expect(m.find('cotton')).toEqual([]);
  });
});
