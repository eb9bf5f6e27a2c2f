/** Tax routes for staff. Thin: parse, call one service method, map the result. */
import { Type } from '@sinclair/typebox';
import { access, IdParam, Nullable, route, Strict, type AnyRoute } from '../../../platform/index.js';
import type { TaxService } from '../contracts/service.js';

// Rates change what every order costs: changing them is a store setting; reading them is everyday staff work.
const read = access.staff('catalog:read');
const write = access.staff('settings:manage');
const tags = ['admin: tax'];

const Country = Type.String({ pattern: '^[A-Za-z]{2}$', maxLength: 2, description: 'ISO 3166-1 alpha-2' });
const Region = Type.String({ minLength: 1, maxLength: 10, pattern: '^[A-Za-z0-9\\- ]+$', description: 'region or state code, e.g. CA' });
const Postal = Type.String({ minLength: 1, maxLength: 12, pattern: '^[A-Za-z0-9\\- ]+$' });
const Ref = Type.String({ minLength: 1, maxLength: 120 });

const ClassDto = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), createdAt: Type.String(), updatedAt: Type.String() });
const RateDto = Type.Object({
  id: Type.String(), taxClassId: Type.String(), name: Type.String(), country: Type.String(), region: Nullable(Type.String()), postalPrefix: Nullable(Type.String()),
  rateBp: Type.Integer(), createdAt: Type.String(), updatedAt: Type.String(),
});
const SettingsDto = Type.Object({ pricesIncludeTax: Type.Boolean(), updatedAt: Type.String() });
const rateFields = {
  taxClassId: Ref, name: Type.String({ minLength: 1, maxLength: 120 }), country: Country,
  region: Type.Optional(Nullable(Region)), postalPrefix: Type.Optional(Nullable(Postal)),
  rateBp: Type.Integer({ minimum: 0, maximum: 10_000, description: 'basis points: 825 = 8.25 %' }),
};

export function taxRoutes(tax: TaxService): AnyRoute[] {
  return [
    route({
      method: 'GET', url: '/admin/tax/classes', access: read, tags, summary: 'Tax classes (products refer to one by id)',
      response: { 200: Type.Object({ items: Type.Array(ClassDto) }) },
      handler: async ({ ctx }) => ({ items: await tax.listClasses(ctx) }),
    }),
    route({
      method: 'POST', url: '/admin/tax/classes', access: write, tags, summary: 'Add a tax class',
      body: Strict({ code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_\\-]+$' }), name: Type.String({ minLength: 1, maxLength: 120 }) }),
      response: { 201: ClassDto },
      handler: async ({ body, ctx }) => tax.createClass(ctx, body),
    }),
    route({
      method: 'PATCH', url: '/admin/tax/classes/:id', access: write, tags, summary: 'Rename a tax class',
      params: IdParam(), body: Strict({ name: Type.String({ minLength: 1, maxLength: 120 }) }), response: { 200: ClassDto },
      handler: async ({ params, body, ctx }) => tax.updateClass(ctx, params.id, body),
    }),
    route({
      method: 'GET', url: '/admin/tax/rates', access: read, tags, summary: 'Tax rates, by country, region and postal prefix',
      query: Strict({ country: Type.Optional(Country), taxClassId: Type.Optional(Ref) }),
      response: { 200: Type.Object({ items: Type.Array(RateDto) }) },
      handler: async ({ query, ctx }) => ({ items: await tax.listRates(ctx, query) }),
    }),
    route({
      method: 'POST', url: '/admin/tax/rates', access: write, tags, summary: 'Add a rate for a tax class in a country (optionally a region and a postal prefix)',
      body: Strict(rateFields), response: { 201: RateDto },
      handler: async ({ body, ctx }) => tax.createRate(ctx, body),
    }),
    route({
      method: 'PATCH', url: '/admin/tax/rates/:id', access: write, tags, summary: 'Change a tax rate',
      params: IdParam(),
      body: Strict({ ...rateFields, taxClassId: Type.Optional(Ref), name: Type.Optional(rateFields.name), country: Type.Optional(Country), rateBp: Type.Optional(rateFields.rateBp) }, { minProperties: 1 }),
      response: { 200: RateDto },
      handler: async ({ params, body, ctx }) => tax.updateRate(ctx, params.id, body),
    }),
    route({
      method: 'DELETE', url: '/admin/tax/rates/:id', access: write, tags, status: 204, summary: 'Delete a tax rate',
      params: IdParam(),
      handler: async ({ params, ctx }) => { await tax.deleteRate(ctx, params.id); },
    }),
    route({
      method: 'GET', url: '/admin/tax/settings', access: read, tags, summary: 'Whether shelf prices include tax',
      response: { 200: SettingsDto },
      handler: async ({ ctx }) => tax.settings(ctx),
    }),
    route({
      method: 'PUT', url: '/admin/tax/settings', access: write, tags, status: 200, summary: 'Set whether shelf prices include tax (VAT style) or tax is added at checkout',
      body: Strict({ pricesIncludeTax: Type.Boolean() }), response: { 200: SettingsDto },
      handler: async ({ body, ctx }) => tax.updateSettings(ctx, body),
    }),
    route({
      method: 'GET', url: '/admin/tax/resolve', access: read, tags, summary: 'The rate each tax class has at a destination (the most specific match)',
      query: Strict({ country: Country, region: Type.Optional(Region), postalCode: Type.Optional(Postal) }),
      response: { 200: Type.Object({ pricesIncludeTax: Type.Boolean(), rates: Type.Array(Type.Object({ taxClassId: Type.String(), taxClassCode: Type.String(), rateId: Type.String(), name: Type.String(), rateBp: Type.Integer() })) }) },
      handler: async ({ query, ctx }) => tax.resolve(ctx, query),
    }),
  ];
}
