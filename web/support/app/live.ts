/**
 * Live inbox updates from the staff event stream (GET /admin/events/stream, server-sent events),
 * read with fetch because a browser EventSource cannot send the Authorization header. Reconnects
 * with backoff; the console also polls slowly, so a lost stream only delays updates.
 */
import { freshToken } from './session';

export interface SupportEvent { seq: number; type: string; aggregateId: string; payload: Record<string, unknown> }

export function subscribeSupport(onEvent: (e: SupportEvent) => void, onState: (live: boolean) => void): () => void {
  let closed = false;
  let ctrl: AbortController | undefined;
  let lastId: string | undefined;
  let delay = 1000;
  void (async () => {
    while (!closed) {
      ctrl = new AbortController();
      try {
        const token = await freshToken();
        if (!token) throw new Error('signed out');
        const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${token}` };
        if (lastId) headers['last-event-id'] = lastId;
        const res = await fetch('/admin/events/stream?types=support.*', { headers, signal: ctrl.signal });
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        onState(true);
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
            if (data) { try { onEvent(JSON.parse(data)); } catch { /* ignore a bad frame */ } }
          }
        }
      } catch { /* reconnect below */ }
      if (closed) return;
      onState(false);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  })();
  return () => { closed = true; ctrl?.abort(); };
}
