/** Facts the tax module announces (carts re-price from them). */
import { Type } from '@sinclair/typebox';
import { defineEvent } from '../../../platform/index.js';

export const TaxRateChanged = defineEvent('tax_rate.changed', 1, 'A tax rate was created, changed or deleted.',
  Type.Object({ rateId: Type.String(), taxClassId: Type.String(), country: Type.String(), change: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('deleted')]) }));

export const TaxSettingsChanged = defineEvent('tax_settings.changed', 1, 'Whether shelf prices include tax was changed.',
  Type.Object({ pricesIncludeTax: Type.Boolean() }));
