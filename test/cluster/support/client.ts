/**
 * What a load balancer in front of the cluster does, in a few lines: each request goes to the next
 * live node in turn; when a node drops the connection (or answers 502/503 while it goes away), the
 * same request — same headers, so the same Idempotency-Key — is sent to another node. A node that
 * failed is skipped for a moment, the way a health-checking balancer takes it out of rotation.
 */
import type { ApiResponse } from '../../support/harness.js';

export interface ClusterResponse<T = any> extends ApiResponse<T> {
  /** The node that answered. */
  node: string;
  /** Nodes that dropped this request before one answered. */
  dropped: string[];
}

export interface RequestOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  /** Send to this node first (by name); failover still applies. */
  node?: string;
}

interface NodeLike { name: string; url: string }

export class RoundRobin {
  private next = 0;
  private downUntil = new Map<string, number>();
  readonly stats = { requests: 0, dropped: 0, failovers: 0, byNode: {} as Record<string, number> };
  /** Requests waiting for an answer, per node ("METHOD path"). */
  readonly inFlight = new Map<string, Set<string>>();

  constructor(private nodes: () => NodeLike[], private opts: { attempts?: number; skipMs?: number; timeoutMs?: number } = {}) {}

  private pick(exclude: Set<string>, prefer?: string): NodeLike | undefined {
    const all = this.nodes();
    if (prefer) {
      const n = all.find((x) => x.name === prefer);
      if (n && !exclude.has(n.name)) return n;
    }
    const now = Date.now();
    for (let i = 0; i < all.length; i++) {
      const n = all[(this.next + i) % all.length];
      if (exclude.has(n.name) || (this.downUntil.get(n.name) ?? 0) > now) continue;
      this.next = (this.next + i + 1) % all.length;
      return n;
    }
    // Everything is marked down or was tried: try any node not tried yet for this request.
    return all.find((n) => !exclude.has(n.name));
  }

  async request<T = any>(method: string, path: string, o: RequestOptions = {}): Promise<ClusterResponse<T>> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.body !== undefined) { body = JSON.stringify(o.body); headers['content-type'] ??= 'application/json'; }
    const dropped: string[] = [];
    const tried = new Set<string>();
    const attempts = this.opts.attempts ?? 6;
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      // Once every node was tried, start over (a restarted node may be back).
      if (tried.size >= this.nodes().length) tried.clear();
      const node = this.pick(tried, attempt === 0 ? o.node : undefined);
      if (!node) break;
      tried.add(node.name);
      this.stats.requests++;
      if (attempt > 0) this.stats.failovers++;
      const label = `${method} ${path} #${this.stats.requests}`;
      const flying = this.inFlight.get(node.name) ?? new Set<string>();
      this.inFlight.set(node.name, flying);
      flying.add(label);
      try {
        const res = await fetch(node.url + path, { method, headers, body, signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000) });
        const text = await res.text().finally(() => flying.delete(label));
        if (res.status === 502 || res.status === 503) {
          // The node is going away (or not ready): the balancer sends the request elsewhere.
          this.markDown(node.name);
          dropped.push(node.name);
          lastError = new Error(`${node.name} answered ${res.status}`);
          continue;
        }
        let parsed: any = text;
        try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
        this.stats.byNode[node.name] = (this.stats.byNode[node.name] ?? 0) + 1;
        return { status: res.status, body: parsed, headers: res.headers, node: node.name, dropped };
      } catch (e) {
        flying.delete(label);
        // Connection refused, reset or closed mid-answer: the node died under this request.
        this.stats.dropped++;
        this.markDown(node.name);
        dropped.push(node.name);
        lastError = e;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
    throw new Error(`${method} ${path}: no node answered (dropped by ${dropped.join(', ')}): ${(lastError as Error)?.message}`);
  }

  private markDown(name: string): void {
    this.downUntil.set(name, Date.now() + (this.opts.skipMs ?? 1000));
  }
}
