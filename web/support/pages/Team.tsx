/** Queues and people: active conversations per queue, and each agent's skills, limit and current load for automatic assignment. */
import { useEffect, useState } from 'react';
import { ApiError } from '@shared/api/client';
import { Badge, Button, Card, useToast } from '@shared/ui';
import { api, call } from '../app/session';
import { send } from '../app/send';
import { href } from '../app/route';
import { relative } from '../components/format';

interface AgentRow { id: string; name: string; email: string; role: string; assigned: number; languages: string[]; queues: string[]; maxLoad: number; lead: boolean; available: boolean }
interface QueueRow { queue: string; active: number; unassigned: number; oldestWaitingSince: string | null }

const list = (s: string) => s.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);

export function TeamPage({ canWrite }: { canWrite: boolean }) {
  const toast = useToast();
  const [agents, setAgents] = useState<AgentRow[] | null>(null);
  const [queues, setQueues] = useState<QueueRow[]>([]);
  const [draft, setDraft] = useState<Record<string, { languages: string; queues: string; maxLoad: string }>>({});
  const load = async () => {
    const [a, q] = await Promise.all([call(() => api.GET('/admin/support/agents')), call(() => api.GET('/admin/support/queues'))]);
    setAgents((a as { items: AgentRow[] }).items);
    setQueues((q as { items: QueueRow[] }).items);
  };
  useEffect(() => { void load(); }, []);

  const save = async (a: AgentRow, patch: Record<string, unknown>) => {
    try {
      await call(() => send('PUT', `/admin/support/agents/${a.id}/skills`, patch));
      toast.success(`${a.name} updated`);
      await load();
    } catch (e) { toast.error(e instanceof ApiError ? e.message : 'Could not save'); }
  };
  const runNow = async () => {
    const r = await call(() => send('POST', '/admin/support/escalations/run')) as { escalated: number; assigned: number };
    toast.success(`Escalated ${r.escalated}, assigned ${r.assigned}`);
    await load();
  };

  return (
    <div className="sc-team-page">
      <div className="sc-kb-head">
        <h1 className="sc-list__title">Queues and team</h1>
        {canWrite && <Button size="sm" variant="secondary" onClick={() => void runNow()}>Apply escalation rules now</Button>}
      </div>
      <Card title="Queues">
        {queues.length === 0 ? <p className="sc-muted">No active conversations.</p> : (
          <table className="sc-table">
            <thead><tr><th>Queue</th><th>Active</th><th>Unassigned</th><th>Oldest wait</th></tr></thead>
            <tbody>{queues.map((q) => (
              <tr key={q.queue}><td><a href={href('/inbox', { queue: q.queue })}>{q.queue}</a></td><td>{q.active}</td><td>{q.unassigned}</td><td>{q.oldestWaitingSince ? relative(q.oldestWaitingSince) : '—'}</td></tr>
            ))}</tbody>
          </table>
        )}
      </Card>
      <Card title="Agents: skills and load">
        <p className="sc-muted">New conversations go to an available agent who reads the language and works the queue (empty means any), with the fewest open conversations, up to their limit. SLA breaches go to leads.</p>
        <table className="sc-table">
          <thead><tr><th>Agent</th><th>Load</th><th>Languages</th><th>Queues</th><th>Limit</th><th>Lead</th><th>Available</th>{canWrite && <th />}</tr></thead>
          <tbody>{(agents ?? []).map((a) => {
            const d = draft[a.id] ?? { languages: a.languages.join(', '), queues: a.queues.join(', '), maxLoad: String(a.maxLoad) };
            const set = (k: keyof typeof d, v: string) => setDraft({ ...draft, [a.id]: { ...d, [k]: v } });
            return (
              <tr key={a.id} data-agent={a.email}>
                <td><strong>{a.name}</strong><br /><span className="sc-muted">{a.role}</span></td>
                <td><Badge tone={a.assigned >= a.maxLoad ? 'warning' : 'neutral'}>{a.assigned} / {a.maxLoad}</Badge></td>
                <td><input className="ui-input" aria-label={`Languages of ${a.name}`} value={d.languages} disabled={!canWrite} onChange={(e) => set('languages', e.target.value)} placeholder="any" /></td>
                <td><input className="ui-input" aria-label={`Queues of ${a.name}`} value={d.queues} disabled={!canWrite} onChange={(e) => set('queues', e.target.value)} placeholder="any" /></td>
                <td><input className="ui-input sc-narrow" aria-label={`Limit of ${a.name}`} type="number" min={0} max={500} value={d.maxLoad} disabled={!canWrite} onChange={(e) => set('maxLoad', e.target.value)} /></td>
                <td><input type="checkbox" aria-label={`${a.name} is a lead`} checked={a.lead} disabled={!canWrite} onChange={(e) => void save(a, { lead: e.target.checked })} /></td>
                <td><input type="checkbox" aria-label={`${a.name} is available`} checked={a.available} disabled={!canWrite} onChange={(e) => void save(a, { available: e.target.checked })} /></td>
                {canWrite && <td><Button size="sm" variant="secondary" onClick={() => void save(a, { languages: list(d.languages), queues: list(d.queues), maxLoad: Number(d.maxLoad) })}>Save</Button></td>}
              </tr>
            );
          })}</tbody>
        </table>
      </Card>
    </div>
  );
}
