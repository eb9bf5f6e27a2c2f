import { describe, expect, it } from 'vitest';
import { escapeHtml, renderTemplate } from './templates.js';

describe('canned reply templates', () => {
  it('fills placeholders, tolerating spaces inside the braces', () => {
    const r = renderTemplate('Hi {{customer.firstName}}, this is {{ agent.name }}.', { 'customer.firstName': 'Ada', 'agent.name': 'Sam Lee' });
    expect(r).toEqual({ body: 'Hi Ada, this is Sam Lee.', html: 'Hi Ada, this is Sam Lee.', missing: [] });
  });
  it('escapes the template and every value in the HTML body, and keeps line breaks', () => {
    const r = renderTemplate('<p>{{customer.name}}</p>\nBye & thanks', { 'customer.name': '"><img src=x onerror=alert(1)>' });
    expect(r.body).toBe('<p>"><img src=x onerror=alert(1)></p>\nBye & thanks');
    expect(r.html).toBe('&lt;p&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/p&gt;<br>Bye &amp; thanks');
  });
  it('names placeholders without a value and leaves them empty', () => {
    expect(renderTemplate('Order {{order.number}} {{nope.thing}}', { 'order.number': null })).toEqual({ body: 'Order  ', html: 'Order  ', missing: ['order.number', 'nope.thing'] });
  });
  it('escapes quotes and apostrophes', () => expect(escapeHtml(`'"`)).toBe('&#39;&quot;'));
});
