/**
 * A real HTTP proxy on 127.0.0.1 between one device and the hub that loses
 * traffic the ways a poor network does: the request never arrives, or the hub
 * handles it and the reply is lost whole or cut off half-way, or the request
 * reaches the hub twice (a retransmitting middlebox). The device sees
 * real socket errors from its own fetch, not simulated ones. While the hub is
 * down (between a close and a restart) the proxy answers 502, as a reverse proxy would.
 */
import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'pass' | 'lose-request' | 'lose-reply' | 'cut-reply' | 'duplicate';

export const FAULTS: readonly Fault[] = ['pass', 'lose-request', 'lose-reply', 'cut-reply', 'duplicate'];

/** Of the requests that get through, this share reaches the hub twice. */
const DUPLICATE_RATE = 0.05;

/**
 * Half the losses before the hub sees the request, half after it has answered (a third of
 * those cut mid-body); beyond the losses, a few requests are delivered twice.
 */
export function faultPicker(random: () => number, lossRate: number): () => Fault {
  return () => {
    const r = random();
    if (r < lossRate / 2) return 'lose-request';
    if (r < (lossRate * 5) / 6) return 'lose-reply';
    if (r < lossRate) return 'cut-reply';
    if (r < lossRate + DUPLICATE_RATE) return 'duplicate';
    return 'pass';
  };
}

export interface FlakyLink {
  /** http://127.0.0.1:PORT, to use in place of the hub's origin. */
  readonly origin: string;
  /**
   * How many requests met each fault, how many found the hub down, and how many
   * POSTs the hub accepted (200) whose reply was then lost: the case that makes a device resend.
   */
  readonly counts: Record<Fault | 'hub-down' | 'stored-reply-lost', number>;
  close(): Promise<void>;
}

// Connection-level headers belong to one hop; the proxy makes its own connections.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade']);

function forwardable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

function hubDown(res: ServerResponse): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(502, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: 'The hub is not answering' }));
}

/**
 * Forwards to whatever `upstream()` names at the time of each request (the hub's
 * origin, which changes on restart; null while it is down).
 */
export async function startFlakyLink(upstream: () => string | null, nextFault: () => Fault): Promise<FlakyLink> {
  const counts: FlakyLink['counts'] = { pass: 0, 'lose-request': 0, 'lose-reply': 0, 'cut-reply': 0, duplicate: 0, 'hub-down': 0, 'stored-reply-lost': 0 };
  // A fresh connection to the hub for every request, so closing the hub never waits on the proxy's idle sockets.
  const agent = new Agent({ keepAlive: false });
  const server = createServer((req, res) => {
    const fault = nextFault();
    counts[fault]++;
    if (fault === 'lose-request') return void req.socket.destroy();
    const hub = upstream();
    if (!hub) {
      counts['hub-down']++;
      req.resume();
      return hubDown(res);
    }
    if (fault === 'duplicate') return void deliverTwice(req, res, hub, agent);
    const out = request(new URL(req.url ?? '/', hub), { method: req.method, headers: forwardable(req.headers), agent }, (reply) => {
      const chunks: Buffer[] = [];
      reply.on('data', (chunk: Buffer) => chunks.push(chunk));
      reply.on('error', () => hubDown(res));
      reply.on('end', () => {
        // The hub has handled the request (and stored what it was sent) by now.
        const body = Buffer.concat(chunks);
        if (fault !== 'pass' && req.method === 'POST' && reply.statusCode === 200) counts['stored-reply-lost']++;
        if (fault === 'lose-reply' || (fault === 'cut-reply' && body.length < 2)) return void res.socket?.destroy();
        res.writeHead(reply.statusCode ?? 502, { ...forwardable(reply.headers), 'content-length': String(body.length) });
        if (fault === 'cut-reply') return void res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
        res.end(body);
      });
    });
    out.on('error', () => {
      counts['hub-down']++;
      hubDown(res);
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          agent.destroy();
          resolve();
        });
      }),
  };
}

/** Sends the same request to the hub twice, one after the other, and passes on the second answer. */
function deliverTwice(req: IncomingMessage, res: ServerResponse, hub: string, agent: Agent): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const once = (done: (status: number, headers: IncomingHttpHeaders, reply: Buffer) => void): void => {
      const out = request(new URL(req.url ?? '/', hub), { method: req.method, headers: forwardable(req.headers), agent }, (reply) => {
        const parts: Buffer[] = [];
        reply.on('data', (chunk: Buffer) => parts.push(chunk));
        reply.on('error', () => hubDown(res));
        reply.on('end', () => done(reply.statusCode ?? 502, reply.headers, Buffer.concat(parts)));
      });
      out.on('error', () => hubDown(res));
      out.end(body);
    };
    once(() =>
      once((status, headers, reply) => {
        res.writeHead(status, { ...forwardable(headers), 'content-length': String(reply.length) });
        res.end(reply);
      }),
    );
  });
}
