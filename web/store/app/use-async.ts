import { useCallback, useEffect, useRef, useState } from 'react';

/** Runs an async load when its key changes; keeps the last data while reloading; ignores stale answers. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: unknown; loading: boolean; reload(): void } {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const seq = useRef(0);
  const run = useCallback(() => {
    const n = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load().then(
      (data) => { if (n === seq.current) setState({ data, loading: false }); },
      (error) => { if (n === seq.current) setState((s) => ({ data: s.data, error, loading: false })); },
    );
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => { run(); }, [run]);
  return { data: state.data, error: state.error, loading: state.loading, reload: run };
}

/** A value that settles `ms` after its last change (for instant search). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, set] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => set(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** Sets the document title for a page. */
export function useTitle(title: string | undefined, site = 'Emporia'): void {
  useEffect(() => { document.title = title ? `${title} · ${site}` : site; }, [title, site]);
}
