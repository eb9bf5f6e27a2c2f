/**
 * Agents and their runs: each agent's latency (p50, p95) against its budget as a chart, its
 * outcomes and how often the LLM answered; the run log filtered by agent, outcome, path, trigger,
 * over-budget and time; one run's timeline (states and tool calls on a shared time axis, the LLM
 * path in its own colour, the error and recovery marked); and, for managers, trying an agent.
 */
import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Card, Checkbox, Dialog, Input, PageHeader, Select, Table, TextArea, type Tone } from '@shared/ui';
import { formatDateTime, formatNumber } from '@shared/format';
import type { paths } from '@shared/api/schema';
import { call } from '../app/api';
import { Link, navigate, setQuery, useLocation } from '../app/router';
import { useSession } from '../app/session';
import { useAsync } from '../app/use-async';
import { ListCard } from '../components/ListCard';
import { Detail, ErrorNote, FormError, Toolbar, humanise } from '../components/bits';

type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;
type AgentsAnswer = Json<'/admin/ai/agents', 'get'>;
type Agent = AgentsAnswer['items'][number];
type Run = Json<'/admin/ai/runs', 'get'>['items'][number];
type RunDetail = Json<'/admin/ai/runs/{id}', 'get'>;
type Step = RunDetail['steps'][number];
type TryAnswer = Json<'/admin/ai/agents/{name}/runs', 'post'>;

const OUTCOME_TONE: Record<string, Tone> = { responded: 'success', handed_off: 'warning', failed: 'danger' };
const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v < 10 ? `${formatNumber(v, 'en', { maximumFractionDigits: 2 })} ms` : `${formatNumber(Math.round(v))} ms`);
const WINDOWS = [{ value: '1', label: 'Last 24 hours' }, { value: '7', label: 'Last 7 days' }, { value: '30', label: 'Last 30 days' }];

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge tone={OUTCOME_TONE[outcome] ?? 'neutral'}>{humanise(outcome)}</Badge>;
}

function PathBadge({ path, fallback }: { path: string; fallback?: string | null }) {
  return <span title={fallback ?? undefined}><Badge tone={path === 'llm' ? 'info' : 'neutral'}>{path === 'llm' ? 'LLM' : 'Offline'}</Badge></span>;
}

