/**
 * The web host: serves the built renderer and installed packs over HTTP on
 * loopback, and implements HostApi at POST /api/host/<method>, so the same app
 * runs in an ordinary browser. Pack files to install arrive by upload.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, realpath, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { HostHandlers, PackSource } from '../core/host';
import { dispatchHostCall, HostCallError } from '../core/host';
import { PACK_RESPONSE_HEADERS, readPackFile } from '../services/packs/files';
import { createBundleHandlers } from '../services/bundles/hostBundles';
import { createPackHandlers } from '../services/packs/hostPacks';
import type { Library } from '../services/packs/library';

export interface WebHostOptions {
  readonly rendererRoot: string;
  readonly library: Library;
  /** Where uploaded packs wait to be installed. */
  readonly uploadDir: string;
  readonly version: string;
}

const MAX_BODY = 1024 * 1024;
const MAX_UPLOAD = 2 * 1024 * 1024 * 1024;

const APP_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const STATIC_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export function webHostHandlers(options: WebHostOptions): HostHandlers {
  const uploadPath = (id: string): string => join(options.uploadDir, `${id}.baraza`);
  return {
    appInfo: async () => ({
      name: 'Baraza',
      version: options.version,
      host: 'web',
      platform: 'web',
      packBaseUrl: 'packs/',
      capabilities: { nativeFileDialogs: false, printToPdf: false, removableDrives: false },
    }),
    ...createPackHandlers({
      library: options.library,
      appVersion: options.version,
      resolveSource: async (source: PackSource) => {
        if (source.kind !== 'upload') throw new HostCallError('bad-arguments', 'The web host installs uploaded packs only');
        const path = uploadPath(source.uploadId);
        if (!(await stat(path).catch(() => null))) throw new HostCallError('not-found', 'That upload is no longer here; upload the file again');
        return { path, name: 'upload.baraza', release: () => rm(path, { force: true }) };
      },
      choosePackFiles: () => Promise.reject(new HostCallError('unsupported', 'Choose the file in the browser and upload it')),
    }),
    ...createBundleHandlers({}),
  };
}

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string>): void {
  res.writeHead(status, { 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...APP_HEADERS });
}

/**
 * The body as text, or null when it is over MAX_BODY. An oversized body is still
 * read to its end (up to a hard cap) so the client sees the 413 instead of a reset.
 */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY * 16) break;
    if (size <= MAX_BODY) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8');
}

/** Streams an uploaded pack to disk, refusing more than MAX_UPLOAD bytes. */
async function receiveUpload(req: IncomingMessage, dir: string): Promise<string | null> {
  await mkdir(dir, { recursive: true });
  const id = randomUUID();
  const path = join(dir, `${id}.baraza`);
  let size = 0;
  try {
    await pipeline(
      req,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          size += chunk.length;
          if (size > MAX_UPLOAD) throw new Error('too large');
          yield chunk;
        }
      },
      createWriteStream(path, { flags: 'wx' }),
    );
    return id;
  } catch {
    await rm(path, { force: true });
    return null;
  }
}

async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return send(res, 400, 'Bad request', { 'Content-Type': 'text/plain; charset=utf-8' });
  }
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const safe = !relative.split('/').some((s) => s === '..' || s.startsWith('.')) && !relative.includes('\\') && !relative.includes('\0');
  if (safe) {
    try {
      const base = await realpath(root);
      const file = await realpath(join(base, relative));
      if (file.startsWith(base + sep) && (await stat(file)).isFile()) {
        const type = STATIC_TYPES[extname(file)] ?? 'application/octet-stream';
        const cache = relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
        return send(res, 200, await readFile(file), { 'Content-Type': type, 'Cache-Control': cache, ...APP_HEADERS });
      }
    } catch {
      // Not found: fall through to 404.
    }
  }
  send(res, 404, 'Not found', { 'Content-Type': 'text/plain; charset=utf-8', ...APP_HEADERS });
}

export function createWebHost(options: WebHostOptions): Server {
  const handlers = webHostHandlers(options);
  return createServer((req, res) => {
    void route(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'failed', message: 'Internal error' } });
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (path === '/api/packs/upload') {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'bad-arguments', message: 'Use POST' } });
      const uploadId = await receiveUpload(req, options.uploadDir);
      if (!uploadId) return sendJson(res, 413, { ok: false, error: { code: 'bad-arguments', message: 'The upload failed or is larger than 2 GiB' } });
      return sendJson(res, 200, { ok: true, value: { kind: 'upload', uploadId } });
    }
    if (path.startsWith('/api/host/')) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'bad-arguments', message: 'Use POST' } });
      const body = await readBody(req);
      if (body === null) return sendJson(res, 413, { ok: false, error: { code: 'bad-arguments', message: 'Request body too large' } });
      let args: unknown;
      try {
        args = body.length === 0 ? [] : JSON.parse(body);
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'bad-arguments', message: 'Body is not valid JSON' } });
      }
      const reply = await dispatchHostCall(handlers, path.slice('/api/host/'.length), args);
      const code = reply.ok ? null : reply.error.code;
      const status = code === null ? 200 : code === 'unknown-method' || code === 'not-found' ? 404 : code === 'bad-arguments' || code === 'unsupported' ? 400 : 500;
      return sendJson(res, status, reply);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', { Allow: 'GET, HEAD', ...APP_HEADERS });
    if (path.startsWith('/packs/')) {
      const result = await readPackFile(options.library.resolve, path.slice('/packs/'.length));
      if (!result.ok) return send(res, 404, 'Not found', { 'Content-Type': 'text/plain; charset=utf-8', ...PACK_RESPONSE_HEADERS });
      return send(res, 200, result.data, { 'Content-Type': result.mimeType, ...PACK_RESPONSE_HEADERS });
    }
    return serveStatic(options.rendererRoot, path, res);
  }
}
