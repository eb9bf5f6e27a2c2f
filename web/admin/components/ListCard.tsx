/** A card with a cursor-paged table of one admin listing: the quick way to show a collection. */
import { useEffect, useState } from 'react';
import { Card, Table, type Column } from '@shared/ui';
import { call } from '../app/api';
import { ErrorNote, Pager } from './bits';

export function ListCard<T>({ title, path, query = {}, columns, rowKey, onRowClick, actions, refresh = 0, empty }: {
  title?: string; path: string; query?: Record<string, unknown>; columns: Column<T>[]; rowKey(r: T): string; onRowClick?(r: T): void;
  actions?: React.ReactNode; refresh?: number; empty?: string;
}) {
  const [rows, setRows] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const key = JSON.stringify(query);
  const load = async (after?: string) => {
    setLoading(true);
    try {
      const page = await call<{ items: T[]; nextCursor?: string | null }>('GET', path, { query: { ...query, cursor: after } });
      setRows((r) => (after ? [...r, ...page.items] : page.items));
      setCursor(page.nextCursor ?? null);
      setError(undefined);
    } catch (e) { setError(e as Error); } finally { setLoading(false); }
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => { void load(); }, [path, key, refresh]);
  return (
    <Card title={title} actions={actions}>
      <ErrorNote error={error} />
      <Table<T> rows={rows} rowKey={rowKey} columns={columns} onRowClick={onRowClick} caption={title} empty={loading ? 'Loading…' : empty ?? 'Nothing here yet.'} />
      <Pager hasMore={!!cursor} loading={loading} onMore={() => void load(cursor!)} />
    </Card>
  );
}
