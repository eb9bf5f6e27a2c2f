/**
 * The storefront's support chat: a floating button that opens a chat panel. A guest's conversation
 * is remembered in localStorage with its secret (sent back as `x-support-token`); a signed-in
 * shopper (the storefront's `emporia.session`) writes into their one thread. New answers arrive by
 * polling — every few seconds while the panel is open, slowly while it is closed (an unread badge).
 * Keyboard: the button and panel are reachable by Tab, Escape closes and returns focus, Enter sends.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ApiError, createApi, idempotencyKey, unwrap } from '../api/client';
import { translator, useI18n } from '../i18n';
import { widgetCatalogues } from './messages';
import { Rating } from './Rating';
import './widget.css';

const STORAGE = 'emporia.support.chat';
const SESSION = 'emporia.session';
const POLL_OPEN_MS = 3000;
const POLL_CLOSED_MS = 20000;

interface Message { id: string; author: { kind: string; name: string | null }; body: string; createdAt: string }
interface Conversation { id: string; status: string; messages: Message[]; csat?: { rating: number | null; answeredAt: string | null } | null }
interface Saved { id: string; token: string | null; seen: number }

function customerToken(): string | undefined {
  try {
    const s = JSON.parse(localStorage.getItem(SESSION) ?? 'null');
    return s && typeof s.accessToken === 'string' && (!s.expiresAt || s.expiresAt > Date.now()) ? s.accessToken : undefined;
  } catch { return undefined; }
}
const load = (): Saved | null => { try { return JSON.parse(localStorage.getItem(STORAGE) ?? 'null'); } catch { return null; } };
const save = (s: Saved | null) => { if (s) localStorage.setItem(STORAGE, JSON.stringify(s)); else localStorage.removeItem(STORAGE); };

/** The language of the surrounding app when there is an I18nProvider, English otherwise. */
function useLang(): string {
  try { return useI18n().lang; } catch { return document.documentElement.lang?.slice(0, 2) || 'en'; }
}

