/**
 * The two schemes the renderer loads from: app://baraza/ (the built UI) and
 * pack://<packId>/<path> (installed pack files). Handlers are plain
 * Request → Response functions with no runtime 'electron' import, so tests call them directly.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { PACK_RESPONSE_HEADERS, readPackFile, type PackDirResolver } from '../services/packs/files';
import { APP_HOST, APP_ORIGIN, CONTENT_SECURITY_POLICY } from './security';

export type ProtocolHandler = (request: Request) => Promise<Response>;

export const PRIVILEGED_SCHEMES: CustomScheme[] = [
  // codeCache: V8 keeps compiled UI scripts between launches, which matters on old laptops.
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  // corsEnabled: the UI (origin app://baraza) fetches pack JSON cross-origin; without it Electron blocks the read.
  { scheme: 'pack', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
];

const PACK_HEADERS: Readonly<Record<string, string>> = { ...PACK_RESPONSE_HEADERS, 'Access-Control-Allow-Origin': APP_ORIGIN };
const APP_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

const APP_MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** The still-encoded `packId/dir/file` part of a pack:// URL, or null when the URL is not a plain pack URL. */
export function packRawPath(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'pack:' || parsed.port !== '' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.host + parsed.pathname;
}

/** pack://<packId>/<path>: installed pack files, contained by services/packs/files.ts. */
export function createPackHandler(resolvePackDir: PackDirResolver): ProtocolHandler {
  return async (request) => {
    if (!isRead(request)) return plain(405, PACK_HEADERS);
    const rawPath = packRawPath(request.url);
    const result = rawPath === null ? null : await readPackFile(resolvePackDir, rawPath);
    if (!result?.ok) return plain(404, PACK_HEADERS);
    const headers = { ...PACK_HEADERS, 'Content-Type': result.mimeType };
    return new Response(request.method === 'HEAD' ? null : responseBody(result.data), { status: 200, headers });
  };
}

/**
 * Decoded path segments of an app://baraza/ URL (`[]` for the root), or null for
 * anything that could name a file outside the renderer folder or a hidden file.
 */
export function appPathSegments(url: string): string[] | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'app:' || parsed.host !== APP_HOST || parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.pathname === '' || parsed.pathname === '/') return [];
  if (!parsed.pathname.startsWith('/')) return null;
  let decoded: string;
  try {
    // Decoded once: a second layer (%252e) stays a literal '%' and is refused below.
    decoded = decodeURIComponent(parsed.pathname.slice(1));
  } catch {
    return null;
  }
  // ':' rules out drive letters and alternate data streams; '\' is a separator on Windows; \p{Cc} covers NUL.
  if (/[\\:%\p{Cc}]/u.test(decoded)) return null;
  const segments = decoded.endsWith('/') ? decoded.slice(0, -1).split('/') : decoded.split('/');
  return segments.every((s) => s !== '' && !s.startsWith('.')) ? segments : null;
}

type AppFile = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'missing' | 'outside' };

async function findAppFile(root: string, segments: readonly string[]): Promise<AppFile> {
  try {
    const file = await realpath(join(root, ...segments));
    // A symlink may lead anywhere; only what really sits under the renderer folder is served.
    if (!file.startsWith(root + sep)) return { kind: 'outside' };
    return (await stat(file)).isFile() ? { kind: 'file', path: file } : { kind: 'missing' };
  } catch {
    return { kind: 'missing' };
  }
}

export function createAppHandler(rendererRoot: string): ProtocolHandler {
  return async (request) => {
    if (!isRead(request)) return plain(405, APP_HEADERS);
    const segments = appPathSegments(request.url);
    if (segments === null) return plain(404, APP_HEADERS);
    let root: string;
    try {
      root = await realpath(rendererRoot);
    } catch {
      return plain(404, APP_HEADERS);
    }
    let found = await findAppFile(root, segments.length === 0 ? ['index.html'] : segments);
    // Client-side routes (no file extension) get the UI's entry page; a missing asset stays a 404.
    const last = segments.at(-1);
    if (found.kind === 'missing' && (last === undefined || extname(last) === '')) found = await findAppFile(root, ['index.html']);
    if (found.kind !== 'file') return plain(404, APP_HEADERS);
    const headers = { ...APP_HEADERS, 'Content-Type': APP_MIME_TYPES[extname(found.path).toLowerCase()] ?? 'application/octet-stream' };
    return new Response(request.method === 'HEAD' ? null : responseBody(await readFile(found.path)), { status: 200, headers });
  };
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isRead(request: Request): boolean {
  return request.method === 'GET' || request.method === 'HEAD';
}

function plain(status: 404 | 405, headers: Readonly<Record<string, string>>): Response {
  const text = status === 404 ? 'Not found' : 'Method not allowed';
  return new Response(text, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** A view of the file's bytes that Response accepts, without copying when the buffer is a plain ArrayBuffer. */
function responseBody(data: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = data;
  return buffer instanceof ArrayBuffer ? new Uint8Array(buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}
