/** Facts the shipping module announces (carts re-quote from them). */
import { Type } from '@sinclair/typebox';
import { defineEvent } from '../../../platform/index.js';

const Change = Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('archived')]);

export const ShippingZoneChanged = defineEvent('shipping_zone.changed', 1, 'A shipping zone was created, changed or archived.',
  Type.Object({ zoneId: Type.String(), change: Change }));

export const ShippingMethodChanged = defineEvent('shipping_method.changed', 1, 'A shipping, pickup or curbside method was created, changed or archived.',
  Type.Object({ methodId: Type.String(), kind: Type.String(), change: Change }));
