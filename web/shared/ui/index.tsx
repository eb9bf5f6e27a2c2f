/**
 * The UI kit shared by the storefront, the admin and the support console: plain React components
 * over one stylesheet (ui.css, design tokens as CSS variables). Every input has a label, every
 * control is reachable by keyboard and shows a visible focus ring, colours meet WCAG AA contrast.
 */
import {
  createContext, forwardRef, useCallback, useContext, useEffect, useId, useMemo, useRef, useState,
  type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes,
} from 'react';
import './ui.css';

const cx = (...c: (string | false | null | undefined)[]) => c.filter(Boolean).join(' ');

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'sm' | 'md' | 'lg';
  busy?: boolean;
  block?: boolean;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button({ variant = 'primary', size = 'md', busy, block, className, children, disabled, type, ...rest }, ref) {
  return (
    <button ref={ref} type={type ?? 'button'} className={cx('ui-btn', `ui-btn--${variant}`, `ui-btn--${size}`, block && 'ui-btn--block', className)}
      disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {busy && <span className="ui-spinner ui-spinner--inline" aria-hidden="true" />}
      {children}
    </button>
  );
});

interface FieldProps { label: ReactNode; hint?: ReactNode; error?: ReactNode; hideLabel?: boolean }

function Field({ id, label, hint, error, hideLabel, children, className }: FieldProps & { id: string; children: ReactNode; className?: string }) {
  return (
    <div className={cx('ui-field', error ? 'ui-field--error' : false, className)}>
      <label htmlFor={id} className={cx('ui-label', hideLabel && 'ui-visually-hidden')}>{label}</label>
      {children}
      {hint && !error && <p id={`${id}-hint`} className="ui-hint">{hint}</p>}
      {error && <p id={`${id}-error`} className="ui-error" role="alert">{error}</p>}
    </div>
  );
}

const describedBy = (id: string, hint?: ReactNode, error?: ReactNode) => (error ? `${id}-error` : hint ? `${id}-hint` : undefined);

export type InputProps = InputHTMLAttributes<HTMLInputElement> & FieldProps & { fieldClassName?: string };

export const Input = forwardRef<HTMLInputElement, InputProps>(function Input({ label, hint, error, hideLabel, id, className, fieldClassName, ...rest }, ref) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <Field id={fid} label={label} hint={hint} error={error} hideLabel={hideLabel} className={fieldClassName}>
      <input ref={ref} id={fid} className={cx('ui-input', className)} aria-invalid={error ? true : undefined} aria-describedby={describedBy(fid, hint, error)} {...rest} />
    </Field>
  );
});

export type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & FieldProps;

export const TextArea = forwardRef<HTMLTextAreaElement, TextAreaProps>(function TextArea({ label, hint, error, hideLabel, id, className, ...rest }, ref) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <Field id={fid} label={label} hint={hint} error={error} hideLabel={hideLabel}>
      <textarea ref={ref} id={fid} className={cx('ui-input', 'ui-textarea', className)} aria-invalid={error ? true : undefined} aria-describedby={describedBy(fid, hint, error)} {...rest} />
    </Field>
  );
});

export type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & FieldProps & { options: { value: string; label: string; disabled?: boolean }[] };

export const Select = forwardRef<HTMLSelectElement, SelectProps>(function Select({ label, hint, error, hideLabel, id, className, options, ...rest }, ref) {
  const auto = useId();
  const fid = id ?? auto;
  return (
    <Field id={fid} label={label} hint={hint} error={error} hideLabel={hideLabel}>
      <select ref={ref} id={fid} className={cx('ui-input', 'ui-select', className)} aria-invalid={error ? true : undefined} aria-describedby={describedBy(fid, hint, error)} {...rest}>
        {options.map((o) => <option key={o.value} value={o.value} disabled={o.disabled}>{o.label}</option>)}
      </select>
    </Field>
  );
});

export function Checkbox({ label, className, ...rest }: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode }) {
  return (
    <label className={cx('ui-check', className)}>
      <input type="checkbox" {...rest} />
      <span>{label}</span>
    </label>
  );
}

