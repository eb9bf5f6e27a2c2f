/**
 * One conversation: header with status, priority, SLA and actions (assign, escalate, resolve,
 * reopen, close), the thread with messages, internal notes (visually distinct) and activity, the
 * composer (reply or note, canned replies), and the customer's context beside it.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ApiError, idempotencyKey } from '@shared/api/client';
import { formatDateTime } from '@shared/format';
import { Badge, Button, Dialog, Input, Select, Spinner, TextArea, useToast } from '@shared/ui';
import { api, call, getSession, type Me } from '../app/session';
import type { Agent, Canned, Conversation } from '../app/types';
import { ContextPanel } from './ContextPanel';
import { priorityTone, statusTone, until } from './format';

type Item =
  | { kind: 'message'; at: string; id: string; author: string; authorKind: string; body: string }
  | { kind: 'note'; at: string; id: string; author: string; body: string }
  | { kind: 'activity'; at: string; id: string; author: string; body: string };

export function ConversationView({ id, me, agents, canWrite, changed, tick, onChange }: {
  id: string; me: Me; agents: Agent[]; canWrite: boolean; changed: number; tick: number; onChange(): void;
}) {
  const toast = useToast();
  const [conv, setConv] = useState<Conversation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [escalating, setEscalating] = useState(false);

  const load = useCallback(async () => {
    try {
      setConv(await call(() => api.GET('/admin/support/conversations/{id}', { params: { path: { id } } })) as Conversation);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? 'This conversation does not exist.' : 'Could not load the conversation.');
    }
  }, [id]);
  useEffect(() => { void load(); }, [load, changed, tick]);

  const act = async (what: string, fn: () => Promise<unknown>) => {
    try {
      const r = await fn();
      if (r && typeof r === 'object' && 'messages' in (r as object)) setConv(r as Conversation); else await load();
      onChange();
      toast.success(what);
    } catch (e) {
      toast.error(e instanceof ApiError ? e.message : 'Something went wrong');
    }
  };
  const post = (path: string, body?: object) => call(() => fetchJson(path, body));

  const thread = useMemo<Item[]>(() => {
    if (!conv) return [];
    const items: Item[] = [
      ...conv.messages.map((m) => ({ kind: 'message' as const, at: m.createdAt, id: m.id, author: m.author.name ?? (m.author.kind === 'customer' ? 'Customer' : 'Support'), authorKind: m.author.kind, body: m.body })),
      ...conv.notes.map((n): Item => ({ kind: n.kind, at: n.createdAt, id: n.id, author: n.authorName ?? (n.author.startsWith('system') ? 'System' : n.author), body: n.body })),
    ];
    return items.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  }, [conv]);

  const bottom = useRef<HTMLDivElement>(null);
  useEffect(() => { bottom.current?.scrollIntoView({ block: 'end' }); }, [thread.length]);

  const [draft, setDraft] = useState<{ suggestionId: string; body: string } | null>(null);

  if (error) return <div className="sc-center"><p>{error}</p></div>;
  if (!conv) return <div className="sc-center"><Spinner /></div>;

  const who = conv.name ?? conv.email ?? 'Guest';
  const open = conv.status === 'open' || conv.status === 'pending';
  return (
    <div className="sc-conv">
      <div className="sc-conv__main">
        <header className="sc-conv__head">
          <div className="sc-conv__title">
            <h1>{who}</h1>
            <div className="sc-conv__badges">
              <Badge tone={statusTone(conv.status)}>{conv.status}</Badge>
              <Badge tone={priorityTone(conv.priority)}>{conv.priority} priority</Badge>
              <Badge tone="neutral">{`${conv.queue[0].toUpperCase()}${conv.queue.slice(1)} queue`}</Badge>
              {conv.escalated && <Badge tone="danger">escalated</Badge>}
              {open && !conv.firstResponseAt && <Badge tone={conv.slaBreached ? 'danger' : 'info'}>First response {until(conv.firstResponseDueAt)}</Badge>}
              {conv.tags.map((t) => <Badge key={t} tone="neutral">#{t}</Badge>)}
            </div>
            <p className="sc-conv__sub">
              Started {formatDateTime(conv.createdAt)} · {conv.channel} · {conv.assigneeName ? <>assigned to <strong>{conv.assigneeName}</strong></> : 'unassigned'}
              {conv.escalationReason && <> · escalated: {conv.escalationReason}</>}
            </p>
          </div>
          {canWrite && (
            <div className="sc-conv__actions">
              {conv.actions.includes('assign') && (
                <>
                  {conv.assigneeId !== me.id && <Button size="sm" variant="secondary" onClick={() => act('Assigned to you', () => post(`/admin/support/conversations/${id}/assign`, { assigneeId: 'me' }))}>Assign to me</Button>}
                  <label className="sc-vh" htmlFor="sc-assign">Assign to</label>
                  <select id="sc-assign" className="ui-input ui-select sc-assign" value={conv.assigneeId ?? ''}
                    onChange={(e) => act('Assignment changed', () => post(`/admin/support/conversations/${id}/assign`, { assigneeId: e.target.value || null }))}>
                    <option value="">Unassigned</option>
                    {agents.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.assigned})</option>)}
                  </select>
                  <label className="sc-vh" htmlFor="sc-prio">Priority</label>
                  <select id="sc-prio" className="ui-input ui-select sc-assign" value={conv.priority}
                    onChange={(e) => act('Priority changed', () => call(() => fetchJson(`/admin/support/conversations/${id}`, { priority: e.target.value }, 'PATCH')))}>
                    {['urgent', 'high', 'normal', 'low'].map((p) => <option key={p} value={p}>{p[0].toUpperCase() + p.slice(1)}</option>)}
                  </select>
                </>
              )}
              {conv.actions.includes('escalate') && <Button size="sm" variant="secondary" onClick={() => setEscalating(true)}>Escalate</Button>}
              {conv.actions.includes('resolve') && <Button size="sm" onClick={() => act('Resolved', () => post(`/admin/support/conversations/${id}/resolve`, {}))}>Resolve</Button>}
              {conv.actions.includes('reopen') && <Button size="sm" variant="secondary" onClick={() => act('Reopened', () => post(`/admin/support/conversations/${id}/reopen`))}>Reopen</Button>}
              {conv.actions.includes('close') && conv.status === 'resolved' && <Button size="sm" variant="ghost" onClick={() => act('Closed', () => post(`/admin/support/conversations/${id}/close`))}>Close</Button>}
            </div>
          )}
        </header>

        <div className="sc-thread" role="log" aria-label="Conversation" aria-live="polite">
          {thread.map((it) => it.kind === 'activity' ? (
            <p key={it.id} className="sc-activity"><span>{it.body}</span> · {it.author} · <time dateTime={it.at}>{formatDateTime(it.at)}</time></p>
          ) : it.kind === 'note' ? (
            <article key={it.id} className="sc-note" aria-label="Internal note">
              <header><span className="sc-note__label">Internal note</span> {it.author} · <time dateTime={it.at}>{formatDateTime(it.at)}</time></header>
              <p>{it.body}</p>
            </article>
          ) : (
            <article key={it.id} className={it.authorKind === 'customer' ? 'sc-msg sc-msg--customer' : 'sc-msg sc-msg--agent'}>
              <header>{it.author}{it.authorKind !== 'customer' && it.authorKind !== 'agent' ? ` (${it.authorKind})` : ''} · <time dateTime={it.at}>{formatDateTime(it.at)}</time></header>
              <div className="sc-msg__body">{it.body}</div>
            </article>
          ))}
          <div ref={bottom} />
        </div>

        {canWrite && conv.actions.includes('reply') ? (
          <Composer id={id} conv={conv} draft={draft} onDraftUsed={() => setDraft(null)} onSent={async (what) => { await load(); onChange(); if (what.includes('resolved')) toast.success(what); }} />
        ) : canWrite ? (
          <div className="sc-composer sc-composer--closed"><NoteOnly id={id} onSent={async () => { await load(); onChange(); }} /></div>
        ) : null}
      </div>
      <ContextPanel conv={conv} onUseDraft={(sid, body) => setDraft({ suggestionId: sid, body })} />
      <EscalateDialog open={escalating} onClose={() => setEscalating(false)} agents={agents}
        onSubmit={(body) => act('Escalated', () => post(`/admin/support/conversations/${id}/escalate`, body)).then(() => setEscalating(false))} />
    </div>
  );
}

/** JSON request through the typed client's fetch (with the session's token and an Idempotency-Key). */
async function fetchJson(path: string, body?: object, method = 'POST') {
  const res = await fetch(path, {
    method, headers: { 'content-type': 'application/json', authorization: `Bearer ${getSession()?.accessToken ?? ''}`, 'idempotency-key': idempotencyKey() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  return { data: res.ok ? data : undefined, error: res.ok ? undefined : data, response: res };
}

function Composer({ id, conv, draft, onDraftUsed, onSent }: { id: string; conv: Conversation; draft: { suggestionId: string; body: string } | null; onDraftUsed(): void; onSent(what: string): Promise<void> }) {
  const toast = useToast();
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [canned, setCanned] = useState<Canned[]>([]);
  const [suggestionId, setSuggestionId] = useState<string | undefined>();
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => { void call(() => api.GET('/admin/support/canned-replies', { params: { query: { active: true } } })).then((r) => setCanned((r as { items: Canned[] }).items)).catch(() => undefined); }, []);
  useEffect(() => { if (draft) { setMode('reply'); setText(draft.body); setSuggestionId(draft.suggestionId); onDraftUsed(); box.current?.focus(); } }, [draft, onDraftUsed]);

  const insertCanned = async (cannedId: string) => {
    if (!cannedId) return;
    try {
      const r = await call(() => api.GET('/admin/support/conversations/{id}/canned-replies/{cannedId}', { params: { path: { id, cannedId } } })) as { body: string; missing: string[] };
      setText((t) => (t.trim() ? `${t.trimEnd()}\n\n${r.body}` : r.body));
      if (r.missing.length) toast.show(`No value here for ${r.missing.join(', ')}`, 'warning');
      box.current?.focus();
    } catch { toast.error('Could not load that canned reply'); }
  };

  const send = async (resolve = false, e?: FormEvent) => {
    e?.preventDefault();
    const body = text.trim();
    if (!body || busy) return;
    setBusy(true);
    try {
      const path = mode === 'reply' ? `/admin/support/conversations/${id}/replies` : `/admin/support/conversations/${id}/notes`;
      await call(() => fetchJson(path, mode === 'reply' ? { body, ...(resolve ? { resolve: true } : {}), ...(suggestionId ? { suggestionId } : {}) } : { body }));
      setText('');
      setSuggestionId(undefined);
      await onSent(mode === 'reply' ? (resolve ? 'Reply sent and resolved' : 'Reply sent') : 'Note added');
    } catch (err) {
      toast.error(err instanceof ApiError ? err.message : 'Could not send');
    } finally {
      setBusy(false);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => { if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) { e.preventDefault(); void send(); } };

  return (
    <form className={mode === 'note' ? 'sc-composer sc-composer--note' : 'sc-composer'} onSubmit={(e) => send(false, e)}>
      <div className="sc-composer__bar">
        <div className="sc-seg" role="tablist" aria-label="Write">
          <button type="button" role="tab" aria-selected={mode === 'reply'} className={mode === 'reply' ? 'sc-seg__btn sc-seg__btn--on' : 'sc-seg__btn'} onClick={() => setMode('reply')}>Reply</button>
          <button type="button" role="tab" aria-selected={mode === 'note'} className={mode === 'note' ? 'sc-seg__btn sc-seg__btn--on' : 'sc-seg__btn'} onClick={() => setMode('note')}>Internal note</button>
        </div>
        {mode === 'reply' && canned.length > 0 && (
          <>
            <label className="sc-vh" htmlFor="sc-canned">Insert a canned reply</label>
            <select id="sc-canned" className="ui-input ui-select sc-canned" value="" onChange={(e) => void insertCanned(e.target.value)}>
              <option value="">Canned replies…</option>
              {canned.map((c) => <option key={c.id} value={c.id}>{c.title}{c.shortcut ? ` (/${c.shortcut})` : ''}</option>)}
            </select>
          </>
        )}
      </div>
      <TextArea ref={box} label={mode === 'reply' ? `Reply to ${conv.name ?? conv.email ?? 'the customer'}` : 'Internal note (only staff see this)'} hideLabel
        placeholder={mode === 'reply' ? 'Write a reply the customer will see…' : 'Write a note for your team — the customer never sees it…'}
        value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKey} maxLength={4000} rows={3} />
      <div className="sc-composer__foot">
        <span className="sc-muted">{mode === 'reply' ? 'Ctrl+Enter to send' : 'Visible to staff only'}</span>
        <div className="sc-composer__buttons">
          {mode === 'reply' && conv.actions.includes('resolve') && <Button type="button" variant="secondary" size="sm" disabled={!text.trim()} busy={busy} onClick={() => void send(true)}>Send and resolve</Button>}
          <Button type="submit" size="sm" disabled={!text.trim()} busy={busy}>{mode === 'reply' ? 'Send reply' : 'Add note'}</Button>
        </div>
      </div>
    </form>
  );
}

function NoteOnly({ id, onSent }: { id: string; onSent(): Promise<void> }) {
  const [text, setText] = useState('');
  return (
    <form className="sc-composer--note-only" onSubmit={async (e) => { e.preventDefault(); if (!text.trim()) return; await call(() => fetchJson(`/admin/support/conversations/${id}/notes`, { body: text.trim() })); setText(''); await onSent(); }}>
      <p className="sc-muted">This conversation is closed; you can still leave an internal note.</p>
      <Input label="Internal note" hideLabel placeholder="Internal note…" value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} />
      <Button type="submit" size="sm" disabled={!text.trim()}>Add note</Button>
    </form>
  );
}

function EscalateDialog({ open, onClose, agents, onSubmit }: { open: boolean; onClose(): void; agents: Agent[]; onSubmit(body: object): Promise<void> }) {
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState('queue:senior');
  const [summary, setSummary] = useState('');
  const submit = async () => {
    if (!reason.trim()) return;
    const [kind, value] = target.split(':');
    await onSubmit({ reason: reason.trim(), ...(kind === 'queue' ? { queue: value } : { assigneeId: value }), ...(summary.trim() ? { summary: summary.trim() } : {}) });
    setReason(''); setSummary('');
  };
  return (
    <Dialog open={open} onClose={onClose} title="Escalate conversation"
      footer={<><Button variant="ghost" onClick={onClose}>Cancel</Button><Button onClick={() => void submit()} disabled={!reason.trim()}>Escalate</Button></>}>
      <Select label="Escalate to" value={target} onChange={(e) => setTarget(e.target.value)}
        options={[{ value: 'queue:senior', label: 'Senior queue' }, ...agents.map((a) => ({ value: `agent:${a.id}`, label: `${a.name} (${a.role})` }))]} />
      <TextArea label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} rows={2} required />
      <TextArea label="Hand-off summary" hint="What the next person needs to know, so the customer does not have to repeat themselves." value={summary} onChange={(e) => setSummary(e.target.value)} maxLength={4000} rows={3} />
    </Dialog>
  );
}
