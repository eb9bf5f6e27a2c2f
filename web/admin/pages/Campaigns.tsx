/**
 * Recommendation emails (#/campaigns): the customer segments computed from the store's orders
 * (RFM), a send button per segment, and every campaign with its progress, refreshed while one runs.
 * Each customer of the segment who agreed to marketing gets one email with their picks and the reason for each.
 */
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, PageHeader, Table, useToast } from '@shared/ui';
import { formatDateTime } from '@shared/format';
import { call } from '../app/api';
import { useAsync } from '../app/use-async';
import { useSession } from '../app/session';
import { StatusBadge } from '../components/bits';

interface Segment { name: string; description: string; size: number }
interface Campaign { id: string; segment: string; status: string; total: number; processed: number; queued: number; skipped: number; percent: number; createdAt: string; finishedAt: string | null }

export function CampaignsPage() {
  const toast = useToast();
  const { can } = useSession();
  const segments = useAsync(() => call<{ segments: Segment[]; customers: number; method: string }>('GET', '/admin/recommendation-campaigns/segments'), []);
  const campaigns = useAsync(() => call<{ items: Campaign[] }>('GET', '/admin/recommendation-campaigns', { query: { limit: 50 } }), []);
  const [sending, setSending] = useState<string | null>(null);
  const running = campaigns.data?.items.some((c) => c.status === 'queued' || c.status === 'running');
  useEffect(() => {
    if (!running) return;
    const id = setInterval(campaigns.reload, 1500);
    return () => clearInterval(id);
  }, [running, campaigns.reload]);

  const send = async (s: Segment) => {
    setSending(s.name);
    try {
      await call('POST', '/admin/recommendation-campaigns', { body: { segment: s.name } });
      toast.success(`Sending recommendations to ${s.name}`);
      campaigns.reload();
    } catch (e) { toast.error((e as Error).message); } finally { setSending(null); }
  };

  return (
    <>
      <PageHeader title="Recommendation emails" subtitle="Email each customer of a segment the products picked for them, with the reason for each. Only customers who agreed to marketing are mailed, once per campaign." />
      <Card title="Segments">
        {segments.error && <Alert tone="danger">{segments.error.message}</Alert>}
        {segments.data && (
          <>
            <p className="muted small">{segments.data.customers} customers with orders, grouped {segments.data.method === 'kmeans' ? 'by k-means on recency, frequency and spend' : 'by their recency, frequency and spend scores'}.</p>
            <Table<Segment> rows={segments.data.segments} rowKey={(s) => s.name} empty="No customer has ordered yet."
              columns={[
                { key: 'n', header: 'Segment', render: (s) => <><strong>{s.name}</strong><div className="muted small">{s.description}</div></> },
                { key: 's', header: 'Customers', render: (s) => s.size },
                { key: 'a', header: '', render: (s) => (can('customers:write') ? <Button size="sm" busy={sending === s.name} onClick={() => void send(s)} aria-label={`Send recommendations to ${s.name}`}>Send recommendations</Button> : null) },
              ]} />
          </>
        )}
      </Card>
      <Card title="Campaigns">
        <Table<Campaign> rows={campaigns.data?.items ?? []} rowKey={(c) => c.id} empty="No campaign yet."
          columns={[
            { key: 's', header: 'Segment', render: (c) => <strong>{c.segment}</strong> },
            { key: 't', header: 'Status', render: (c) => <StatusBadge status={c.status} /> },
            { key: 'p', header: 'Progress', render: (c) => (
              <div className="campaign-progress">
                <progress max={100} value={c.percent} aria-label={`${c.segment}: ${c.percent}% done`} /> <span className="small">{c.processed} / {c.total}</span>
              </div>
            ) },
            { key: 'q', header: 'Emails', render: (c) => <><Badge tone="success">{c.queued} queued</Badge> {c.skipped > 0 && <Badge tone="neutral">{c.skipped} skipped</Badge>}</> },
            { key: 'd', header: 'Started', render: (c) => formatDateTime(c.createdAt) },
          ]} />
      </Card>
    </>
  );
}
