/**
 * A small real agent for the runtime's integration tests: it reviews a product listing through
 * the catalogue's front door (a tool over `catalog.getProduct`) and notes what is missing. It
 * has every phase, an LLM path with a tool, and hands off when a description must be written.
 */
import { Type } from '@sinclair/typebox';
import { defineAgent, defineTool, reject } from '../../src/ai/runtime/index.js';
import type { CatalogService } from '../../src/modules/catalog/index.js';

export function listingReviewAgent(catalog: Pick<CatalogService, 'getProduct'>, opts: { name?: string; latencyBudgetMs?: number } = {}) {
  const getProduct = defineTool({
    name: 'get_product',
    description: 'A product of the catalogue by id: title, description, status, number of variants and images',
    input: Type.Object({ id: Type.String({ minLength: 1, maxLength: 120 }) }),
    output: Type.Object({ id: Type.String(), title: Type.String(), description: Type.String(), status: Type.String(), variants: Type.Integer(), images: Type.Integer() }),
    async run(ctx, { id }) {
      const p = await catalog.getProduct(ctx, id);
      return { id: p.id, title: p.title, description: p.description, status: p.status, variants: p.variants.length, images: p.images.length };
    },
    summarise: (p) => `${p.title} (${p.status})`,
  });
  const Note = Type.Object({ productId: Type.String(), note: Type.String({ minLength: 1, maxLength: 500 }), missing: Type.Array(Type.String()) });

  return defineAgent({
    name: opts.name ?? 'test.listing_review',
    version: '1.0.0',
    description: 'Reviews a product listing and notes what is missing',
    latencyBudgetMs: opts.latencyBudgetMs ?? 2000,
    input: Type.Object({ productId: Type.String({ minLength: 1, maxLength: 120 }) }),
    draft: Note,
    output: Note,
    tools: [getProduct],
    summariseInput: (i) => `product ${i.productId}`,
    retrieve: (run, input) => run.call(getProduct, { id: input.productId }),
    async analyse(run, _input, product) {
      run.useModel('listing-rules', '2026.1');
      const missing: string[] = [];
      if (!product.description.trim()) missing.push('description');
      if (product.images === 0) missing.push('images');
      return { missing };
    },
    async generate(run, { retrieved: p, analysis }) {
      if (analysis.missing.includes('description')) run.handOff('a merchant needs to write the description');
      const note = analysis.missing.length ? `${p.title} is missing: ${analysis.missing.join(', ')}.` : `${p.title} looks complete.`;
      return { productId: p.id, note, missing: analysis.missing };
    },
    llm: {
      instructions: () => 'You review product listings. Answer in JSON with productId, note and missing. Only use facts from tools.',
      prompt: ({ input }) => `Review product ${input.productId}.`,
      tools: ['get_product'],
    },
    async validate(_run, draft, { retrieved: p, analysis }) {
      if (draft.productId !== p.id) return reject('the note is about another product');
      if (!draft.note.includes(p.title)) return reject('the note does not name the product by its title');
      for (const m of draft.missing) if (!analysis.missing.includes(m)) return reject(`'${m}' is not missing`);
      return draft;
    },
  });
}
