/** The audit log: every staff mutation with who, what and when, filterable by entity. */
import { PageHeader } from '@shared/ui';
import { formatDateTime } from '@shared/format';
import { setQuery, useLocation } from '../app/router';
import { ListCard } from '../components/ListCard';
import { Toolbar } from '../components/bits';
import { Input } from '@shared/ui';

interface Entry { id: string; action: string; entityType: string; entityId: string; actor: string; createdAt?: string; at?: string }

export function AuditPage() {
  const { query } = useLocation();
  const entityType = query.get('entityType') ?? '';
  return (
    <>
      <PageHeader title="Audit log" subtitle="Every change staff made, newest first" />
      <Toolbar><Input label="Entity type" placeholder="e.g. product, order" value={entityType} onChange={(e) => setQuery({ entityType: e.target.value.trim() })} /></Toolbar>
      <ListCard<Entry> path="/admin/audit" query={{ entityType, limit: 50 }} rowKey={(e) => e.id}
        columns={[
          { key: 'w', header: 'When', render: (e) => formatDateTime(e.createdAt ?? e.at ?? '') },
          { key: 'a', header: 'Action', render: (e) => <code>{e.action}</code> },
          { key: 'e', header: 'Entity', render: (e) => <span>{e.entityType} <span className="muted small">{e.entityId}</span></span> },
          { key: 'b', header: 'By', render: (e) => e.actor },
        ]} />
    </>
  );
}