export function Radio({ label, description, className, ...rest }: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; description?: ReactNode }) {
  return (
    <label className={cx('ui-radio', rest.checked && 'ui-radio--checked', className)}>
      <input type="radio" {...rest} />
      <span className="ui-radio__body"><span className="ui-radio__label">{label}</span>{description && <span className="ui-radio__desc">{description}</span>}</span>
    </label>
  );
}

export function Card({ title, actions, children, className, as: Tag = 'section' }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; as?: 'section' | 'div' | 'article' }) {
  return (
    <Tag className={cx('ui-card', className)}>
      {(title || actions) && <header className="ui-card__head">{title && <h2 className="ui-card__title">{title}</h2>}{actions}</header>}
      {children}
    </Tag>
  );
}

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={cx('ui-badge', `ui-badge--${tone}`)}>{children}</span>;
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <span className="ui-spinner" role="status" aria-label={label} />;
}

export function Skeleton({ width, height = '1em', className }: { width?: string | number; height?: string | number; className?: string }) {
  return <span className={cx('ui-skeleton', className)} style={{ width, height }} aria-hidden="true" />;
}

export function EmptyState({ title, children, action }: { title: ReactNode; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="ui-empty">
      <p className="ui-empty__title">{title}</p>
      {children && <div className="ui-empty__body">{children}</div>}
      {action}
    </div>
  );
}

export function Alert({ tone = 'info', title, children }: { tone?: Tone; title?: ReactNode; children?: ReactNode }) {
  return (
    <div className={cx('ui-alert', `ui-alert--${tone}`)} role={tone === 'danger' || tone === 'warning' ? 'alert' : 'status'}>
      {title && <strong className="ui-alert__title">{title}</strong>}
      {children}
    </div>
  );
}

export interface Column<T> {
  key: string;
  header: ReactNode;
  render(row: T): ReactNode;
  align?: 'left' | 'right' | 'center';
  width?: string;
}