export default function SupportWidget(_props: { context?: Record<string, unknown> }) {
  const lang = useLang();
  const t = useMemo(() => translator(widgetCatalogues, widgetCatalogues[lang] ? lang : 'en'), [lang]);
  const api = useMemo(() => createApi({ token: customerToken }), []);
  const [open, setOpen] = useState(false);
  const [conv, setConv] = useState<Conversation | null>(null);
  const [saved, setSaved] = useState<Saved | null>(load);
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const ids = { panel: useId(), title: useId(), hint: useId() };

  const headers = (s: Saved) => (s.token ? { 'x-support-token': s.token } : undefined);

  const refresh = useCallback(async (s: Saved | null = saved) => {
    if (!s) return;
    try {
      const c = await unwrap(api.GET('/store/support/conversations/{id}', { params: { path: { id: s.id } }, headers: headers(s) }));
      setConv(c as Conversation);
    } catch (e) {
      // Gone, or no longer ours (signed out of the account that owned it): start afresh next time.
      if (e instanceof ApiError && (e.status === 404 || e.status === 401)) { save(null); setSaved(null); setConv(null); }
    }
  }, [api, saved]);

  // Poll: fast while open, slow while closed (for the unread badge).
  useEffect(() => {
    if (!saved) return;
    void refresh();
    const timer = setInterval(() => { if (document.visibilityState !== 'hidden') void refresh(); }, open ? POLL_OPEN_MS : POLL_CLOSED_MS);
    return () => clearInterval(timer);
  }, [saved, open, refresh]);

  const storeMessages = conv?.messages.filter((m) => m.author.kind !== 'customer').length ?? 0;
  const unread = open || !saved ? 0 : Math.max(0, storeMessages - saved.seen);

  // Opening the panel marks the store's messages read.
  useEffect(() => {
    if (open && saved && storeMessages !== saved.seen) {
      const next = { ...saved, seen: storeMessages };
      save(next);
      setSaved(next);
    }
  }, [open, saved, storeMessages]);

  useEffect(() => { if (open) inputRef.current?.focus(); }, [open]);
  useEffect(() => { logRef.current?.scrollTo({ top: logRef.current.scrollHeight }); }, [conv?.messages.length, open]);

  const close = () => { setOpen(false); buttonRef.current?.focus(); };

  const send = async (e?: FormEvent) => {
    e?.preventDefault();
    const body = text.trim();
    if (!body || sending) return;
    setSending(true);
    setError(null);
    try {
      if (saved && conv?.status !== 'closed') {
        await unwrap(api.POST('/store/support/conversations/{id}/messages', {
          params: { path: { id: saved.id } }, body: { body }, headers: { ...headers(saved), 'idempotency-key': idempotencyKey() },
        }));
        await refresh(saved);
      } else {
        const started = await unwrap(api.POST('/store/support/conversations', {
          body: { message: body, ...(name.trim() ? { name: name.trim() } : {}), ...(email.trim() ? { email: email.trim() } : {}), locale: lang },
          headers: { 'idempotency-key': idempotencyKey() },
        })) as { conversation: Conversation; token: string | null };
        // A signed-in shopper joining their thread gets no secret; keep the one we had for it, if any.
        const next: Saved = { id: started.conversation.id, token: started.token ?? (saved?.id === started.conversation.id ? saved.token : null), seen: 0 };
        save(next);
        setSaved(next);
        setConv(started.conversation);
      }
      setText('');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'support.conversation_closed') { save(null); setSaved(null); setConv(null); }
      setError(t('chat.error'));
    } finally {
      setSending(false);
      inputRef.current?.focus();
    }
  };

  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) { e.preventDefault(); void send(); }
  };

  const time = (iso: string) => new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(new Date(iso));
  const status = conv ? t(`chat.status.${conv.status}`) : null;
  const starting = !conv || conv.status === 'closed';

  return (
    <div className="chatw" onKeyDown={(e) => { if (e.key === 'Escape' && open) { e.stopPropagation(); close(); } }}>
      {open && (
        <section id={ids.panel} className="chatw-panel" role="dialog" aria-modal="false" aria-labelledby={ids.title}>
          <header className="chatw-head">
            <div className="chatw-avatar" aria-hidden="true"><ChatIcon /></div>
            <div className="chatw-head__text">
              <h2 id={ids.title} className="chatw-title">{t('chat.title')}</h2>
              <p className="chatw-sub">{t('chat.subtitle')}</p>
            </div>
            <button type="button" className="chatw-x" onClick={close} aria-label={t('chat.close')}>×</button>
          </header>
          <div className="chatw-log" ref={logRef} role="log" aria-live="polite" aria-relevant="additions">
            <div className="chatw-msg chatw-msg--store"><div className="chatw-bubble">{t('chat.intro')}</div></div>
            {conv?.messages.map((m) => {
              const mine = m.author.kind === 'customer';
              return (
                <div key={m.id} className={`chatw-msg ${mine ? 'chatw-msg--mine' : 'chatw-msg--store'}`}>
                  <span className="chatw-who">{mine ? t('chat.you') : m.author.kind === 'assistant' ? t('chat.assistant') : m.author.name ? t('chat.agent', { name: m.author.name }) : t('chat.store')} · <time dateTime={m.createdAt}>{time(m.createdAt)}</time></span>
                  <div className="chatw-bubble">{m.body}</div>
                </div>
              );
            })}
            {status && <p className="chatw-status" role="status">{status}</p>}
            {conv?.csat && saved && <Rating api={api} id={conv.id} headers={headers(saved)} t={t} rated={conv.csat.rating} onDone={() => void refresh()} />}
          </div>
          <form className="chatw-form" onSubmit={send}>
            {starting && !customerToken() && (
              <div className="chatw-ident">
                <label className="chatw-field"><span>{t('chat.name')}</span><input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} autoComplete="name" /></label>
                <label className="chatw-field"><span>{t('chat.email')}</span><input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} autoComplete="email" /></label>
              </div>
            )}
            {error && <p className="chatw-error" role="alert">{error}</p>}
            <div className="chatw-compose">
              <label className="chatw-vh" htmlFor={`${ids.panel}-input`}>{t('chat.message')}</label>
              <textarea id={`${ids.panel}-input`} ref={inputRef} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKey}
                placeholder={t('chat.placeholder')} rows={2} maxLength={4000} aria-describedby={ids.hint} />
              <button type="submit" className="chatw-send" disabled={sending || !text.trim()} aria-label={sending ? t('chat.sending') : t('chat.send')}>
                <SendIcon />
              </button>
            </div>
            <p id={ids.hint} className="chatw-hint">{t('chat.hint')}</p>
          </form>
        </section>
      )}
      <button ref={buttonRef} type="button" className="chatw-launcher" aria-expanded={open} aria-controls={open ? ids.panel : undefined}
        aria-label={open ? t('chat.close') : unread ? `${t('chat.open')} (${t('chat.unread', { count: unread })})` : t('chat.open')}
        onClick={() => (open ? close() : setOpen(true))}>
        {open ? <span className="chatw-launcher__x" aria-hidden="true">×</span> : <ChatIcon />}
        {!open && unread > 0 && <span className="chatw-badge" aria-hidden="true">{unread}</span>}
      </button>
    </div>
  );
}

function ChatIcon() {
  return (
    <svg width="26" height="26" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.5.4-1.3.1-1.3-.6V16A2.5 2.5 0 0 1 4 13.5v-8Z" fill="currentColor" />
      <circle cx="8.5" cy="9.5" r="1.2" fill="var(--chatw-accent, #1f5f4a)" /><circle cx="12" cy="9.5" r="1.2" fill="var(--chatw-accent, #1f5f4a)" /><circle cx="15.5" cy="9.5" r="1.2" fill="var(--chatw-accent, #1f5f4a)" />
    </svg>
  );
}

function SendIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path d="M3 11.4 20.5 3.6c.5-.2 1 .3.8.8L13.6 21c-.3.6-1.1.5-1.3-.1l-1.9-6.4-6.4-1.9c-.6-.2-.7-1-.1-1.3Z" fill="currentColor" />
    </svg>
  );
}
