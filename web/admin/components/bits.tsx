/** Small pieces the admin pages share: status badges, money, errors, pagination. */
import type { ReactNode } from 'react';
import { Alert, Badge, Button, Dialog, type Tone } from '@shared/ui';
import { formatMoney } from '@shared/format';

const TONES: Record<string, Tone> = {
  paid: 'info', pending: 'warning', fulfilling: 'info', partially_fulfilled: 'warning', fulfilled: 'success', completed: 'success', cancelled: 'neutral', on_hold: 'danger',
  authorized: 'info', partially_refunded: 'warning', refunded: 'neutral', voided: 'neutral', charged_back: 'danger', unfulfilled: 'warning', partially_returned: 'warning', returned: 'neutral',
  active: 'success', draft: 'neutral', archived: 'neutral', disabled: 'neutral', shipped: 'info', delivered: 'success', packed: 'info', picking: 'info', ready_for_pickup: 'info',
  requested: 'warning', received: 'info', rejected: 'danger',
};

export const humanise = (s: string) => s.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status] ?? 'neutral'}>{humanise(status)}</Badge>;
}

export const money = (amount: number | null | undefined, currency = 'USD') => (amount === null || amount === undefined ? '—' : formatMoney(amount, currency));

export function ErrorNote({ error }: { error?: Error }) {
  if (!error) return null;
  return <Alert tone="danger" title="Something went wrong">{error.message}</Alert>;
}

export function Pager({ hasMore, onMore, loading }: { hasMore: boolean; onMore(): void; loading?: boolean }) {
  if (!hasMore) return null;
  return <div className="admin-pager"><Button variant="secondary" onClick={onMore} busy={loading}>Load more</Button></div>;
}

export function Toolbar({ children }: { children: ReactNode }) {
  return <div className="admin-toolbar">{children}</div>;
}

export function Detail({ label, children }: { label: ReactNode; children: ReactNode }) {
  return <div className="admin-detail"><dt>{label}</dt><dd>{children}</dd></div>;
}

interface FieldDetail { field: string; message: string }
const detailsOf = (error: unknown): FieldDetail[] => {
  const d = (error as { details?: unknown } | undefined)?.details;
  return Array.isArray(d) ? d.filter((x): x is FieldDetail => typeof x?.field === 'string') : [];
};

/** A form's API error: the message, and each field the API named with what is wrong with it. */
export function FormError({ error }: { error?: unknown }) {
  if (!error) return null;
  const details = detailsOf(error);
  return (
    <Alert tone="danger" title={(error as Error).message}>
      {details.length > 0 && <ul className="form-error__fields">{details.map((d) => <li key={`${d.field}:${d.message}`}><code>{d.field}</code> {d.message}</li>)}</ul>}
    </Alert>
  );
}

/** The API's message for one field (`name` matches `body.name` and `body.name[0]…`), to show beside its input. */
export function fieldError(error: unknown, name: string): string | undefined {
  const d = detailsOf(error).find((x) => {
    const f = x.field.replace(/^body\.?/, '');
    return f === name || f.startsWith(`${name}.`) || f.startsWith(`${name}[`);
  });
  return d?.message;
}

/** A dialog with a form: submits through `onSubmit` (the button or Enter), shows the API's error and stays open on failure. */
export function FormDialog({ title, submitLabel, onClose, onSubmit, error, busy, children }: {
  title: string; submitLabel: string; onClose(): void; onSubmit(): void; error?: unknown; busy?: boolean; children: ReactNode;
}) {
  return (
    <Dialog open onClose={onClose} title={title} footer={<><Button variant="ghost" onClick={onClose}>Cancel</Button><Button busy={busy} onClick={onSubmit}>{submitLabel}</Button></>}>
      <form className="settings-form" onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
        <FormError error={error} />
        {children}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
