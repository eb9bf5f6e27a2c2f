/** The knowledge base: articles by category and language, every edit a new version, and the passage search the assistant cites from. */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '@shared/api/client';
import { Alert, Badge, Button, Card, EmptyState, Input, TextArea, useToast } from '@shared/ui';
import { formatDateTime } from '@shared/format';
import { api, call } from '../app/session';
import { send } from '../app/send';

interface Article { id: string; translationKey: string | null; category: string; language: string; status: string; version: number; title: string; updatedAt: string }
interface Full extends Article { body: string; tags: string[]; translations: { id: string; language: string; status: string; title: string }[] }
interface Version { version: number; title: string; status: string; note: string | null; createdBy: string; createdAt: string }
interface Hit { articleId: string; version: number; title: string; heading: string | null; passage: string; score: number; category: string; language: string }

const EMPTY = { title: '', category: '', language: 'en', status: 'draft', body: '', tags: '', translationKey: '', note: '' };
const statusTone = (s: string) => (s === 'published' ? 'success' : s === 'archived' ? 'neutral' : 'warning') as 'success' | 'neutral' | 'warning';

export function KnowledgePage({ canWrite }: { canWrite: boolean }) {
  const toast = useToast();
  const [items, setItems] = useState<Article[] | null>(null);
  const [language, setLanguage] = useState('');
  const [open, setOpen] = useState<Full | null>(null);
  const [versions, setVersions] = useState<Version[]>([]);
  const [form, setForm] = useState(EMPTY);
  const [editing, setEditing] = useState<'new' | 'edit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);

  const load = () => call(() => api.GET('/admin/support/kb/articles', { params: { query: (language ? { language } : {}) as never } }))
    .then((r) => setItems((r as { items: Article[] }).items));
  useEffect(() => { void load(); }, [language]);

  const show = async (id: string) => {
    const a = await call(() => api.GET('/admin/support/kb/articles/{id}', { params: { path: { id } } })) as Full;
    const v = await call(() => api.GET('/admin/support/kb/articles/{id}/versions', { params: { path: { id } } })) as { items: Version[] };
    setOpen(a); setVersions(v.items); setEditing(null);
  };
  const startEdit = (a: Full | null) => {
    setError(null);
    setEditing(a ? 'edit' : 'new');
    setForm(a ? { title: a.title, category: a.category, language: a.language, status: a.status, body: a.body, tags: a.tags.join(', '), translationKey: a.translationKey ?? '', note: '' } : EMPTY);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const tags = form.tags.split(',').map((x) => x.trim()).filter(Boolean);
    const common = { title: form.title.trim(), category: form.category.trim(), status: form.status, body: form.body, tags, translationKey: form.translationKey.trim() || null, ...(form.note.trim() ? { note: form.note.trim() } : {}) };
    try {
      const saved = await call(() => (editing === 'edit' && open ? send('PATCH', `/admin/support/kb/articles/${open.id}`, common) : send('POST', '/admin/support/kb/articles', { ...common, language: form.language }))) as Full;
      toast.success(editing === 'edit' ? `Saved as version ${saved.version}` : 'Article created');
      await load();
      await show(saved.id);
    } catch (err) { setError(err instanceof ApiError ? err.message : 'Could not save'); }
  };
  const search = async (e: FormEvent) => {
    e.preventDefault();
    if (!q.trim()) { setHits(null); return; }
    const r = await call(() => api.GET('/admin/support/kb/search', { params: { query: { q: q.trim(), ...(language ? { language } : {}), limit: 5 } as never } })) as { items: Hit[] };
    setHits(r.items);
  };

  return (
    <div className="sc-kb-page">
      <div className="sc-kb-head">
        <h1 className="sc-list__title">Knowledge base</h1>
        <label className="sc-vh" htmlFor="kb-lang">Language</label>
        <select id="kb-lang" className="ui-input ui-select" value={language} onChange={(e) => setLanguage(e.target.value)}>
          <option value="">All languages</option>{['en', 'fr', 'de'].map((l) => <option key={l} value={l}>{l}</option>)}
        </select>
        {canWrite && <Button size="sm" onClick={() => { setOpen(null); startEdit(null); }}>New article</Button>}
      </div>
      <form className="sc-kb-search" onSubmit={search} role="search">
        <Input label="Search as the assistant does" hideLabel placeholder="Search passages, e.g. how long do refunds take" value={q} onChange={(e) => setQ(e.target.value)} maxLength={500} />
        <Button type="submit" size="sm" variant="secondary">Search</Button>
      </form>
      {hits && (
        <Card title={`Passages for “${q}”`}>
          {hits.length === 0 ? <p className="sc-muted">No published passage matches.</p> : (
            <ol className="sc-kb-hits">{hits.map((h) => (
              <li key={`${h.articleId}-${h.passage.slice(0, 20)}`}>
                <button type="button" className="sc-linkish" onClick={() => void show(h.articleId)}>{h.title}{h.heading ? ` › ${h.heading}` : ''}</button>
                <span className="sc-muted"> v{h.version} · {h.language} · score {h.score.toFixed(2)}</span>
                <p>{h.passage}</p>
              </li>
            ))}</ol>
          )}
        </Card>
      )}
      <div className="sc-kb-grid">
        <Card title="Articles">
          {!items ? null : items.length === 0 ? <EmptyState title="No articles yet">Write the policies your customers ask about.</EmptyState> : (
            <ul className="sc-kb-list">
              {items.map((a) => (
                <li key={a.id}>
                  <button type="button" className={open?.id === a.id ? 'sc-kb-item sc-kb-item--active' : 'sc-kb-item'} onClick={() => void show(a.id)}>
                    <strong>{a.title}</strong>
                    <span className="sc-muted">{a.category} · {a.language} · v{a.version}</span> <Badge tone={statusTone(a.status)}>{a.status}</Badge>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {editing ? (
          <Card title={editing === 'new' ? 'New article' : `Edit “${open?.title}” (saves version ${(open?.version ?? 0) + 1})`}>
            <form onSubmit={save} className="sc-form">
              {error && <Alert tone="danger" title="Not saved">{error}</Alert>}
              <Input label="Title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} required maxLength={200} />
              <div className="sc-form__row">
                <Input label="Category" hint="e.g. shipping, returns" value={form.category} onChange={(e) => setForm({ ...form, category: e.target.value })} required pattern="[a-z0-9][a-z0-9_-]*" />
                <Input label="Language" value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value })} disabled={editing === 'edit'} required pattern="[a-z]{2,3}" />
                <label className="ui-field"><span className="ui-label">Status</span>
                  <select className="ui-input ui-select" value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })}>
                    {['draft', 'published', 'archived'].map((s) => <option key={s} value={s}>{s}</option>)}
                  </select>
                </label>
              </div>
              <Input label="Translation key" hint="the same key links the article's translations" value={form.translationKey} onChange={(e) => setForm({ ...form, translationKey: e.target.value })} />
              <Input label="Tags" hint="comma-separated" value={form.tags} onChange={(e) => setForm({ ...form, tags: e.target.value })} />
              <TextArea label="Body" hint="plain text; lines starting with # are headings" rows={14} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} required />
              {editing === 'edit' && <Input label="What changed" value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} maxLength={500} />}
              <div className="sc-form__actions"><Button type="submit">Save</Button><Button type="button" variant="ghost" onClick={() => setEditing(null)}>Cancel</Button></div>
            </form>
          </Card>
        ) : open ? (
          <Card title={open.title} actions={canWrite ? <Button size="sm" variant="secondary" onClick={() => startEdit(open)}>Edit</Button> : undefined}>
            <p className="sc-muted">{open.category} · {open.language} · version {open.version} · <Badge tone={statusTone(open.status)}>{open.status}</Badge>
              {open.translations.length > 0 && <> · also in {open.translations.map((t) => <button key={t.id} type="button" className="sc-linkish" onClick={() => void show(t.id)}>{t.language}</button>)}</>}
            </p>
            <pre className="sc-kb-body">{open.body}</pre>
            <h3 className="sc-panel__title">Versions</h3>
            <ul className="sc-kb-versions">{versions.map((v) => <li key={v.version}>v{v.version} · {v.status} · {formatDateTime(v.createdAt)} · {v.createdBy}{v.note ? ` — ${v.note}` : ''}</li>)}</ul>
          </Card>
        ) : <Card title="Article"><p className="sc-muted">Choose an article to read it and its versions.</p></Card>}
      </div>
    </div>
  );
}
