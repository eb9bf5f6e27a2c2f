/**
 * An optional image embeddings endpoint (`EMBEDDINGS_URL`, OpenAI-compatible: POST {url}/embeddings
 * with `{ model, input: [<image as a data URL>] }`, answering `{ data: [{ embedding: number[] }] }`,
 * as CLIP-style servers do). Every failure — down, slow, an error status, a malformed answer — is
 * reported as such so visual search falls back to its own descriptors.
 */
export interface EmbeddingsClient {
  readonly model: string;
  embed(dataUrl: string): Promise<number[]>;
}

export class EmbeddingsUnavailable extends Error {
  constructor(message: string) { super(message); this.name = 'EmbeddingsUnavailable'; }
}

export function embeddingsClient(opts: { url: string; model: string; apiKey?: string; timeoutMs: number }): EmbeddingsClient {
  const endpoint = opts.url.replace(/\/+$/, '').replace(/\/embeddings$/, '') + '/embeddings';
  return {
    model: opts.model,
    async embed(dataUrl) {
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}) },
          body: JSON.stringify({ model: opts.model, input: [dataUrl] }),
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch (e) {
        throw new EmbeddingsUnavailable(`embeddings endpoint unreachable or slow: ${(e as Error).message}`);
      }
      if (!res.ok) throw new EmbeddingsUnavailable(`embeddings endpoint answered ${res.status}`);
      let body: any;
      try { body = await res.json(); } catch { throw new EmbeddingsUnavailable('embeddings endpoint answered something that is not JSON'); }
      const v = body?.data?.[0]?.embedding;
      if (!Array.isArray(v) || v.length < 2 || v.length > 8192 || !v.every((x: unknown) => typeof x === 'number' && Number.isFinite(x))) {
        throw new EmbeddingsUnavailable('embeddings endpoint answered no usable vector');
      }
      return v as number[];
    },
  };
}