/** Horizontal bars per agent: p50 solid, p95 lighter, the budget as a tick; over-budget agents in red. */
export function LatencyChart({ agents }: { agents: Agent[] }) {
  const rows = agents.filter((a) => a.figures.runs > 0 || a.latencyBudgetMs);
  const max = Math.max(1, ...rows.flatMap((a) => [a.figures.p95Ms ?? 0, a.latencyBudgetMs ?? 0])) * 1.1;
  const W = 760, L = 190, R = 70, ROW = 34;
  const H = rows.length * ROW + 28;
  const x = (v: number) => L + (v / max) * (W - L - R);
  if (!rows.length) return <p className="muted">No agents yet.</p>;
  return (
    <figure className="chart" aria-label="Latency per agent against its budget">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Latency per agent against its budget">
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <g key={f}>
            <line x1={x(f * max)} x2={x(f * max)} y1={0} y2={H - 22} className="chart__grid" />
            <text x={x(f * max)} y={H - 6} textAnchor="middle" className="chart__tick">{ms(f * max)}</text>
          </g>
        ))}
        {rows.map((a, i) => {
          const y = i * ROW + 6;
          const over = a.latencyBudgetMs !== null && (a.figures.p95Ms ?? 0) > a.latencyBudgetMs;
          return (
            <g key={a.name}>
              <text x={L - 10} y={y + 15} textAnchor="end" className="chart__tick">{a.name}</text>
              {a.figures.p95Ms !== null && <rect x={L} y={y + 2} width={Math.max(1, x(a.figures.p95Ms) - L)} height={18} rx={3} className={over ? 'agent-bar agent-bar--p95 agent-bar--over' : 'agent-bar agent-bar--p95'} />}
              {a.figures.p50Ms !== null && <rect x={L} y={y + 2} width={Math.max(1, x(a.figures.p50Ms) - L)} height={18} rx={3} className={over ? 'agent-bar agent-bar--over' : 'agent-bar'} />}
              {a.latencyBudgetMs !== null && <line x1={x(a.latencyBudgetMs)} x2={x(a.latencyBudgetMs)} y1={y - 2} y2={y + 24} className="agent-budget" />}
              <text x={W - R + 6} y={y + 15} className="chart__tick">{a.figures.runs ? `p95 ${ms(a.figures.p95Ms)}` : 'no runs'}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="chart__legend">
        <span><span className="agent-key" /> p50</span><span><span className="agent-key agent-key--p95" /> p95</span><span><span className="agent-key agent-key--budget" /> latency budget</span>
      </figcaption>
    </figure>
  );
}

export function AgentsPage() {
  const { query } = useLocation();
  const { can } = useSession();
  const days = query.get('days') ?? '1';
  const filters = {
    agent: query.get('agent') ?? undefined, outcome: query.get('outcome') ?? undefined, path: query.get('path') ?? undefined,
    trigger: query.get('trigger') ?? undefined, overBudget: query.get('overBudget') ?? undefined,
    from: query.get('from') ? new Date(`${query.get('from')}T00:00:00Z`).toISOString() : undefined,
    to: query.get('to') ? new Date(new Date(`${query.get('to')}T00:00:00Z`).getTime() + 86_400_000).toISOString() : undefined,
  };
  const from = useMemo(() => new Date(Date.now() - Number(days) * 86_400_000).toISOString(), [days]);
  const agents = useAsync(() => call<AgentsAnswer>('GET', '/admin/ai/agents', { query: { from } }), [from]);
  const [trying, setTrying] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);
  const list = agents.data?.items ?? [];

  return (
    <>
      <PageHeader title="Agents" subtitle="What each agent was asked, how it answered, and how fast against its budget"
        actions={can('settings:manage') && list.some((a) => a.registered) ? <Button variant="secondary" onClick={() => setTrying(list.find((a) => a.registered)!.name)}>Try an agent</Button> : undefined} />
      <ErrorNote error={agents.error} />
      {agents.data && (
        <Alert tone={agents.data.llm.configured ? 'info' : 'neutral'} title={agents.data.llm.configured ? `LLM: ${agents.data.llm.model}` : 'Offline only'}>
          {agents.data.llm.configured
            ? `Agents with an LLM path ask it first (timeout ${ms(agents.data.llm.timeoutMs)}, capped by each budget) and fall back to their offline path when it is slow, fails or answers something that does not check out.`
            : 'No LLM is configured (LLM_BASE_URL): every agent answers from its offline path.'}
        </Alert>
      )}
      <Card title="Latency against budget" actions={<Select label="Window" hideLabel value={days} options={WINDOWS} onChange={(e) => setQuery({ days: e.target.value === '1' ? undefined : e.target.value })} />}>
        {agents.data ? <LatencyChart agents={list} /> : <p className="muted">Loading…</p>}
      </Card>
      <Card title="Agents">
        <Table<Agent> rows={list} rowKey={(a) => a.name} caption="Agents" empty={agents.loading ? 'Loading…' : 'No agents are registered.'}
          onRowClick={(a) => setQuery({ agent: a.name })}
          columns={[
            { key: 'n', header: 'Agent', render: (a) => <span><strong>{a.name}</strong> <span className="muted small">{a.version ?? ''}</span><br /><span className="muted small">{a.description}</span></span> },
            { key: 't', header: 'Triggers', render: (a) => <span className="small">{a.triggers.map((t) => `${t.kind}: ${t.ref}`).join('; ') || '—'}</span> },
            { key: 'b', header: 'Budget', align: 'right', render: (a) => ms(a.latencyBudgetMs) },
            { key: 'r', header: 'Runs', align: 'right', render: (a) => formatNumber(a.figures.runs) },
            { key: 'o', header: 'Responded / handed off / failed', align: 'right', render: (a) => `${a.figures.responded} / ${a.figures.handedOff} / ${a.figures.failed}` },
            { key: 'l', header: 'LLM answered', align: 'right', render: (a) => (a.hasLlmPath ? `${a.figures.llmAnswered} (${a.figures.fallbacks} fell back)` : 'offline agent') },
            { key: 'p', header: 'p50 / p95', align: 'right', render: (a) => `${ms(a.figures.p50Ms)} / ${ms(a.figures.p95Ms)}` },
            { key: 'x', header: 'Over budget', align: 'right', render: (a) => (a.figures.overBudget ? <Badge tone="danger">{a.figures.overBudget}</Badge> : '0') },
          ]} />
      </Card>
      <Toolbar>
        <Select label="Agent" value={filters.agent ?? ''} onChange={(e) => setQuery({ agent: e.target.value })} options={[{ value: '', label: 'All agents' }, ...list.map((a) => ({ value: a.name, label: a.name }))]} />
        <Select label="Outcome" value={filters.outcome ?? ''} onChange={(e) => setQuery({ outcome: e.target.value })} options={[{ value: '', label: 'Any' }, { value: 'responded', label: 'Responded' }, { value: 'handed_off', label: 'Handed off' }, { value: 'failed', label: 'Failed' }]} />
        <Select label="Path" value={filters.path ?? ''} onChange={(e) => setQuery({ path: e.target.value })} options={[{ value: '', label: 'Any' }, { value: 'llm', label: 'LLM' }, { value: 'offline', label: 'Offline' }]} />
        <Select label="Trigger" value={filters.trigger ?? ''} onChange={(e) => setQuery({ trigger: e.target.value })} options={[{ value: '', label: 'Any' }, { value: 'request', label: 'Request' }, { value: 'event', label: 'Event' }, { value: 'schedule', label: 'Schedule' }]} />
        <Select label="Budget" value={filters.overBudget ?? ''} onChange={(e) => setQuery({ overBudget: e.target.value })} options={[{ value: '', label: 'Any' }, { value: 'true', label: 'Over budget' }, { value: 'false', label: 'Within budget' }]} />
        <Input label="From" type="date" value={query.get('from') ?? ''} onChange={(e) => setQuery({ from: e.target.value })} />
        <Input label="To" type="date" value={query.get('to') ?? ''} onChange={(e) => setQuery({ to: e.target.value })} />
      </Toolbar>
      <ListCard<Run> title="Runs" path="/admin/ai/runs" query={{ ...filters, limit: 50 }} refresh={refresh} rowKey={(r) => r.id} onRowClick={(r) => navigate(`/agents/runs/${r.id}`)}
        empty="No runs match these filters."
        columns={[
          { key: 'w', header: 'Started', render: (r) => <Link to={`/agents/runs/${r.id}`}>{formatDateTime(r.startedAt)}</Link> },
          { key: 'a', header: 'Agent', render: (r) => <span>{r.agent} <span className="muted small">{r.agentVersion}</span></span> },
          { key: 't', header: 'Trigger', render: (r) => <span className="small">{r.trigger}{r.triggerRef ? <span className="muted"> · {r.triggerRef}</span> : null}</span> },
          { key: 'i', header: 'Input', render: (r) => <span className="small run-input">{r.inputSummary}</span> },
          { key: 'o', header: 'Outcome', render: (r) => <OutcomeBadge outcome={r.outcome} /> },
          { key: 'p', header: 'Path', render: (r) => <PathBadge path={r.path} fallback={r.fallbackReason} /> },
          { key: 'l', header: 'Latency', align: 'right', render: (r) => <span className={r.overBudget ? 'run-over' : undefined}>{ms(r.latencyMs)}</span> },
        ]} />
      {trying && agents.data && <TryDialog agents={list.filter((a) => a.registered)} initial={trying} onClose={() => setTrying(null)} onRan={() => { setRefresh((n) => n + 1); agents.reload(); }} />}
    </>
  );
}

/** A starting input from an agent's JSON Schema: its required fields with a value of their type. */
export function skeleton(schema: unknown): unknown {
  const s = (schema ?? {}) as { type?: string; properties?: Record<string, unknown>; required?: string[]; anyOf?: unknown[]; const?: unknown; default?: unknown; minimum?: number; items?: unknown; minItems?: number };
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.anyOf?.length) return skeleton(s.anyOf[0]);
  switch (s.type) {
    case 'object': return Object.fromEntries((s.required ?? []).map((k) => [k, skeleton(s.properties?.[k])]));
    case 'array': return s.minItems ? [skeleton(s.items)] : [];
    case 'string': return '';
    case 'integer': case 'number': return s.minimum ?? 0;
    case 'boolean': return false;
    default: return null;
  }
}

