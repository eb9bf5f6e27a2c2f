/**
 * The knowledge base: articles whose every edit is a new version (old ones kept, so a citation of
 * article + version always resolves), categories, languages, draft/published/archived, and the
 * passage search the support assistant cites from. Each write bumps the knowledge-base revision in
 * its transaction, which tells every node's search index to rebuild.
 */
import { sql } from 'kysely';
import { conflict, newId, notFound } from '../../../kernel/index.js';
import { actorRef, audit, emit, inTransaction, isUniqueViolation, withDb, type Ctx } from '../../../platform/index.js';
import { SupportKbArticleChanged } from '../contracts/events.js';
import type { KbArticleDto, KbArticleSummaryDto, KbStatus, KbVersionDto } from '../contracts/kb.schemas.js';
import type { KbArticleInput, KbSearchOptions, KnowledgeBase as Contract } from '../contracts/service.js';
import { KbIndex } from './kb-index.js';

const articleNotFound = (id: string) => notFound('support.kb_article_not_found', 'article', id);
const keyTaken = (key: string, language: string) =>
  conflict('support.kb_translation_taken', `an article in ${language} already has translation key ${key}`, { field: 'body.translationKey' });

const normTags = (tags: string[] | undefined) => [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();

const toSummary = (r: any): KbArticleSummaryDto => ({
  id: r.id, translationKey: r.translation_key ?? null, category: r.category, language: r.language, status: r.status, version: Number(r.version),
  title: r.title, createdAt: r.created_at, updatedAt: r.updated_at, updatedBy: r.updated_by,
});

const toVersion = (r: any): KbVersionDto => ({
  articleId: r.article_id, version: Number(r.version), title: r.title, body: r.body, tags: JSON.parse(r.tags), category: r.category, status: r.status,
  note: r.note ?? null, createdBy: r.created_by, createdAt: r.created_at,
});

export class KnowledgeBase implements Contract {
  private index = new KbIndex();

  search(ctx: Ctx, query: string, options: KbSearchOptions = {}) {
    return this.index.search(ctx, query, options);
  }

  async list(ctx: Ctx, q: { q?: string; category?: string; language?: string; status?: KbStatus } = {}): Promise<KbArticleSummaryDto[]> {
    const needle = q.q?.trim().toLowerCase();
    const rows = await ctx.db.selectFrom('support_kb_articles').selectAll()
      .$if(!!q.category, (b) => b.where('category', '=', q.category!))
      .$if(!!q.language, (b) => b.where('language', '=', q.language!))
      .$if(!!q.status, (b) => b.where('status', '=', q.status!))
      .$if(!!needle, (b) => b.where(sql`lower(title)`, 'like', `%${needle!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`))
      .orderBy('category').orderBy('title').orderBy('id').limit(1000).execute();
    return rows.map(toSummary);
  }

  async get(ctx: Ctx, id: string): Promise<KbArticleDto> {
    const a = await ctx.db.selectFrom('support_kb_articles').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a) throw articleNotFound(id);
    const v = await ctx.db.selectFrom('support_kb_versions').selectAll().where('article_id', '=', id).where('version', '=', a.version).executeTakeFirstOrThrow();
    const translations = a.translation_key
      ? await ctx.db.selectFrom('support_kb_articles').select(['id', 'language', 'status', 'title']).where('translation_key', '=', a.translation_key).where('id', '!=', id).orderBy('language').execute()
      : [];
    return { ...toSummary(a), body: v.body, tags: JSON.parse(v.tags), translations: translations as KbArticleDto['translations'] };
  }

  async versions(ctx: Ctx, id: string): Promise<KbVersionDto[]> {
    const rows = await ctx.db.selectFrom('support_kb_versions').selectAll().where('article_id', '=', id).orderBy('version', 'desc').execute();
    if (!rows.length) throw articleNotFound(id);
    return rows.map(toVersion);
  }

  async getVersion(ctx: Ctx, id: string, version: number): Promise<KbVersionDto> {
    const r = await ctx.db.selectFrom('support_kb_versions').selectAll().where('article_id', '=', id).where('version', '=', version).executeTakeFirst();
    if (!r) throw notFound('support.kb_version_not_found', 'article version', `${id}@${version}`);
    return toVersion(r);
  }

  async categories(ctx: Ctx) {
    const rows = await ctx.db.selectFrom('support_kb_articles').select(['category', 'language', 'status', sql<number>`count(*)`.as('n')])
      .groupBy(['category', 'language', 'status']).execute();
    const by = new Map<string, { category: string; articles: number; published: number; languages: Set<string> }>();
    for (const r of rows as any[]) {
      const c = by.get(r.category) ?? { category: r.category, articles: 0, published: 0, languages: new Set<string>() };
      c.articles += Number(r.n);
      if (r.status === 'published') c.published += Number(r.n);
      c.languages.add(r.language);
      by.set(r.category, c);
    }
    return [...by.values()].sort((a, b) => a.category.localeCompare(b.category)).map((c) => ({ ...c, languages: [...c.languages].sort() }));
  }

  async create(ctx: Ctx, input: KbArticleInput): Promise<KbArticleDto> {
    const id = newId('kb');
    const now = ctx.clock.now().toISOString();
    const who = actorRef(ctx.actor);
    const status = input.status ?? 'draft';
    try {
      await inTransaction(ctx.db, async (tx) => {
        const t = withDb(ctx, tx);
        await tx.insertInto('support_kb_articles').values({
          id, translation_key: input.translationKey ?? null, category: input.category, language: input.language, status, version: 1,
          title: input.title.trim(), created_by: who, updated_by: who, created_at: now, updated_at: now,
        }).execute();
        await this.saveVersion(t, id, 1, { title: input.title.trim(), body: input.body, tags: normTags(input.tags), category: input.category, status, note: input.note ?? null });
        await emit(t, SupportKbArticleChanged, id, { articleId: id, version: 1, status, language: input.language, category: input.category, change: 'created' });
        await audit(t, { action: 'support.kb_article_created', entityType: 'support_kb_article', entityId: id, after: { title: input.title, status, language: input.language } });
      });
    } catch (e) {
      if (isUniqueViolation(e) && input.translationKey) throw keyTaken(input.translationKey, input.language);
      throw e;
    }
    return this.get(ctx, id);
  }

  async update(ctx: Ctx, id: string, patch: Partial<Omit<KbArticleInput, 'language'>>): Promise<KbArticleDto> {
    try {
      await inTransaction(ctx.db, async (tx) => {
        const t = withDb(ctx, tx);
        const before = await this.get(t, id);
        const now = ctx.clock.now().toISOString();
        const next = {
          title: patch.title?.trim() ?? before.title, body: patch.body ?? before.body, tags: patch.tags ? normTags(patch.tags) : before.tags,
          category: patch.category ?? before.category, status: patch.status ?? (before.status as KbStatus), note: patch.note ?? null,
        };
        const translationKey = patch.translationKey !== undefined ? patch.translationKey : before.translationKey;
        const version = before.version + 1;
        // Conditional on the version read, so two editors racing cannot both write version n+1.
        const res = await tx.updateTable('support_kb_articles').set({
          version, title: next.title, category: next.category, status: next.status, translation_key: translationKey, updated_by: actorRef(ctx.actor), updated_at: now,
        }).where('id', '=', id).where('version', '=', before.version).executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw conflict('support.kb_edit_conflict', 'the article was changed meanwhile; reload and edit again');
        await this.saveVersion(t, id, version, next);
        await emit(t, SupportKbArticleChanged, id, { articleId: id, version, status: next.status, language: before.language, category: next.category, change: 'updated' });
        await audit(t, {
          action: 'support.kb_article_updated', entityType: 'support_kb_article', entityId: id,
          before: { version: before.version, title: before.title, status: before.status, category: before.category },
          after: { version, title: next.title, status: next.status, category: next.category },
        });
      });
    } catch (e) {
      if (isUniqueViolation(e) && patch.translationKey) throw keyTaken(patch.translationKey, (await this.get(ctx, id)).language);
      throw e;
    }
    return this.get(ctx, id);
  }

  private async saveVersion(t: Ctx, id: string, version: number, v: { title: string; body: string; tags: string[]; category: string; status: string; note: string | null }) {
    await t.db.insertInto('support_kb_versions').values({
      article_id: id, version, title: v.title, body: v.body, tags: JSON.stringify(v.tags), category: v.category, status: v.status, note: v.note,
      created_by: actorRef(t.actor), created_at: t.clock.now().toISOString(),
    }).execute();
    await t.db.updateTable('support_kb_revision').set({ revision: sql`revision + 1` }).where('id', '=', 1).execute();
  }
}
