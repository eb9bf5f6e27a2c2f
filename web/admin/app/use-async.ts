/** Loads data for a page: `{ data, error, loading, reload }`, re-run when the deps change. */
import { useCallback, useEffect, useRef, useState } from 'react';

export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: Error | undefined; loading: boolean; reload(): void; setData(d: T): void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const run = useCallback(() => {
    const n = ++seq.current;
    setLoading(true);
    load().then((d) => { if (n === seq.current) { setData(d); setError(undefined); } }, (e) => { if (n === seq.current) setError(e); })
      .finally(() => { if (n === seq.current) setLoading(false); });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(run, [run]);
  return { data, error, loading, reload: run, setData };
}
