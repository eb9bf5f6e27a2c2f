/** Checks a product's variants against its options: every option valued, values allowed, combinations unique. */
import type { ErrorDetail } from '../../../kernel/index.js';

export interface OptionDef { name: string; values: string[] }

/** Problems with variant option values, naming each field; empty when all is well. */
export function variantOptionProblems(options: OptionDef[], variants: { options?: Record<string, string> }[], path = 'body.variants'): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const names = new Set<string>();
  options.forEach((o, i) => {
    if (names.has(o.name)) problems.push({ field: `body.options[${i}].name`, message: `duplicates option '${o.name}'` });
    names.add(o.name);
  });
  const seen = new Map<string, number>();
  variants.forEach((v, i) => {
    const given = v.options ?? {};
    for (const o of options) {
      const value = given[o.name];
      if (value === undefined) problems.push({ field: `${path}[${i}].options.${o.name}`, message: 'is required by the product\'s options' });
      else if (!o.values.includes(value)) problems.push({ field: `${path}[${i}].options.${o.name}`, message: `must be one of ${o.values.join(', ')}` });
    }
    for (const k of Object.keys(given)) {
      if (!names.has(k)) problems.push({ field: `${path}[${i}].options.${k}`, message: 'is not an option of this product' });
    }
    const key = options.map((o) => given[o.name] ?? '').join('\u0000');
    if (options.length && seen.has(key)) problems.push({ field: `${path}[${i}].options`, message: `repeats the option values of variant ${seen.get(key)}` });
    seen.set(key, i);
  });
  return problems;
}

/** A variant's display title from its option values, e.g. "M / Blue". */
export const variantTitle = (options: OptionDef[], values: Record<string, string> | undefined): string =>
  options.map((o) => values?.[o.name]).filter(Boolean).join(' / ') || 'Default';