/** A data table with a caption for screen readers, optional row selection and an empty state. */
export function Table<T>({ columns, rows, rowKey, caption, empty, onRowClick, selected, onSelect }: {
  columns: Column<T>[];
  rows: T[];
  rowKey(row: T): string;
  caption?: string;
  empty?: ReactNode;
  onRowClick?(row: T): void;
  selected?: Set<string>;
  onSelect?(keys: Set<string>): void;
}) {
  const all = rows.length > 0 && selected !== undefined && rows.every((r) => selected.has(rowKey(r)));
  const toggle = (k: string) => {
    if (!selected || !onSelect) return;
    const next = new Set(selected);
    if (next.has(k)) next.delete(k); else next.add(k);
    onSelect(next);
  };
  return (
    <div className="ui-table-wrap">
      <table className="ui-table">
        {caption && <caption className="ui-visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {onSelect && (
              <th className="ui-table__check">
                <input type="checkbox" aria-label="Select all" checked={all} onChange={() => onSelect(all ? new Set() : new Set(rows.map(rowKey)))} />
              </th>
            )}
            {columns.map((c) => <th key={c.key} style={{ textAlign: c.align, width: c.width }} scope="col">{c.header}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr><td colSpan={columns.length + (onSelect ? 1 : 0)} className="ui-table__empty">{empty ?? 'Nothing here yet.'}</td></tr>
          )}
          {rows.map((r) => {
            const k = rowKey(r);
            return (
              <tr key={k} className={cx(onRowClick && 'ui-table__row--link', selected?.has(k) && 'ui-table__row--selected')}
                onClick={onRowClick ? () => onRowClick(r) : undefined}
                onKeyDown={onRowClick ? (e) => { if (e.key === 'Enter') onRowClick(r); } : undefined}
                tabIndex={onRowClick ? 0 : undefined}>
                {onSelect && (
                  <td className="ui-table__check" onClick={(e) => e.stopPropagation()}>
                    <input type="checkbox" aria-label={`Select ${k}`} checked={selected?.has(k) ?? false} onChange={() => toggle(k)} />
                  </td>
                )}
                {columns.map((c) => <td key={c.key} style={{ textAlign: c.align }}>{c.render(r)}</td>)}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A modal dialog on the native <dialog> element: focus is trapped and Escape closes it. */
export function Dialog({ open, onClose, title, children, footer }: { open: boolean; onClose(): void; title: ReactNode; children: ReactNode; footer?: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="ui-dialog" onClose={onClose} onCancel={onClose} aria-labelledby="ui-dialog-title">
      <header className="ui-dialog__head">
        <h2 id="ui-dialog-title">{title}</h2>
        <button type="button" className="ui-icon-btn" onClick={onClose} aria-label="Close">×</button>
      </header>
      <div className="ui-dialog__body">{children}</div>
      {footer && <footer className="ui-dialog__foot">{footer}</footer>}
    </dialog>
  );
}

export function Tabs<K extends string>({ tabs, value, onChange, label }: { tabs: { key: K; label: ReactNode; count?: number }[]; value: K; onChange(k: K): void; label: string }) {
  return (
    <div className="ui-tabs" role="tablist" aria-label={label}>
      {tabs.map((t) => (
        <button key={t.key} type="button" role="tab" aria-selected={t.key === value} className={cx('ui-tab', t.key === value && 'ui-tab--active')} onClick={() => onChange(t.key)}>
          {t.label}{t.count !== undefined && <span className="ui-tab__count">{t.count}</span>}
        </button>
      ))}
    </div>
  );
}

// Toasts ------------------------------------------------------------------------------------

export interface Toast { id: number; tone: Tone; message: ReactNode }
interface ToastApi { show(message: ReactNode, tone?: Tone): void; success(message: ReactNode): void; error(message: ReactNode): void }

const ToastContext = createContext<ToastApi | null>(null);

/** Renders toasts in a polite live region; each disappears after a few seconds or on dismiss. */
export function ToastProvider({ children, timeoutMs = 5000 }: { children: ReactNode; timeoutMs?: number }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const show = useCallback((message: ReactNode, tone: Tone = 'info') => {
    const id = next.current++;
    setToasts((ts) => [...ts.slice(-3), { id, tone, message }]);
    setTimeout(() => dismiss(id), tone === 'danger' ? timeoutMs * 2 : timeoutMs);
  }, [dismiss, timeoutMs]);
  const api = useMemo<ToastApi>(() => ({ show, success: (m) => show(m, 'success'), error: (m) => show(m, 'danger') }), [show]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="ui-toasts" aria-live="polite" aria-atomic="false">
        {toasts.map((t) => (
          <div key={t.id} className={cx('ui-toast', `ui-toast--${t.tone}`)} role={t.tone === 'danger' ? 'alert' : 'status'}>
            <span>{t.message}</span>
            <button type="button" className="ui-icon-btn" onClick={() => dismiss(t.id)} aria-label="Dismiss">×</button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const ctx = useContext(ToastContext);
  if (!ctx) throw new Error('useToast outside <ToastProvider>');
  return ctx;
}

// Layout ------------------------------------------------------------------------------------

/** Page skeleton: a skip link, a header, optional side navigation, the main region and a footer. */
export function AppShell({ header, nav, footer, children, skipLabel = 'Skip to content', className }: {
  header?: ReactNode; nav?: ReactNode; footer?: ReactNode; children: ReactNode; skipLabel?: string; className?: string;
}) {
  return (
    <div className={cx('ui-shell', nav ? 'ui-shell--with-nav' : false, className)}>
      <a className="ui-skip" href="#main">{skipLabel}</a>
      {header && <header className="ui-shell__header">{header}</header>}
      {nav && <nav className="ui-shell__nav" aria-label="Main">{nav}</nav>}
      <main id="main" className="ui-shell__main" tabIndex={-1}>{children}</main>
      {footer && <footer className="ui-shell__footer">{footer}</footer>}
    </div>
  );
}

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="ui-page-head">
      <div>
        <h1 className="ui-page-head__title">{title}</h1>
        {subtitle && <p className="ui-page-head__sub">{subtitle}</p>}
      </div>
      {actions && <div className="ui-page-head__actions">{actions}</div>}
    </div>
  );
}

export function Stat({ label, value, delta }: { label: ReactNode; value: ReactNode; delta?: { text: string; good: boolean } }) {
  return (
    <div className="ui-stat">
      <span className="ui-stat__label">{label}</span>
      <span className="ui-stat__value">{value}</span>
      {delta && <span className={cx('ui-stat__delta', delta.good ? 'ui-stat__delta--good' : 'ui-stat__delta--bad')}>{delta.text}</span>}
    </div>
  );
}

export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="ui-visually-hidden">{children}</span>;
}