function TryDialog({ agents, initial, onClose, onRan }: { agents: Agent[]; initial: string; onClose(): void; onRan(): void }) {
  const [name, setName] = useState(initial);
  const example = (n: string) => JSON.stringify(skeleton(agents.find((a) => a.name === n)?.inputSchema), null, 2);
  const [input, setInput] = useState(() => example(initial));
  const [respond, setRespond] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [answer, setAnswer] = useState<TryAnswer>();
  const run = async () => {
    let parsed: unknown;
    try { parsed = JSON.parse(input); } catch { setError(new Error('The input is not valid JSON.')); return; }
    setBusy(true);
    try {
      setAnswer(await call<TryAnswer>('POST', `/admin/ai/agents/${encodeURIComponent(name)}/runs`, { body: { input: parsed, respond } }));
      setError(undefined);
      onRan();
    } catch (e) { setError(e); setAnswer(undefined); } finally { setBusy(false); }
  };
  return (
    <Dialog open onClose={onClose} title="Try an agent" footer={<><Button variant="ghost" onClick={onClose}>Close</Button><Button busy={busy} onClick={() => void run()}>Run</Button></>}>
      <div className="settings-form">
        <Select label="Agent" value={name} onChange={(e) => { setName(e.target.value); setInput(example(e.target.value)); setAnswer(undefined); setError(undefined); }}
          options={agents.map((a) => ({ value: a.name, label: `${a.name} (${a.version})` }))} />
        <TextArea label="Input (JSON)" rows={6} value={input} onChange={(e) => setInput(e.target.value)} hint="Checked against the agent's input schema; a wrong field is named below." />
        <details className="small"><summary>Input schema</summary><pre className="run-json">{JSON.stringify(agents.find((a) => a.name === name)?.inputSchema, null, 2)}</pre></details>
        <Checkbox label="Also perform its effect (post the reply, add to the cart…)" checked={respond} onChange={(e) => setRespond(e.target.checked)} />
        <FormError error={error} />
        {answer && (
          <div className="try-answer" aria-live="polite">
            <p><OutcomeBadge outcome={answer.outcome} /> <PathBadge path={answer.path ?? 'offline'} /> {ms(answer.latencyMs)}
              {answer.runId && <> · <Link to={`/agents/runs/${answer.runId}`} onClick={onClose}>open the run</Link></>}</p>
            {answer.error && <Alert tone="danger" title="The run failed">{answer.error}</Alert>}
            {answer.fallbackReason && <p className="small muted">Offline because {answer.fallbackReason}</p>}
            {answer.handOffReason && <p className="small">Handed off: {answer.handOffReason}</p>}
            {answer.output !== null && <pre className="run-json">{JSON.stringify(answer.output, null, 2)}</pre>}
          </div>
        )}
      </div>
    </Dialog>
  );
}

