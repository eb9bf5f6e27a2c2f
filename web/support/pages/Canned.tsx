/** Canned replies: the team's saved answers, with placeholders filled in per conversation. */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, idempotencyKey } from '@shared/api/client';
import { Alert, Badge, Button, Card, Checkbox, EmptyState, Input, TextArea, useToast } from '@shared/ui';
import { api, call, getSession } from '../app/session';
import type { Canned } from '../app/types';

const PLACEHOLDERS = ['customer.firstName', 'customer.lastName', 'customer.name', 'customer.email', 'agent.name', 'agent.firstName', 'order.number', 'conversation.id'];

async function send(method: string, path: string, body?: object) {
  const res = await fetch(path, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${getSession()?.accessToken ?? ''}`, 'idempotency-key': idempotencyKey() }, body: body && JSON.stringify(body) });
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  return { data: res.ok ? data : undefined, error: res.ok ? undefined : data, response: res };
}

export function CannedPage({ canWrite }: { canWrite: boolean }) {
  const toast = useToast();
  const [items, setItems] = useState<Canned[] | null>(null);
  const [editing, setEditing] = useState<Canned | null>(null);
  const [form, setForm] = useState({ title: '', shortcut: '', body: '', active: true });
  const [error, setError] = useState<string | null>(null);
  const load = () => call(() => api.GET('/admin/support/canned-replies', { params: { query: {} } })).then((r) => setItems((r as { items: Canned[] }).items));
  useEffect(() => { void load(); }, []);

  const edit = (c: Canned | null) => { setEditing(c); setError(null); setForm(c ? { title: c.title, shortcut: c.shortcut ?? '', body: c.body, active: c.active } : { title: '', shortcut: '', body: '', active: true }); };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const body = { title: form.title.trim(), shortcut: form.shortcut.trim() || null, body: form.body, active: form.active };
    try {
      await call(() => (editing ? send('PATCH', `/admin/support/canned-replies/${editing.id}`, body) : send('POST', '/admin/support/canned-replies', body)));
      toast.success(editing ? 'Canned reply saved' : 'Canned reply created');
      edit(null);
      await load();
    } catch (err) { setError(err instanceof ApiError ? err.message : 'Could not save'); }
  };
  const remove = async (c: Canned) => {
    if (!confirm(`Delete “${c.title}”?`)) return;
    await call(() => send('DELETE', `/admin/support/canned-replies/${c.id}`));
    if (editing?.id === c.id) edit(null);
    await load();
  };

  return (
    <div className="sc-canned-page">
      <h1 className="sc-list__title">Canned replies</h1>
      <div className="sc-canned-grid">
        <Card title="Library">
          {!items ? null : items.length === 0 ? <EmptyState title="No canned replies yet">Save the answers your team gives most often.</EmptyState> : (
            <ul className="sc-canned-list">
              {items.map((c) => (
                <li key={c.id}>
                  <div>
                    <strong>{c.title}</strong> {c.shortcut && <code>/{c.shortcut}</code>} {!c.active && <Badge>inactive</Badge>}
                    <p className="sc-muted">{c.body.length > 140 ? `${c.body.slice(0, 139)}…` : c.body}</p>
                  </div>
                  {canWrite && <div className="sc-canned-actions"><Button size="sm" variant="secondary" onClick={() => edit(c)}>Edit</Button><Button size="sm" variant="ghost" onClick={() => void remove(c)}>Delete</Button></div>}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {canWrite && (
          <Card title={editing ? `Edit “${editing.title}”` : 'New canned reply'}>
            {error && <Alert tone="danger">{error}</Alert>}
            <form onSubmit={save}>
              <Input label="Title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} maxLength={120} required />
              <Input label="Shortcut" hint="Lower-case letters, digits, - and _." value={form.shortcut} onChange={(e) => setForm({ ...form, shortcut: e.target.value })} maxLength={40} pattern="[a-z0-9][a-z0-9_-]*" />
              <TextArea label="Text" hint={<>Placeholders: {PLACEHOLDERS.map((p) => <code key={p} className="sc-ph">{`{{${p}}}`}</code>)}</>} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} maxLength={4000} rows={6} required />
              <Checkbox label="Active (offered in the reply box)" checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} />
              <div className="sc-canned-actions"><Button type="submit">{editing ? 'Save' : 'Create'}</Button>{editing && <Button variant="ghost" onClick={() => edit(null)}>Cancel</Button>}</div>
            </form>
          </Card>
        )}
      </div>
    </div>
  );
}
