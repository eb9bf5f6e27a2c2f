import { describe, expect, it } from 'vitest';
import { durableName, natsNames } from './jetstream.js';

describe('JetStream names', () => {
  const n = natsNames('Shop_1');

  it('puts the namespace on every stream and subject', () => {
    expect([n.events, n.jobs, n.dlq]).toEqual(['SHOP_1_EVENTS', 'SHOP_1_JOBS', 'SHOP_1_DLQ']);
    expect(n.eventSubject('order.placed')).toBe('shop_1.events.order.placed');
    expect(n.jobSubject('checkout.recover')).toBe('shop_1.jobs.checkout.recover');
    expect(n.jobSubject('odd name*>')).toBe('shop_1.jobs.odd_name__');
    expect(n.dlqSubject(durableName('notifications.mail'))).toBe('shop_1.dlq.notifications_mail');
  });

  it('filters a group to the narrowest subject that covers its types', () => {
    expect(n.eventFilter(['order.placed'])).toBe('shop_1.events.order.placed');
    expect(n.eventFilter(['order.*'])).toBe('shop_1.events.order.>');
    expect(n.eventFilter(['order.placed', 'order.cancelled'])).toBe('shop_1.events.order.>');
    expect(n.eventFilter(['order.*', 'order.placed'])).toBe('shop_1.events.order.>');
    expect(n.eventFilter(['support.message.received', 'support.message.sent'])).toBe('shop_1.events.support.message.>');
    expect(n.eventFilter(['order.placed', 'fulfillment.shipped'])).toBe('shop_1.events.>');
    expect(n.eventFilter(['test.*', 'test.pinged'])).toBe('shop_1.events.test.>');
  });

  it('makes durable consumer names without dots or wildcards', () => {
    expect(durableName('fulfillment.order_cancelled')).toBe('fulfillment_order_cancelled');
    expect(durableName('a b.*>')).toBe('a_b___');
  });
});
