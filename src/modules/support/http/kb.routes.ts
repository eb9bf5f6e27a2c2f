/** Knowledge-base routes: staff CRUD and search under /admin/support/kb, published search for the storefront's help. */
import { Type } from '@sinclair/typebox';
import { access, IdParam, route, Strict, type AnyRoute } from '../../../platform/index.js';
import {
  KbArticleDto, KbArticleSummaryDto, KbCreateBody, KbListQuery, KbPatchBody, KbSearchHitDto, KbSearchQuery, KbVersionDto,
} from '../contracts/kb.schemas.js';
import type { SupportService } from '../contracts/service.js';

const read = access.staff('support:read');
const write = access.staff('support:write');
const tags = ['admin: support'];

export function supportKbRoutes(support: SupportService): AnyRoute[] {
  const kb = support.kb;
  return [
    route({
      method: 'GET', url: '/admin/support/kb/articles', access: read, tags, summary: 'Knowledge-base articles by category and title (every status)',
      query: KbListQuery, response: { 200: Type.Object({ items: Type.Array(KbArticleSummaryDto) }) },
      handler: async ({ query, ctx }) => ({ items: await kb.list(ctx, query) }),
    }),
    route({
      method: 'GET', url: '/admin/support/kb/categories', access: read, tags, summary: 'Knowledge-base categories with their article counts and languages',
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ category: Type.String(), articles: Type.Integer(), published: Type.Integer(), languages: Type.Array(Type.String()) })) }) },
      handler: async ({ ctx }) => ({ items: await kb.categories(ctx) }),
    }),
    route({
      method: 'GET', url: '/admin/support/kb/search', access: read, tags,
      summary: 'Search published articles: ranked passages, each with the article id and version to cite',
      query: KbSearchQuery, response: { 200: Type.Object({ items: Type.Array(KbSearchHitDto) }) },
      handler: async ({ query, ctx }) => ({ items: await kb.search(ctx, query.q, { language: query.language, category: query.category, limit: query.limit }) }),
    }),
    route({
      method: 'POST', url: '/admin/support/kb/articles', access: write, tags, summary: 'Write an article (version 1); draft unless status says otherwise',
      body: KbCreateBody, response: { 201: KbArticleDto },
      handler: async ({ body, ctx }) => kb.create(ctx, body),
    }),
    route({
      method: 'GET', url: '/admin/support/kb/articles/:id', access: read, tags, summary: 'An article at its newest version, with its translations',
      params: IdParam(), response: { 200: KbArticleDto },
      handler: async ({ params, ctx }) => kb.get(ctx, params.id),
    }),
    route({
      method: 'PATCH', url: '/admin/support/kb/articles/:id', access: write, tags,
      summary: 'Edit an article: every edit (text, category, tags or status) is a new version; older versions stay readable',
      params: IdParam(), body: KbPatchBody, response: { 200: KbArticleDto },
      handler: async ({ params, body, ctx }) => kb.update(ctx, params.id, body),
    }),
    route({
      method: 'GET', url: '/admin/support/kb/articles/:id/versions', access: read, tags, summary: 'Every version of an article, newest first',
      params: IdParam(), response: { 200: Type.Object({ items: Type.Array(KbVersionDto) }) },
      handler: async ({ params, ctx }) => ({ items: await kb.versions(ctx, params.id) }),
    }),
    route({
      method: 'GET', url: '/admin/support/kb/articles/:id/versions/:version', access: read, tags, summary: 'One version of an article, exactly as it was',
      params: Strict({ id: Type.String({ minLength: 1, maxLength: 120 }), version: Type.Integer({ minimum: 1 }) }), response: { 200: KbVersionDto },
      handler: async ({ params, ctx }) => kb.getVersion(ctx, params.id, params.version),
    }),
    route({
      method: 'GET', url: '/store/support/kb/search', access: access.public, tags: ['store: support'], rateLimit: 120,
      summary: 'Search the store\'s published help articles',
      query: KbSearchQuery, response: { 200: Type.Object({ items: Type.Array(KbSearchHitDto) }) },
      handler: async ({ query, ctx }) => ({ items: await kb.search(ctx, query.q, { language: query.language, category: query.category, limit: query.limit }) }),
    }),
  ];
}
