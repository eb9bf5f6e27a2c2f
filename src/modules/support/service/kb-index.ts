/**
 * The knowledge base's passage index (MiniSearch, in process). It holds the newest version of
 * every published article, cut into passages, and is rebuilt from the database whenever the
 * knowledge base's revision counter (bumped in the same transaction as each change and its
 * event) differs from the one it was built at — so a change made on any node is seen by the next
 * search on every node, at the cost of one primary-key read per search.
 */
import MiniSearch from 'minisearch';
import type { Ctx, Db } from '../../../platform/index.js';
import type { KbSearchHitDto } from '../contracts/kb.schemas.js';
import type { KbSearchOptions } from '../contracts/service.js';
import { splitPassages } from '../domain/passages.js';

interface Doc { id: string; articleId: string; version: number; title: string; heading: string; text: string; tags: string; category: string; language: string }

// A few words carry no meaning for retrieval in the languages articles are written in.
const STOP = new Set([
  'the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'is', 'are', 'be', 'it', 'my', 'i', 'you', 'your', 'we', 'our', 'do', 'does', 'can', 'with', 'at', 'this', 'that', 'what', 'how', 'me',
  'le', 'la', 'les', 'un', 'une', 'des', 'et', 'ou', 'de', 'du', 'en', 'est', 'je', 'vous', 'nous', 'mon', 'ma', 'mes', 'votre', 'vos', 'pour', 'que', 'qui', 'dans', 'sur', 'ce', 'il',
  'der', 'die', 'das', 'und', 'oder', 'ein', 'eine', 'ist', 'ich', 'sie', 'wir', 'mein', 'meine', 'ihr', 'ihre', 'zu', 'mit', 'von', 'auf', 'für', 'wie', 'was', 'es', 'im',
]);

export function kbTokenize(text: string): string[] {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

const fuzzy = (term: string) => (term.length >= 7 ? 2 : term.length >= 4 ? 1 : 0);

export class KbIndex {
  private index = this.create();
  private revision = -1;
  private building?: Promise<void>;

  private create() {
    return new MiniSearch<Doc>({
      fields: ['title', 'heading', 'text', 'tags', 'category'],
      storeFields: ['articleId', 'version', 'title', 'heading', 'text', 'category', 'language'],
      tokenize: kbTokenize,
      processTerm: (term) => (term.length < 2 || STOP.has(term) ? null : term),
      searchOptions: { boost: { title: 3, heading: 2, tags: 2, category: 1.5, text: 1 }, prefix: (t) => t.length >= 4, fuzzy, maxFuzzy: 2 },
    });
  }

  /** Rebuilds when the knowledge base changed since the last build (on this node or another). */
  async fresh(db: Db): Promise<void> {
    const row = await db.selectFrom('support_kb_revision').select('revision').where('id', '=', 1).executeTakeFirst();
    const revision = Number(row?.revision ?? 0);
    if (revision === this.revision) return;
    if (!this.building) {
      this.building = this.build(db, revision).finally(() => { this.building = undefined; });
    }
    await this.building;
  }

  private async build(db: Db, revision: number): Promise<void> {
    const rows = await db.selectFrom('support_kb_articles as a')
      .innerJoin('support_kb_versions as v', (j) => j.onRef('v.article_id', '=', 'a.id').onRef('v.version', '=', 'a.version'))
      .select(['a.id', 'a.version', 'a.language', 'v.title', 'v.body', 'v.tags', 'v.category'])
      .where('a.status', '=', 'published').execute();
    const next = this.create();
    const docs: Doc[] = [];
    for (const r of rows as any[]) {
      const tags = (JSON.parse(r.tags) as string[]).join(' ');
      for (const p of splitPassages(r.body)) {
        docs.push({
          id: `${r.id}#${p.index}`, articleId: r.id, version: Number(r.version), title: r.title, heading: p.heading ?? '', text: p.text, tags,
          category: r.category, language: r.language,
        });
      }
    }
    next.addAll(docs);
    this.index = next;
    this.revision = revision;
  }

  /** Passages best first: every term must match, or failing that any term; one article may give several. */
  async search(ctx: Ctx, query: string, opts: KbSearchOptions = {}): Promise<KbSearchHitDto[]> {
    await this.fresh(ctx.db);
    const limit = Math.max(1, Math.min(20, opts.limit ?? 5));
    const filter = (r: any) => (!opts.language || r.language === opts.language) && (!opts.category || r.category === opts.category);
    let hits = this.index.search(query, { combineWith: 'AND', filter });
    if (!hits.length) hits = this.index.search(query, { combineWith: 'OR', filter });
    return hits.slice(0, limit).map((h: any) => ({
      articleId: h.articleId, version: h.version, title: h.title, heading: h.heading || null, passage: h.text,
      score: Number(h.score.toFixed(4)), category: h.category, language: h.language,
    }));
  }
}
