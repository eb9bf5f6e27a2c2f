import { describe, expect, it } from 'vitest';
import { escapeHtml, parseTemplate, renderTemplate, TemplateError, unknownNames } from './template.js';

const html = (s: string, m: object) => renderTemplate(s, m, { html: true });
const text = (s: string, m: object) => renderTemplate(s, m, { html: false });

describe('template language', () => {
  it('escapes every interpolated value in HTML, including attribute breakers', () => {
    const name = `<script>alert("x")</script> & 'y' \`z\` a=b`;
    expect(html('<p title="{{name}}">{{name}}</p>', { name })).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96; a&#61;b">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96; a&#61;b</p>');
    expect(html('{{#each lines}}<li>{{title}}</li>{{/each}}', { lines: [{ title: '<b>' }, { title: 'a&b' }] })).toBe('<li>&lt;b&gt;</li><li>a&amp;b</li>');
    expect(escapeHtml('plain')).toBe('plain');
  });

  it('leaves plain text unescaped, and values cannot smuggle in tags', () => {
    expect(text('Hi {{name}}', { name: 'A & B <c>' })).toBe('Hi A & B <c>');
    expect(text('{{name}}', { name: '{{secret}}' })).toBe('{{secret}}');
  });

  it('has if / else, each with outer names visible, and dotted paths', () => {
    const model = { customer: { name: 'Ada' }, currency: 'EUR', lines: [{ title: 'Shirt', qty: 2 }, { title: 'Tote', qty: 1 }], none: [], zero: 0 };
    expect(text('{{#if customer.name}}Hi {{customer.name}}{{else}}Hello{{/if}}', model)).toBe('Hi Ada');
    expect(text('{{#if none}}x{{else}}empty{{/if}}|{{#if zero}}x{{else}}zero{{/if}}', model)).toBe('empty|zero');
    expect(text('{{#each lines}}{{qty}}×{{title}} {{currency}};{{/each}}', model)).toBe('2×Shirt EUR;1×Tote EUR;');
    expect(text('[{{missing}}][{{customer.missing}}][{{customer}}]', model)).toBe('[][][]');
  });

  it('does not reach into the prototype', () => {
    expect(text('{{constructor}}{{toString}}', {})).toBe('');
    expect(unknownNames('{{constructor}}', {})).toEqual(['constructor']);
  });

  it('refuses broken templates, naming where', () => {
    for (const bad of ['{{#if a}}open', '{{/if}}', '{{#each a}}{{/if}}', '{{else}}', '{{#if a}}{{else}}{{else}}{{/if}}', '{{a b}}', '{{ 1 + 1 }}', 'x {{', '{{#unless a}}{{/unless}}']) {
      expect(() => parseTemplate(bad), bad).toThrow(TemplateError);
    }
    expect(() => parseTemplate('ab {{#if x}}')).toThrow(/at character 4/);
    expect(parseTemplate('no tags at all, } { }}')).toEqual([{ t: 'text', value: 'no tags at all, } { }}' }]);
  });

  it('lists names a model does not have, checking list bodies against their first item', () => {
    const sample = { orderNumber: '#1', trackingUrl: null, lines: [{ title: 'x' }] };
    expect(unknownNames('{{orderNumber}} {{trackingUrl}} {{#each lines}}{{title}} {{orderNumber}}{{/each}}', sample)).toEqual([]);
    expect(unknownNames('{{ordernumber}} {{#if carrier}}{{/if}} {{#each lines}}{{price}}{{/each}}', sample)).toEqual(['ordernumber', 'carrier', 'price']);
  });
});
