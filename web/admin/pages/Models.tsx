/**
 * Models: the registry of trained versions with their held-back metrics, the promotion comparison
 * (the candidate beside the active version on the same held-back window) as a chart, "retrain now"
 * with the run's progress while it trains, and A/B experiments with each arm's outcomes.
 */
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, EmptyState, Input, PageHeader, Select, Table, type Tone } from '@shared/ui';
import { formatDate, formatDateTime, formatNumber } from '@shared/format';
import type { paths } from '@shared/api/schema';
import { call } from '../app/api';
import { useSession } from '../app/session';
import { useAsync } from '../app/use-async';
import { Detail, ErrorNote, FormDialog, FormError, Toolbar, humanise, money } from '../components/bits';

type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;
type Version = Json<'/admin/ai/models/versions', 'get'>['items'][number];
type Run = Json<'/admin/ai/training-runs', 'get'>['items'][number];
type Experiment = Json<'/admin/ai/experiments', 'get'>['items'][number];
type ModelSummary = Json<'/admin/ai/models', 'get'>['items'][number];

const STATUS_TONE: Record<string, Tone> = { active: 'success', candidate: 'info', retired: 'neutral' };
const DECISION_TONE: Record<string, Tone> = { promoted: 'success', first: 'success', rejected: 'warning' };
const RUN_TONE: Record<string, Tone> = { queued: 'neutral', running: 'info', succeeded: 'success', failed: 'danger' };
const metric = (v: number | undefined) => (v === undefined ? '—' : formatNumber(v, 'en', { maximumFractionDigits: 3, minimumFractionDigits: 3 }));
const pct = (v: number) => `${formatNumber(v * 100, 'en', { maximumFractionDigits: 2 })} %`;
const day = (iso: string | null) => (iso ? formatDate(iso) : 'start');
const SHOWN = ['ndcg@10', 'hr@10', 'coverage'];

/** Grouped bars: each metric of the candidate beside the active version's on the same held-back window. */
export function ComparisonChart({ version }: { version: Version }) {
  const names = Object.keys(version.metrics).filter((k) => k !== 'users');
  const base = version.baselineMetrics ?? {};
  const max = Math.max(0.05, ...names.flatMap((n) => [version.metrics[n] ?? 0, base[n] ?? 0])) * 1.15;
  const W = 760, H = 240, L = 48, B = 32, T = 12;
  const group = (W - L) / Math.max(1, names.length);
  const y = (v: number) => T + (1 - v / max) * (H - T - B);
  return (
    <figure className="chart" aria-label={`Held-back metrics of v${version.version} beside the active version's`}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Held-back metrics of v${version.version} beside the active version's`}>
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <g key={f}>
            <line x1={L} x2={W} y1={y(f * max)} y2={y(f * max)} className="chart__grid" />
            <text x={L - 6} y={y(f * max) + 4} textAnchor="end" className="chart__tick">{metric(f * max)}</text>
          </g>
        ))}
        {names.map((n, i) => {
          const x0 = L + i * group + group * 0.18;
          const bw = group * 0.3;
          const mine = version.metrics[n] ?? 0;
          const theirs = base[n];
          return (
            <g key={n}>
              <rect x={x0} y={y(mine)} width={bw} height={Math.max(0, y(0) - y(mine))} rx={3} className="model-bar model-bar--candidate"><title>{`v${version.version} ${n}: ${metric(mine)}`}</title></rect>
              {theirs !== undefined && <rect x={x0 + bw + 6} y={y(theirs)} width={bw} height={Math.max(0, y(0) - y(theirs))} rx={3} className="model-bar model-bar--baseline"><title>{`active ${n}: ${metric(theirs)}`}</title></rect>}
              <text x={x0 + bw} y={H - 10} textAnchor="middle" className="chart__tick">{n}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="chart__legend">
        <span><span className="model-key model-key--candidate" /> v{version.version} ({version.method})</span>
        {version.baselineMetrics && <span><span className="model-key model-key--baseline" /> active version on the same window</span>}
      </figcaption>
    </figure>
  );
}

function RunProgress({ runId, onDone }: { runId: string; onDone(): void }) {
  const [run, setRun] = useState<Run>();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const r = await call<Run>('GET', `/admin/ai/training-runs/${runId}`);
        if (stop) return;
        setRun(r);
        if (r.status === 'succeeded' || r.status === 'failed') { onDone(); return; }
      } catch (e) { if (!stop) setError(e as Error); }
      timer = setTimeout(tick, 1000);
    };
    void tick();
    return () => { stop = true; clearTimeout(timer); };
  }, [runId]);
  if (error) return <ErrorNote error={error} />;
  if (!run) return <p className="muted">Starting…</p>;
  return (
    <div aria-live="polite">
      <p><Badge tone={RUN_TONE[run.status]}>{humanise(run.status)}</Badge> {humanise(run.stage)} — {run.percent} %</p>
      <div className="progress" role="progressbar" aria-valuenow={run.percent} aria-valuemin={0} aria-valuemax={100}><span style={{ width: `${run.percent}%` }} /></div>
      <ol className="model-messages">{run.messages.map((m, i) => <li key={i}><span className="muted">{formatDateTime(m.at)}</span> {m.text}</li>)}</ol>
      {run.error && <Alert tone="danger" title="Training failed">{run.error}</Alert>}
    </div>
  );
}

