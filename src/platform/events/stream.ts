/**
 * Live event stream for staff screens (dashboard, orders, support inbox): server-sent events fed
 * by the bus's in-process relay fan-out. Each connection sees only the event types its actor may
 * read (a permission per type prefix, given by the composition root), optionally narrowed by the
 * caller to a list of types or prefixes. A comment line goes out every `heartbeatMs` so proxies
 * keep the connection open and clients notice a dead one; `Last-Event-ID` (the outbox seq) catches
 * a reconnecting client up on what it missed.
 *
 * This is a live view, not a delivery guarantee: on the embedded transport events reach the streams
 * of the node that relayed them; on JetStream every node sees the whole cluster's events. Durable
 * reactions belong in a Subscription.
 */
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Actor } from '../context/index.js';
import type { EventBus } from './bus.js';
import type { EventEnvelope } from './event.js';

export interface EventStreamOptions {
  /** The permission a staff member needs to see an event type; null hides the type from everyone. */
  permissionFor(type: string): string | null;
  heartbeatMs?: number;
  /** Most events replayed to a reconnecting client. */
  catchUpLimit?: number;
}

interface Client {
  res: ServerResponse;
  may: (type: string) => boolean;
}

/** Matches a type against exact names and `prefix.*` patterns. */
export function typeFilter(patterns: string[]): (type: string) => boolean {
  if (!patterns.length) return () => true;
  return (type) => patterns.some((p) => p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}

/** One SSE frame: `id` is the outbox sequence, `event` the type, `data` the envelope as JSON. */
export function sseFrame(e: EventEnvelope): string {
  const data = { id: e.id, seq: e.seq, type: e.type, version: e.version, aggregateId: e.aggregateId, payload: e.payload, occurredAt: e.occurredAt };
  return `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export class EventStreamHub {
  private clients = new Set<Client>();
  private heartbeat?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  constructor(private bus: EventBus, private log: Logger, private opts: EventStreamOptions) {}

  /** Connections open now (for tests and metrics). */
  get size(): number { return this.clients.size; }

  /**
   * Takes over a raw response and streams to it until the client goes away or the hub closes.
   * `headers` are extra response headers (request id, security headers) the framework would have sent.
   */
  async open(res: ServerResponse, actor: Actor, input: { types: string[]; lastEventId?: number; headers?: Record<string, unknown> }): Promise<void> {
    const allowed = (type: string) => {
      if (actor.kind !== 'staff') return false;
      const p = this.opts.permissionFor(type);
      return p !== null && actor.permissions.has(p);
    };
    const wanted = typeFilter(input.types);
    const client: Client = { res, may: (t) => wanted(t) && allowed(t) };
    res.writeHead(200, {
      ...Object.fromEntries(Object.entries(input.headers ?? {}).filter(([, v]) => v !== undefined)),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Tell nginx-like proxies not to buffer the stream.
      'x-accel-buffering': 'no',
    });
    // The reconnect delay a browser EventSource uses, and a first byte so the client knows it is open.
    res.write(`retry: 3000\n: connected\n\n`);
    if (input.lastEventId !== undefined) {
      const missed = await this.bus.relayedSince(input.lastEventId, this.opts.catchUpLimit ?? 200);
      for (const e of missed) if (client.may(e.type)) res.write(sseFrame(e));
    }
    this.clients.add(client);
    this.ensureRunning();
    res.on('close', () => {
      this.clients.delete(client);
      if (!this.clients.size) this.idle();
    });
  }

  /** Ends every open stream (before the HTTP server closes, which would otherwise wait for them). */
  close(): void {
    for (const c of this.clients) c.res.end();
    this.clients.clear();
    this.idle();
  }

  private ensureRunning(): void {
    if (!this.unsubscribe) this.unsubscribe = this.bus.onRelayed((events) => this.fanOut(events));
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => { for (const c of this.clients) c.res.write(': ping\n\n'); }, this.opts.heartbeatMs ?? 15_000);
      this.heartbeat.unref();
    }
  }

  private idle(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private fanOut(events: EventEnvelope[]): void {
    for (const c of this.clients) {
      try {
        const frames = events.filter((e) => c.may(e.type)).map(sseFrame).join('');
        if (frames) c.res.write(frames);
      } catch (e) {
        this.log.warn({ err: e }, 'event stream write failed');
        c.res.destroy();
      }
    }
  }
}
