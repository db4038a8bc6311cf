/**
 * Raw HTTP for the hub's tests: paths and headers reach the server exactly as
 * written (fetch would normalise them), and any reply, even a refusal, comes back.
 */
import { request } from 'node:http';

export interface RawReply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

export function rawRequest(url: string, method: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The reply's body as JSON, or null when it has none. */
export function replyJson(reply: RawReply): unknown {
  return reply.body.length > 0 ? (JSON.parse(reply.body.toString('utf8')) as unknown) : null;
}
