/** For the upload page's tests: forms built by hand (so they can be wrong), and the page read back. */
import { randomUUID } from 'node:crypto';
import { makeBundle } from '../../core/sync/bundle';
import { sectionRead, type EventEnvelope } from '../../core/xapi/statement';
import { rawRequest, type RawReply } from '../lrs/rawHttp';

export type Json = Record<string, unknown>;

export const BOUNDARY = '----BarazaTestBoundary7MA4YWxkTrZu0gW';

let made = 0;

/** A statement no other one equals (its own id and section). */
export function statement(): Json {
  made++;
  const env: EventEnvelope = { id: randomUUID(), timestamp: '2026-11-27T08:00:00.000Z', learner: { id: 'L1', name: 'Amina' }, language: 'en' };
  return JSON.parse(JSON.stringify(sectionRead(env, { packId: 'p', moduleId: 'm', sectionId: `s${made}` }))) as Json;
}

export const bundleOf = (list: readonly Json[]): string => makeBundle(list, '6f1c2a4e-93b1-4d1e-a5a0-0c2f7d9e1b3a', new Date('2026-11-27T09:00:00.000Z'));

export interface Part {
  readonly name: string;
  readonly filename?: string;
  readonly data: string | Buffer;
}

/** A multipart/form-data body as a browser sends it. */
export function formBody(parts: readonly Part[], boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const file = p.filename === undefined ? '' : `; filename="${p.filename.replace(/"/g, '%22')}"\r\nContent-Type: application/json`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${file}\r\n\r\n`), Buffer.from(p.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** The token in the page's form, or null when the page has no form. */
export function tokenIn(reply: RawReply): string | null {
  return /name="token" value="([^"]*)"/.exec(reply.body.toString('utf8'))?.[1] ?? null;
}

/** The page's words without markup, for matching sentences. */
export const textOf = (reply: RawReply): string =>
  reply.body
    .toString('utf8')
    .replace(/<style>[^<]*<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/\s+/g, ' ');

export function basic(key: string, secret: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` };
}

export interface Uploader {
  /** GETs the page and returns its token (fails the test if there is none). */
  token(headers?: Record<string, string>): Promise<string>;
  /** POSTs a bundle's text the way the page's form does, with the Origin a browser would send. */
  send(text: string | Buffer, options?: { token?: string; filename?: string; headers?: Record<string, string> }): Promise<RawReply>;
  raw(method: string, body?: string | Buffer, headers?: Record<string, string>, path?: string): Promise<RawReply>;
}

export function uploader(base: string, credentials: Record<string, string> = {}): Uploader {
  const raw = (method: string, body?: string | Buffer, headers: Record<string, string> = {}, path = '/upload'): Promise<RawReply> => rawRequest(`${base}${path}`, method, body, { ...credentials, ...headers });
  const self: Uploader = {
    raw,
    async token(headers = {}) {
      const page = await raw('GET', undefined, headers);
      const token = tokenIn(page);
      if (!token) throw new Error(`The upload page (${page.status}) has no form`);
      return token;
    },
    async send(text, options = {}) {
      const token = options.token ?? (await self.token());
      const body = formBody([
        { name: 'token', data: token },
        { name: 'bundle', filename: options.filename ?? 'learners.baraza-sync.json', data: text },
      ]);
      return raw('POST', body, { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, Origin: base, 'Sec-Fetch-Site': 'same-origin', ...options.headers });
    },
  };
  return self;
}