function ExperimentCard({ exp, versions, canManage, onChange }: { exp: Experiment; versions: Version[]; canManage: boolean; onChange(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const label = (id: string) => { const v = versions.find((x) => x.id === id); return v ? `v${v.version} ${v.method}` : id; };
  const stop = async () => {
    setBusy(true);
    try { await call('POST', `/admin/ai/experiments/${exp.id}/stop`); onChange(); } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return (
    <Card title={<>{exp.name} <Badge tone={exp.status === 'running' ? 'info' : 'neutral'}>{humanise(exp.status)}</Badge></>}
      actions={canManage && exp.status === 'running' ? <Button size="sm" variant="secondary" busy={busy} onClick={() => void stop()}>Stop</Button> : undefined}>
      <FormError error={error} />
      <p className="muted">{exp.treatmentPercent} % of customers and sessions see the treatment; purchases count within {exp.attributionHours} h of a click or add-to-cart. Started {formatDateTime(exp.createdAt)}{exp.stoppedAt ? `, stopped ${formatDateTime(exp.stoppedAt)}` : ''}.</p>
      <Table<Experiment['arms'][number]>
        caption="Outcomes per arm"
        rows={exp.arms}
        rowKey={(a) => a.arm}
        columns={[
          { key: 'arm', header: 'Arm', render: (a) => <>{humanise(a.arm)} <span className="muted">{label(a.versionId)}</span></> },
          { key: 'lists', header: 'Lists', align: 'right', render: (a) => formatNumber(a.lists) },
          { key: 'impressions', header: 'Impressions', align: 'right', render: (a) => formatNumber(a.impressions) },
          { key: 'clicks', header: 'Clicks', align: 'right', render: (a) => formatNumber(a.clicks) },
          { key: 'ctr', header: 'Click rate', align: 'right', render: (a) => pct(a.clickRate) },
          { key: 'cart', header: 'Add to cart', align: 'right', render: (a) => formatNumber(a.addToCarts) },
          { key: 'purchases', header: 'Purchases', align: 'right', render: (a) => formatNumber(a.purchases) },
          { key: 'conv', header: 'Conversion', align: 'right', render: (a) => pct(a.conversionRate) },
          { key: 'revenue', header: 'Revenue', align: 'right', render: (a) => money(a.revenue) },
        ]}
      />
    </Card>
  );
}

export function ModelsPage() {
  const { can } = useSession();
  const canManage = can('settings:manage');
  const [model, setModel] = useState('recommend');
  const models = useAsync(() => call<{ items: ModelSummary[] }>('GET', '/admin/ai/models'), []);
  const versions = useAsync(() => call<{ items: Version[] }>('GET', '/admin/ai/models/versions', { query: { model, limit: 50 } }), [model]);
  const runs = useAsync(() => call<{ items: Run[] }>('GET', '/admin/ai/training-runs', { query: { model, limit: 10 } }), [model]);
  const experiments = useAsync(() => call<{ items: Experiment[] }>('GET', '/admin/ai/experiments', { query: { model, limit: 10 } }), [model]);
  const [selected, setSelected] = useState<string>();
  const [method, setMethod] = useState('');
  const [retrainError, setRetrainError] = useState<unknown>();
  const [retraining, setRetraining] = useState(false);
  const [expDialog, setExpDialog] = useState(false);
  const [expForm, setExpForm] = useState({ name: '', treatmentVersionId: '', treatmentPercent: '50', attributionHours: '24' });
  const [expError, setExpError] = useState<unknown>();
  const summary = models.data?.items.find((m) => m.model === model);
  const list = versions.data?.items ?? [];
  const active = list.find((v) => v.status === 'active');
  const shown = list.find((v) => v.id === selected) ?? list[0];
  const live = runs.data?.items.find((r) => r.status === 'queued' || r.status === 'running');
  const refresh = () => { versions.reload(); runs.reload(); models.reload(); experiments.reload(); };

  const retrain = async () => {
    setRetraining(true);
    setRetrainError(undefined);
    try { await call('POST', `/admin/ai/models/${model}/retrain`, { body: method ? { method } : {} }); runs.reload(); } catch (e) { setRetrainError(e); } finally { setRetraining(false); }
  };
  const retire = async (id: string) => {
    try { await call('POST', `/admin/ai/models/versions/${id}/retire`); refresh(); } catch (e) { setRetrainError(e); }
  };
  const startExperiment = async () => {
    setExpError(undefined);
    try {
      await call('POST', '/admin/ai/experiments', { body: {
        model, name: expForm.name, controlVersionId: active?.id ?? '', treatmentVersionId: expForm.treatmentVersionId,
        treatmentPercent: Number(expForm.treatmentPercent), attributionHours: Number(expForm.attributionHours),
      } });
      setExpDialog(false);
      refresh();
    } catch (e) { setExpError(e); }
  };

  return (
    <>
      <PageHeader
        title="Models"
        subtitle="Versions trained from this store's own orders. A new version serves only if it beats the active one on the most recent, held-back orders."
        actions={canManage ? (
          <Toolbar>
            <Select label="Method" hideLabel value={method} onChange={(e) => setMethod(e.target.value)}
              options={[{ value: '', label: `Default (${summary?.defaultMethod ?? '…'})` }, ...(summary?.methods ?? []).map((m) => ({ value: m, label: m }))]} />
            <Button busy={retraining} disabled={!!live} onClick={() => void retrain()}>Retrain now</Button>
          </Toolbar>
        ) : undefined}
      />
      <FormError error={retrainError} />
      <ErrorNote error={models.error ?? versions.error} />
      {(models.data?.items.length ?? 0) > 1 && (
        <Select label="Model" value={model} onChange={(e) => setModel(e.target.value)} options={(models.data?.items ?? []).map((m) => ({ value: m.model, label: m.model }))} />
      )}
      <div className="model-summary">
        <Detail label="Active version">{active ? `v${active.version} (${active.method}), since ${formatDateTime(active.promotedAt ?? active.createdAt)}` : 'None yet: the storefront shows bestsellers and new items'}</Detail>
        <Detail label="Retraining">{summary?.retrainEverySeconds ? `every ${formatNumber(summary.retrainEverySeconds / 3600)} h` : '—'}</Detail>
        <Detail label="Experiment">{summary?.runningExperimentId ? 'running' : 'none'}</Detail>
      </div>

      {live && <Card title="Training now"><RunProgress runId={live.id} onDone={refresh} /></Card>}

      <Card title="Versions">
        {list.length === 0 && !versions.loading ? (
          <EmptyState title="No versions yet">Retrain to learn from the store's orders.</EmptyState>
        ) : (
          <Table<Version>
            caption="Model versions, newest first"
            rows={list}
            rowKey={(v) => v.id}
            onRowClick={(v) => setSelected(v.id)}
            columns={[
              { key: 'v', header: 'Version', render: (v) => <>v{v.version} <span className="muted">{v.method}</span></> },
              { key: 'status', header: 'Status', render: (v) => <Badge tone={STATUS_TONE[v.status]}>{humanise(v.status)}</Badge> },
              { key: 'decision', header: 'Gate', render: (v) => <Badge tone={DECISION_TONE[v.decision]}>{humanise(v.decision)}</Badge> },
              ...SHOWN.map((m) => ({ key: m, header: m.toUpperCase(), align: 'right' as const, render: (v: Version) => metric(v.metrics[m]) })),
              { key: 'users', header: 'Held-back customers', align: 'right', render: (v) => formatNumber(v.metrics.users ?? 0) },
              { key: 'window', header: 'Trained on', render: (v) => `${day(v.trainFrom)} – ${day(v.trainTo)}` },
              { key: 'holdout', header: 'Held back', render: (v) => `${day(v.holdoutFrom)} – ${day(v.holdoutTo)}` },
              { key: 'created', header: 'Trained', render: (v) => formatDateTime(v.createdAt) },
            ]}
          />
        )}
      </Card>

      {shown && (
        <Card title={`v${shown.version}: the promotion comparison`}
          actions={canManage && shown.status === 'candidate' ? <Button size="sm" variant="secondary" onClick={() => void retire(shown.id)}>Retire</Button> : undefined}>
          <p>{shown.reason}</p>
          <ComparisonChart version={shown} />
          <div className="model-summary">
            <Detail label="Compared on">{shown.primaryMetric}, {formatNumber(shown.metrics.users ?? 0)} held-back customers</Detail>
            <Detail label="Training examples">{formatNumber(shown.trainingExamples)} order lines</Detail>
            <Detail label="Stored artefact">{formatNumber(Math.round(shown.artefactBytes / 1024))} kB</Detail>
            <Detail label="Promoted">{shown.promotedAt ? formatDateTime(shown.promotedAt) : '—'}</Detail>
            <Detail label="Retired">{shown.retiredAt ? formatDateTime(shown.retiredAt) : '—'}</Detail>
          </div>
        </Card>
      )}

      <Card title="Experiments" actions={canManage && active && list.some((v) => v.status === 'candidate') && !summary?.runningExperimentId
        ? <Button size="sm" onClick={() => { setExpForm({ ...expForm, name: '', treatmentVersionId: list.find((v) => v.status === 'candidate')?.id ?? '' }); setExpDialog(true); }}>New experiment</Button> : undefined}>
        {(experiments.data?.items.length ?? 0) === 0 ? <p className="muted">No experiments yet. Split traffic between the active version and a candidate to compare them on real shoppers.</p> : null}
      </Card>
      {(experiments.data?.items ?? []).map((e) => <ExperimentCard key={e.id} exp={e} versions={list} canManage={canManage} onChange={refresh} />)}

      <Card title="Recent training runs">
        <Table<Run>
          caption="Training runs, newest first"
          rows={runs.data?.items ?? []}
          rowKey={(r) => r.id}
          empty="No training runs yet."
          columns={[
            { key: 'status', header: 'Status', render: (r) => <Badge tone={RUN_TONE[r.status]}>{humanise(r.status)}</Badge> },
            { key: 'trigger', header: 'Trigger', render: (r) => humanise(r.trigger) },
            { key: 'method', header: 'Method', render: (r) => String((r.options as { method?: string }).method ?? '') },
            { key: 'stage', header: 'Stage', render: (r) => `${humanise(r.stage)} (${r.percent} %)` },
            { key: 'last', header: 'Last message', render: (r) => r.error ?? r.messages[r.messages.length - 1]?.text ?? '' },
            { key: 'at', header: 'Requested', render: (r) => formatDateTime(r.createdAt) },
          ]}
        />
      </Card>

      {expDialog && (
        <FormDialog title="New experiment" submitLabel="Start" onClose={() => setExpDialog(false)} onSubmit={() => void startExperiment()} error={expError}>
          <Input label="Name" value={expForm.name} onChange={(e) => setExpForm({ ...expForm, name: e.target.value })} required />
          <p className="muted">Control: the active version {active ? `v${active.version} (${active.method})` : ''}.</p>
          <Select label="Treatment" value={expForm.treatmentVersionId} onChange={(e) => setExpForm({ ...expForm, treatmentVersionId: e.target.value })}
            options={list.filter((v) => v.status === 'candidate').map((v) => ({ value: v.id, label: `v${v.version} (${v.method})` }))} />
          <Input label="Share of shoppers in the treatment (%)" type="number" min={1} max={99} value={expForm.treatmentPercent} onChange={(e) => setExpForm({ ...expForm, treatmentPercent: e.target.value })} />
          <Input label="Attribution window (hours)" type="number" min={1} max={720} value={expForm.attributionHours} onChange={(e) => setExpForm({ ...expForm, attributionHours: e.target.value })} />
        </FormDialog>
      )}
    </>
  );
}
