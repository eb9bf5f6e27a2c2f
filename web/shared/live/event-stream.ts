/**
 * The staff event stream (GET /admin/events/stream, server-sent events) read with fetch and a body
 * reader, because a browser EventSource cannot send the Authorization header. Reconnects with
 * backoff, sending Last-Event-ID so events relayed while it was away are replayed first.
 */

export interface EventStreamOptions<E> {
  /** Event types to receive (exact, or `prefix.*`); all when empty. */
  types: string[];
  /** A valid access token, or null when signed out. */
  token: () => Promise<string | null>;
  onEvent: (e: E) => void;
  onState?: (live: boolean) => void;
}

/** Opens the stream until the returned function is called. */
export function openEventStream<E>(opts: EventStreamOptions<E>): () => void {
  const { types, token: getToken, onEvent, onState } = opts;
  let closed = false;
  let ctrl: AbortController | undefined;
  let lastId: string | undefined;
  let delay = 1000;

  void (async () => {
    while (!closed) {
      ctrl = new AbortController();
      try {
        const token = await getToken();
        if (!token) throw new Error('signed out');
        const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${token}` };
        if (lastId) headers['last-event-id'] = lastId;
        const qs = types.length ? `?types=${encodeURIComponent(types.join(','))}` : '';
        const res = await fetch(`/admin/events/stream${qs}`, { headers, signal: ctrl.signal });
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        onState?.(true);
        delay = 1000;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('id: ')) lastId = line.slice(4);
              else if (line.startsWith('data: ')) data += line.slice(6);
            }
            if (data) {
              try { onEvent(JSON.parse(data)); } catch { /* a bad frame or a listener's problem is not the stream's */ }
            }
          }
        }
      } catch { /* reconnect below */ }
      if (closed) return;
      onState?.(false);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  })();
  return () => { closed = true; ctrl?.abort(); };
}
