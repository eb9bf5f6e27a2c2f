/**
 * The console frame: views with counts on the left, the conversation list, and the open
 * conversation with the customer's context. Live: the staff event stream nudges a refresh; a slow
 * poll covers a dropped stream.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Badge, Button, EmptyState, Spinner } from '@shared/ui';
import { formatDateTime } from '@shared/format';
import { subscribeSupport } from '../app/live';
import { href, useRoute } from '../app/route';
import { api, call, setSession, type Me } from '../app/session';
import type { Agent, Counts, Summary } from '../app/types';
import { AnalyticsPage } from './Analytics';
import { AssistantPage } from './Assistant';
import { CannedPage } from './Canned';
import { KnowledgePage } from './Knowledge';
import { TeamPage } from './Team';
import { ConversationView } from '../components/ConversationView';
import { priorityTone, relative, statusTone } from '../components/format';

interface View { key: string; label: string; query: Record<string, string>; count(c: Counts): number }

const VIEWS: View[] = [
  { key: 'mine', label: 'Assigned to me', query: { assignee: 'me', status: 'active' }, count: (c) => c.mine },
  { key: 'unassigned', label: 'Unassigned', query: { unassigned: 'true', status: 'active' }, count: (c) => c.unassigned },
  { key: 'active', label: 'All open', query: { status: 'active' }, count: (c) => c.active },
  { key: 'escalated', label: 'Escalated', query: { escalated: 'true', status: 'active' }, count: (c) => c.escalated },
  { key: 'resolved', label: 'Resolved', query: { status: 'resolved' }, count: (c) => c.resolved },
  { key: 'closed', label: 'Closed', query: { status: 'closed' }, count: (c) => c.closed },
  { key: 'all', label: 'Everything', query: {}, count: (c) => c.all },
];

export function Console({ me }: { me: Me }) {
  const route = useRoute();
  const viewKey = route.params.get('view') ?? 'active';
  const queue = route.params.get('queue') ?? undefined;
  const [search, setSearch] = useState(route.params.get('q') ?? '');
  const [priority, setPriority] = useState('');
  const [items, setItems] = useState<Summary[] | null>(null);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [agents, setAgents] = useState<Agent[]>([]);
  const [live, setLive] = useState(false);
  const [tick, setTick] = useState(0);
  const [changed, setChanged] = useState<{ id: string; n: number }>({ id: '', n: 0 });
  const canWrite = me.permissions.includes('support:write');

  const view = VIEWS.find((v) => v.key === viewKey) ?? VIEWS[2];
  const query = useMemo(() => ({
    ...(queue ? { queue, status: 'active' } : view.query),
    ...(search.trim() ? { q: search.trim() } : {}),
    ...(priority ? { priority } : {}),
  }), [view, queue, search, priority]);

  const load = useCallback(async () => {
    const page = await call(() => api.GET('/admin/support/conversations', { params: { query: { ...query, limit: 100 } as never } })) as { items: Summary[]; counts: Counts };
    setItems(page.items);
    setCounts(page.counts);
  }, [query]);

  useEffect(() => { void load().catch(() => undefined); }, [load, tick]);
  useEffect(() => { void call(() => api.GET('/admin/support/agents')).then((r) => setAgents((r as { items: Agent[] }).items)).catch(() => undefined); }, []);

  // Live: any support event refreshes the list (debounced); the open conversation refreshes when it is the one.
  const pending = useRef<number | undefined>(undefined);
  useEffect(() => subscribeSupport((e) => {
    setChanged((c) => ({ id: e.aggregateId, n: c.n + 1 }));
    clearTimeout(pending.current);
    pending.current = window.setTimeout(() => setTick((x) => x + 1), 250);
  }, setLive), []);
  useEffect(() => {
    const timer = setInterval(() => setTick((x) => x + 1), live ? 30_000 : 5_000);
    return () => clearInterval(timer);
  }, [live]);

  const nav = (
    <nav className="sc-nav" aria-label="Inbox views">
      <p className="sc-nav__heading">Inbox</p>
      <ul>
        {VIEWS.map((v) => (
          <li key={v.key}>
            <a href={href('/inbox', { view: v.key })} className={!queue && route.page === 'inbox' && v.key === view.key ? 'sc-nav__item sc-nav__item--active' : 'sc-nav__item'}
              aria-current={!queue && route.page === 'inbox' && v.key === view.key ? 'page' : undefined}>
              <span>{v.label}</span>{counts && <span className="sc-count" data-testid={`count-${v.key}`}>{v.count(counts)}</span>}
            </a>
          </li>
        ))}
      </ul>
      {counts && Object.keys(counts.queues).length > 0 && (
        <>
          <p className="sc-nav__heading">Queues</p>
          <ul>
            {Object.entries(counts.queues).sort(([a], [b]) => a.localeCompare(b)).map(([q, n]) => (
              <li key={q}>
                <a href={href('/inbox', { queue: q })} className={queue === q ? 'sc-nav__item sc-nav__item--active' : 'sc-nav__item'}>
                  <span className="sc-cap">{q}</span><span className="sc-count">{n}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {counts && counts.breached > 0 && <p className="sc-nav__alert"><Badge tone="danger">{counts.breached} past first-response target</Badge></p>}
      <p className="sc-nav__heading">Tools</p>
      <ul>
        {([['/canned', 'canned', 'Canned replies'], ['/kb', 'kb', 'Knowledge base'], ['/team', 'team', 'Queues and team'], ['/analytics', 'analytics', 'Analytics'], ['/assistant', 'assistant', 'Assistant']] as const).map(([path, page, label]) => (
          <li key={page}><a href={href(path)} className={route.page === page ? 'sc-nav__item sc-nav__item--active' : 'sc-nav__item'} aria-current={route.page === page ? 'page' : undefined}>{label}</a></li>
        ))}
      </ul>
    </nav>
  );

  return (
    <div className="sc-app">
      <header className="sc-top">
        <div className="sc-brand"><span className="sc-logo" aria-hidden="true">E</span> Emporia Support</div>
        <div className="sc-top__right">
          <span className={live ? 'sc-live sc-live--on' : 'sc-live'} title={live ? 'Live updates on' : 'Reconnecting; refreshing every few seconds'}>
            <span className="sc-live__dot" aria-hidden="true" />{live ? 'Live' : 'Polling'}
          </span>
          <span className="sc-me">{me.name}</span>
          <Button variant="ghost" size="sm" onClick={() => setSession(null)}>Sign out</Button>
        </div>
      </header>
      <div className={route.page !== 'inbox' ? 'sc-body sc-body--tool' : 'sc-body'}>
        {nav}
        {route.page !== 'inbox' ? (
          <main id="main" className="sc-tool">
            {route.page === 'canned' && <CannedPage canWrite={canWrite} />}
            {route.page === 'kb' && <KnowledgePage canWrite={canWrite} />}
            {route.page === 'team' && <TeamPage canWrite={canWrite} />}
            {route.page === 'analytics' && <AnalyticsPage />}
            {route.page === 'assistant' && <AssistantPage canManage={me.permissions.includes('settings:manage')} />}
          </main>
        ) : (
          <>
            <section className="sc-list" aria-label="Conversations">
              <div className="sc-list__head">
                <h1 className="sc-list__title">{queue ? <span className="sc-cap">{queue} queue</span> : view.label}</h1>
                <div className="sc-list__filters">
                  <label className="sc-vh" htmlFor="sc-search">Search conversations</label>
                  <input id="sc-search" type="search" className="ui-input sc-search" placeholder="Search…" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={200} />
                  <label className="sc-vh" htmlFor="sc-priority">Priority</label>
                  <select id="sc-priority" className="ui-input ui-select sc-priority" value={priority} onChange={(e) => setPriority(e.target.value)}>
                    <option value="">Any priority</option>
                    {['urgent', 'high', 'normal', 'low'].map((p) => <option key={p} value={p}>{p[0].toUpperCase() + p.slice(1)}</option>)}
                  </select>
                </div>
              </div>
              {items === null ? <div className="sc-center"><Spinner /></div> : items.length === 0 ? (
                <EmptyState title="Nothing here">No conversations match this view.</EmptyState>
              ) : (
                <ul className="sc-rows">
                  {items.map((c) => <Row key={c.id} c={c} active={c.id === route.conversationId} agents={agents} params={route.params} />)}
                </ul>
              )}
            </section>
            <main id="main" className="sc-main" tabIndex={-1}>
              {route.conversationId
                ? <ConversationView key={route.conversationId} id={route.conversationId} me={me} agents={agents} canWrite={canWrite}
                    changed={changed.id === route.conversationId ? changed.n : 0} tick={tick} onChange={() => setTick((x) => x + 1)} />
                : <div className="sc-center sc-pick"><EmptyState title="Pick a conversation">Choose a conversation from the list to read and answer it.</EmptyState></div>}
            </main>
          </>
        )}
      </div>
    </div>
  );
}

function Row({ c, active, agents, params }: { c: Summary; active: boolean; agents: Agent[]; params: URLSearchParams }) {
  const who = c.name ?? c.email ?? 'Guest';
  const waiting = c.status === 'open' && c.lastAuthorKind === 'customer';
  const assignee = agents.find((a) => a.id === c.assigneeId)?.name;
  return (
    <li>
      <a href={`#/c/${encodeURIComponent(c.id)}${params.toString() ? `?${params}` : ''}`} className={active ? 'sc-row sc-row--active' : 'sc-row'} aria-current={active ? 'true' : undefined}>
        <div className="sc-row__top">
          <span className={waiting ? 'sc-row__who sc-row__who--waiting' : 'sc-row__who'}>{waiting && <span className="sc-dot" aria-label="Waiting for an answer" />}{who}</span>
          <time className="sc-row__time" dateTime={c.lastMessageAt} title={formatDateTime(c.lastMessageAt)}>{relative(c.lastMessageAt)}</time>
        </div>
        <p className="sc-row__preview">{c.lastAuthorKind === 'agent' ? 'You: ' : ''}{c.lastMessagePreview}</p>
        <div className="sc-row__meta">
          <Badge tone={statusTone(c.status)}>{c.status}</Badge>
          {c.priority !== 'normal' && <Badge tone={priorityTone(c.priority)}>{c.priority}</Badge>}
          {c.escalated && <Badge tone="danger">escalated</Badge>}
          {c.slaBreached && !c.firstResponseAt && c.status !== 'resolved' && c.status !== 'closed' && <Badge tone="warning">overdue</Badge>}
          <span className="sc-row__assignee">{assignee ?? 'Unassigned'}</span>
        </div>
      </a>
    </li>
  );
}
