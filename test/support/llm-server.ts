/**
 * A scripted OpenAI-compatible chat server for tests: POST /v1/chat/completions answers the next
 * reply from the test's script — a structured JSON answer, tool calls, raw (malformed) text, an
 * HTTP error, each optionally after a delay — so the real AI SDK client path runs end to end.
 * Every request body is kept for assertions (the tools offered, the tool results sent back).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ScriptedReply = (
  | { json: unknown }
  | { text: string }
  | { toolCalls: { name: string; arguments: unknown }[] }
  | { status: number; body?: string }
) & { delayMs?: number };

export interface ChatRequest {
  model: string;
  messages: { role: string; content?: unknown; tool_calls?: unknown[]; tool_call_id?: string }[];
  tools?: { type: string; function: { name: string; description?: string; parameters: unknown } }[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
  stream?: boolean;
  [k: string]: unknown;
}

export interface LlmServer {
  /** Base URL to put in LLM_BASE_URL (ends in /v1). */
  url: string;
  /** Requests received, in order. */
  requests: ChatRequest[];
  /** Headers of each request (e.g. the bearer token). */
  headers: IncomingMessage['headers'][];
  /** Appends replies to the script; each request takes the next one. */
  script(...replies: ScriptedReply[]): void;
  /** Replies not yet used. */
  pending(): number;
  close(): Promise<void>;
}

export async function startLlmServer(): Promise<LlmServer> {
  const queue: ScriptedReply[] = [];
  const requests: ChatRequest[] = [];
  const headers: IncomingMessage['headers'][] = [];
  const sockets = new Set<Socket>();
  let n = 0;

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
    requests.push(body);
    headers.push(req.headers);
    const reply = queue.shift();
    if (reply?.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.destroyed || req.socket.destroyed) return;
    if (!reply) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'script exhausted: the test expected no more requests' } }));
      return;
    }
    if ('status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body ?? JSON.stringify({ error: { message: `scripted ${reply.status}` } }));
      return;
    }
    const id = `chatcmpl-${++n}`;
    const message: Record<string, unknown> = { role: 'assistant', content: null };
    let finish = 'stop';
    if ('json' in reply) message.content = JSON.stringify(reply.json);
    else if ('text' in reply) message.content = reply.text;
    else {
      finish = 'tool_calls';
      message.tool_calls = reply.toolCalls.map((c, i) => ({
        id: `call_${n}_${i}`, type: 'function',
        function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) },
      }));
    }
    const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
    if (body.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const send = (delta: unknown, finishReason: string | null) => res.write(`data: ${JSON.stringify({
        id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: body.model,
        choices: [{ index: 0, delta, finish_reason: finishReason }],
      })}\n\n`);
      if (message.tool_calls) send({ role: 'assistant', tool_calls: (message.tool_calls as object[]).map((t, index) => ({ index, ...t })) }, null);
      else send({ role: 'assistant', content: message.content }, null);
      send({}, finish);
      res.end('data: [DONE]\n\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
      id, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: body.model,
      choices: [{ index: 0, message, finish_reason: finish }], usage,
    }));
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    headers,
    script: (...replies) => { queue.push(...replies); },
    pending: () => queue.length,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
