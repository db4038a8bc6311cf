/**
 * For forwarding tests: an HTTP proxy on 127.0.0.1 in front of a real upstream
 * hub that can fail the way networks and LRSs fail: be down, lose the reply after
 * the upstream stored the batch, answer garbage or the wrong ids, fail with 500,
 * answer too slowly, redirect, refuse one statement. It also records what was
 * POSTed, so a test can say what crossed the wire.
 */
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export type Fault =
  /** The connection is cut before anything reaches the upstream. */
  | { readonly kind: 'down' }
  /** The upstream gets the request (and stores the batch); the reply is lost. */
  | { readonly kind: 'drop-reply' }
  /** The upstream gets the request; the client gets this status and body instead of its reply. */
  | { readonly kind: 'replace-reply'; readonly status: number; readonly body: string; readonly headers?: Record<string, string> }
  /** Answered here, never reaching the upstream. */
  | { readonly kind: 'answer'; readonly status: number; readonly body: string; readonly headers?: Record<string, string> }
  /** The upstream's reply, held back this long. */
  | { readonly kind: 'delay'; readonly ms: number };

export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The body as text, unpacked when it came gzipped. */
  readonly text: string;
}

export interface FaultyProxy {
  /** http://127.0.0.1:PORT/xapi/ */
  readonly endpoint: string;
  /** Decides each request's fate; null passes it through untouched. */
  rule: (req: ProxiedRequest) => Fault | null;
  /** Every statement id POSTed through the proxy, in order, repeats included. */
  readonly postedIds: string[];
  /** The POSTs to /xapi/statements seen, whatever their fate. */
  readonly posts: ProxiedRequest[];
  close(): Promise<void>;
}

interface UpstreamReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

function relay(target: URL, req: ProxiedRequest): Promise<UpstreamReply> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host };
    const out = request(new URL(req.path, target), { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(req.body);
  });
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string | string[] | undefined> = {}): void {
  const { 'content-length': _length, 'transfer-encoding': _te, connection: _c, 'keep-alive': _ka, ...rest } = headers;
  res.writeHead(status, { ...rest, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function unpacked(headers: IncomingHttpHeaders, body: Buffer): string {
  try {
    return (headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8');
  } catch {
    return '';
  }
}

function statementIds(req: ProxiedRequest): string[] {
  try {
    const list: unknown = JSON.parse(req.text);
    return Array.isArray(list) ? list.map((s: unknown) => (typeof s === 'object' && s !== null && 'id' in s ? String(s.id) : '')) : [];
  } catch {
    return [];
  }
}

/** A proxy to `upstreamBase` (http://127.0.0.1:PORT); starts passing everything through. */
export async function startFaultyProxy(upstreamBase: string): Promise<FaultyProxy> {
  const target = new URL(upstreamBase);
  const postedIds: string[] = [];
  const posts: ProxiedRequest[] = [];
  const proxy: { rule: FaultyProxy['rule'] } = { rule: () => null };
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const seen: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, text: unpacked(req.headers, body) };
      if (seen.method === 'POST' && seen.path.startsWith('/xapi/statements')) {
        posts.push(seen);
        postedIds.push(...statementIds(seen));
      }
      const fault = proxy.rule(seen);
      if (fault?.kind === 'down') return void req.socket.destroy();
      if (fault?.kind === 'answer') return answer(res, fault.status, fault.body, fault.headers);
      const reply = await relay(target, seen);
      if (fault?.kind === 'drop-reply') return void req.socket.destroy();
      if (fault?.kind === 'replace-reply') return answer(res, fault.status, fault.body, fault.headers);
      if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
      if (res.destroyed) return;
      answer(res, reply.status, reply.body, reply.headers);
    })().catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/xapi/`,
    get rule() {
      return proxy.rule;
    },
    set rule(value) {
      proxy.rule = value;
    },
    postedIds,
    posts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