/** One run's states (top lane) and tool calls (lanes below) on one time axis. */
export function RunTimeline({ run }: { run: RunDetail }) {
  const [hover, setHover] = useState<Step | null>(null);
  const states = run.steps.filter((s) => s.kind === 'state');
  const tools = run.steps.filter((s) => s.kind === 'tool');
  const total = Math.max(run.latencyMs, run.budgetMs > 0 && run.latencyMs > run.budgetMs ? run.budgetMs : 0, 0.001);
  const W = 760, L = 110, R = 16, ROW = 30;
  const lanes = 1 + tools.length;
  const H = lanes * ROW + 40;
  const x = (v: number) => L + (v / total) * (W - L - R);
  // The error state is red; a step that failed (the LLM's generating, a tool) keeps its colour with a red outline.
  const cls = (s: Step) => `tl-bar tl-bar--${s.kind} tl-bar--${s.path}${s.error ? ' tl-bar--failed' : ''}${s.name === 'error' ? ' tl-bar--error' : ''}${s.name === 'recovered' ? ' tl-bar--recovered' : ''}`;
  return (
    <figure className="chart" aria-label="Run timeline">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Run timeline">
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <g key={f}><line x1={x(f * total)} x2={x(f * total)} y1={0} y2={H - 24} className="chart__grid" /><text x={x(f * total)} y={H - 8} textAnchor="middle" className="chart__tick">{ms(f * total)}</text></g>
        ))}
        <text x={L - 8} y={20} textAnchor="end" className="chart__tick">states</text>
        {states.map((s) => (
          <g key={s.seq} onMouseEnter={() => setHover(s)} onFocus={() => setHover(s)} tabIndex={0}>
            <rect x={x(s.atMs)} y={6} width={Math.max(2, x(s.atMs + s.durationMs) - x(s.atMs))} height={20} rx={3} className={cls(s)} />
            {x(s.atMs + s.durationMs) - x(s.atMs) > 60 && <text x={x(s.atMs) + 4} y={20} className="tl-label">{s.name}</text>}
          </g>
        ))}
        {tools.map((s, i) => (
          <g key={s.seq} onMouseEnter={() => setHover(s)} onFocus={() => setHover(s)} tabIndex={0}>
            <text x={L - 8} y={(i + 1) * ROW + 20} textAnchor="end" className="chart__tick">{s.name}</text>
            <rect x={x(s.atMs)} y={(i + 1) * ROW + 6} width={Math.max(2, x(s.atMs + s.durationMs) - x(s.atMs))} height={20} rx={3} className={cls(s)} />
          </g>
        ))}
        {run.latencyMs > run.budgetMs && <line x1={x(run.budgetMs)} x2={x(run.budgetMs)} y1={0} y2={H - 24} className="agent-budget" />}
      </svg>
      <figcaption className="chart__legend">
        <span><span className="agent-key tl-bar--offline" /> offline path</span><span><span className="agent-key tl-bar--llm" /> LLM path</span>
        <span><span className="agent-key tl-bar--error" /> error</span><span><span className="agent-key tl-bar--recovered" /> recovered</span>
        <span className="chart__readout">{hover ? `${hover.name} (${hover.path}): starts ${ms(hover.atMs)}, takes ${ms(hover.durationMs)}${hover.error ? ` — ${hover.error}` : ''}` : 'Hover a bar for its timing'}</span>
      </figcaption>
    </figure>
  );
}

