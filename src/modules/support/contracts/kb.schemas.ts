/** Request and response shapes of the knowledge base (staff CRUD, search for agents, the assistant and the store). */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Strict } from '../../../platform/index.js';

export const KB_STATUSES = ['draft', 'published', 'archived'] as const;
export type KbStatus = (typeof KB_STATUSES)[number];

const lit = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
export const KbStatusSchema = lit(KB_STATUSES);
export const KbLanguage = Type.String({ minLength: 2, maxLength: 3, pattern: '^[a-z]{2,3}$', description: 'ISO 639-1 language code, e.g. en, fr, de' });
export const KbCategory = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9][a-z0-9_-]*$', description: 'e.g. shipping, returns, payments' });
const KbTitle = Type.String({ minLength: 1, maxLength: 200 });
const KbBody = Type.String({ minLength: 1, maxLength: 50_000, description: 'plain text; lines starting with # are headings' });
const KbTags = Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20 });
const KbKey = Type.String({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9][a-z0-9_-]*$', description: 'articles saying the same thing in other languages share this key' });

export const KbArticleSummaryDto = Type.Object({
  id: Type.String(), translationKey: Nullable(Type.String()), category: Type.String(), language: Type.String(), status: Type.String(),
  version: Type.Integer({ description: 'the newest version (every edit makes one)' }), title: Type.String(),
  createdAt: Type.String(), updatedAt: Type.String(), updatedBy: Type.String(),
});
export type KbArticleSummaryDto = Static<typeof KbArticleSummaryDto>;

export const KbArticleDto = Type.Composite([KbArticleSummaryDto, Type.Object({
  body: Type.String(), tags: Type.Array(Type.String()),
  translations: Type.Array(Type.Object({ id: Type.String(), language: Type.String(), status: Type.String(), title: Type.String() })),
})]);
export type KbArticleDto = Static<typeof KbArticleDto>;

export const KbVersionDto = Type.Object({
  articleId: Type.String(), version: Type.Integer(), title: Type.String(), body: Type.String(), tags: Type.Array(Type.String()), category: Type.String(),
  status: Type.String({ description: 'the article status this version was saved with' }), note: Nullable(Type.String()), createdBy: Type.String(), createdAt: Type.String(),
});
export type KbVersionDto = Static<typeof KbVersionDto>;

export const KbSearchHitDto = Type.Object({
  articleId: Type.String(), version: Type.Integer({ description: 'cite this version: GET …/kb/articles/:id/versions/:version returns the exact text' }),
  title: Type.String(), heading: Nullable(Type.String()), passage: Type.String(), score: Type.Number(), category: Type.String(), language: Type.String(),
});
export type KbSearchHitDto = Static<typeof KbSearchHitDto>;

export const KbListQuery = Strict({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'matches the title' })),
  category: Type.Optional(KbCategory),
  language: Type.Optional(KbLanguage),
  status: Type.Optional(KbStatusSchema),
});

export const KbSearchQuery = Strict({
  q: Type.String({ minLength: 1, maxLength: 500 }),
  language: Type.Optional(KbLanguage),
  category: Type.Optional(KbCategory),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5 })),
});

export const KbCreateBody = Strict({
  title: KbTitle, body: KbBody, category: KbCategory, language: KbLanguage,
  status: Type.Optional(KbStatusSchema), tags: Type.Optional(KbTags), translationKey: Type.Optional(Nullable(KbKey)),
  note: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'what this version changed' })),
});
export const KbPatchBody = Strict({
  title: Type.Optional(KbTitle), body: Type.Optional(KbBody), category: Type.Optional(KbCategory), status: Type.Optional(KbStatusSchema),
  tags: Type.Optional(KbTags), translationKey: Type.Optional(Nullable(KbKey)),
  note: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'what this version changed' })),
}, { minProperties: 1 });
