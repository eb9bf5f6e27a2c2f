/**
 * The tax module's public service interface. The cart and checkout ask `resolve` for the rates of a
 * destination and feed them, with `pricesIncludeTax`, to the totals calculator; products refer to a
 * tax class by id.
 */
import type { Ctx } from '../../../platform/index.js';

export interface TaxClass { id: string; code: string; name: string; createdAt: string; updatedAt: string }

export interface TaxRate {
  id: string; taxClassId: string; name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Region or state code within the country; null for the whole country. */
  region: string | null;
  /** Postal codes starting with this; null for any. */
  postalPrefix: string | null;
  /** Basis points: 825 = 8.25 %. */
  rateBp: number;
  createdAt: string; updatedAt: string;
}

export interface TaxRateInput { taxClassId: string; name: string; country: string; region?: string | null; postalPrefix?: string | null; rateBp: number }

export interface TaxSettings { pricesIncludeTax: boolean; updatedAt: string }

export interface Destination { country: string; region?: string | null; postalCode?: string | null }

/** The rate each tax class has at a destination (classes without a matching rate are absent: untaxed). */
export interface ResolvedTaxRate { taxClassId: string; taxClassCode: string; rateId: string; name: string; rateBp: number }

export interface TaxService {
  listClasses(ctx: Ctx): Promise<TaxClass[]>;
  createClass(ctx: Ctx, input: { code: string; name: string }): Promise<TaxClass>;
  updateClass(ctx: Ctx, id: string, patch: { name?: string }): Promise<TaxClass>;
  listRates(ctx: Ctx, q: { country?: string; taxClassId?: string }): Promise<TaxRate[]>;
  createRate(ctx: Ctx, input: TaxRateInput): Promise<TaxRate>;
  updateRate(ctx: Ctx, id: string, patch: Partial<TaxRateInput>): Promise<TaxRate>;
  deleteRate(ctx: Ctx, id: string): Promise<void>;
  settings(ctx: Ctx): Promise<TaxSettings>;
  updateSettings(ctx: Ctx, patch: { pricesIncludeTax: boolean }): Promise<TaxSettings>;
  /** The most specific rate per class for a destination, and whether shelf prices include tax. */
  resolve(ctx: Ctx, to: Destination): Promise<{ pricesIncludeTax: boolean; rates: ResolvedTaxRate[] }>;
}