export function RunPage({ id }: { id: string }) {
  const run = useAsync(() => call<RunDetail>('GET', `/admin/ai/runs/${encodeURIComponent(id)}`), [id]);
  const r = run.data;
  return (
    <>
      <p className="crumbs"><Link to="/agents">Agents</Link> / run</p>
      <PageHeader title={r ? <span className="order-title">{r.agent} <OutcomeBadge outcome={r.outcome} /> <PathBadge path={r.path} /></span> : 'Run'} subtitle={r ? `${formatDateTime(r.startedAt)} · ${id}` : id} />
      <ErrorNote error={run.error} />
      {r && (
        <>
          <Card title="Run">
            <dl className="admin-details run-facts">
              <Detail label="Agent">{r.agent} {r.agentVersion}</Detail>
              <Detail label="Trigger">{r.trigger}{r.triggerRef ? ` · ${r.triggerRef}` : ''}</Detail>
              <Detail label="Acting as">{r.actor}</Detail>
              <Detail label="Input">{r.inputSummary}</Detail>
              <Detail label="Latency"><span className={r.overBudget ? 'run-over' : undefined}>{ms(r.latencyMs)}</span> of {ms(r.budgetMs)}</Detail>
              <Detail label="Answered by">{r.path === 'llm' ? 'the LLM' : 'the offline path'}</Detail>
              {r.fallbackReason && <Detail label="Why offline">{r.fallbackReason}</Detail>}
              {r.handOffReason && <Detail label="Handed off">{r.handOffReason}</Detail>}
              {r.error && <Detail label="Error"><span className="run-over">{r.error}</span></Detail>}
              <Detail label="Tool calls">{r.toolCalls}</Detail>
              <Detail label="Models">{r.models.length ? r.models.map((m) => `${m.name} ${m.version}`).join(', ') : '—'}</Detail>
              <Detail label="Last state">{r.finalState}</Detail>
            </dl>
          </Card>
          <Card title="Timeline"><RunTimeline run={r} /></Card>
          <Card title="Steps">
            <Table<Step> rows={r.steps} rowKey={(s) => String(s.seq)} caption="Steps"
              columns={[
                { key: 'a', header: 'At', align: 'right', render: (s) => ms(s.atMs) },
                { key: 'k', header: 'Step', render: (s) => (s.kind === 'tool' ? <span>tool <code>{s.name}</code></span> : <strong>{s.name}</strong>) },
                { key: 'p', header: 'Path', render: (s) => s.path },
                { key: 'd', header: 'Took', align: 'right', render: (s) => ms(s.durationMs) },
                { key: 'i', header: 'Input / output', render: (s) => (s.kind === 'tool' ? <span className="small run-io"><code>{s.input}</code>{s.output && <><br />→ {s.output}</>}</span> : null) },
                { key: 'e', header: 'Error', render: (s) => (s.error ? <span className="run-over small run-io">{s.error}</span> : null) },
              ]} />
          </Card>
        </>
      )}
    </>
  );
}
