/**
 * GET /upload: a page where a trainer picks a USB sync bundle; POST /upload:
 * imports it with importBundleInto and answers in plain words: how many records
 * came, how many were added, how many were already here, or why the file was
 * refused (the bundle is refused whole, so nothing is half-stored).
 *
 * Who may: on a hub with clients, an admin client (HTTP Basic, so the browser
 * asks for the key and secret); on a hub without clients (loopback only),
 * requests addressed to a loopback name only, so a web page that points its own
 * domain name at 127.0.0.1 (DNS rebinding) gets nothing. A POST must carry the
 * page's own token and must not come from another site (Origin, Sec-Fetch-Site).
 * Whoever may upload also sees how forwarding goes (forwardingSection.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BundleError } from '../../core/sync/bundle';
import { BundleConflictError, importBundleInto } from '../importBundle';
import type { LrsStore } from '../lrs/store';
import type { ForwardingSource } from '../forward/forwardReport';
import type { ForwardingView } from './forwardingSection';
import { FormTokens } from './formToken';
import { formBoundary, MultipartError, parseMultipart } from './multipart';
import { PAGE_HEADERS, uploadPage, type Outcome, type PageOptions } from './uploadPage';

/** Bundles past this go through `baraza hub import-bundle` on the hub's computer. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
export interface UploadOptions {
  readonly maxBytes?: number;
  readonly now?: () => number;
  /** The hub's forwarding, shown to those who may upload; without it the page says the hub does not forward. */
  readonly forwarding?: ForwardingSource;
}

/** Any answer other than "imported": a status, the page's words, and whether the visitor may try again here. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly reason: string,
    readonly options: { readonly headers?: Record<string, string>; readonly mayUpload?: boolean } = {},
  ) {
    super(reason);
  }
}

class ClientGone extends Error {}

function isLoopbackHost(host: string | undefined): boolean {
  return /^(127\.0\.0\.1|localhost|\[::1\])(:[0-9]{1,5})?$/i.test(host ?? '');
}

/** The body, or null once it passes `max` bytes (the rest is then read and dropped). */
function readUpTo(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      settled = true;
      chunks.length = 0;
      req.off('data', onData);
      req.resume();
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (!settled) resolve(Buffer.concat(chunks));
      settled = true;
    });
    req.on('close', () => {
      if (!settled) reject(new ClientGone());
      settled = true;
    });
  });
}

/** The file's own name, for the page: no folders, no control characters, not too long. */
function displayName(filename: string): string {
  const base = filename.split(/[/\\]/).pop() ?? '';
  const clean = Array.from(base)
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 120);
  return clean || 'the file';
}

const MIB = 1024 * 1024;

export function createUploadHandler(store: LrsStore, options: UploadOptions = {}): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  const now = options.now ?? Date.now;
  const tokens = new FormTokens();
  // Clients are never removed, so once there is one the page stays closed and need not ask again.
  let hasClients = false;
  const tooLarge = (): Refusal =>
    new Refusal(413, 'This file is too large', `This page takes files up to ${Math.floor(maxBytes / MIB)} MiB. Import a larger bundle with "baraza hub import-bundle FILE" on the hub's computer.`, { mayUpload: true });

  /** The Authorization header a token is bound to (undefined on a hub without clients); throws a Refusal. */
  async function admit(req: IncomingMessage): Promise<string | undefined> {
    await store.ready;
    if (!hasClients) hasClients = (await store.clients.count()) > 0;
    if (!hasClients) {
      if (!isLoopbackHost(req.headers.host)) throw new Refusal(403, 'Not available at this address', 'This hub has no clients yet, so its upload page answers only at http://127.0.0.1 on the hub’s own computer.');
      return undefined;
    }
    const client = await store.clients.authenticate(req.headers.authorization);
    if (!client) {
      throw new Refusal(401, 'Key and secret needed', 'This page needs the key and secret of an admin client of this hub (made with "baraza hub add-client --admin"). Enter them when the browser asks: the key as the user name, the secret as the password.', {
        headers: { 'WWW-Authenticate': 'Basic realm="Baraza hub", charset="UTF-8"' },
      });
    }
    if (!client.admin) throw new Refusal(403, 'An admin client is needed', `The key of "${client.name}" may send its own records but not upload files for everyone. Use the key of an admin client (made with "baraza hub add-client --admin").`);
    return req.headers.authorization;
  }

  /** Browsers say where a POST comes from; a form on another site is refused even before its token is read. */
  function checkSameOrigin(req: IncomingMessage): void {
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    let sameHost = true;
    if (origin !== undefined) {
      try {
        const host = new URL(origin).host;
        sameHost = host !== '' && (host === req.headers.host || host === req.headers['x-forwarded-host']);
      } catch {
        sameHost = false;
      }
    }
    if ((site !== undefined && site !== 'same-origin' && site !== 'none') || !sameHost) {
      throw new Refusal(403, 'Refused: this upload came from another web site', 'Only the upload page of this hub may send files to it. Open the hub’s own upload page and choose the file there.');
    }
  }

  async function receive(req: IncomingMessage, authorization: string | undefined): Promise<Outcome> {
    checkSameOrigin(req);
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') throw new Refusal(415, 'The file could not be read', 'The upload was compressed; send the file with this page’s form as it is.', { mayUpload: true });
    const boundary = formBoundary(req.headers['content-type']);
    if (!boundary) throw new Refusal(415, 'Not an upload from this page', 'The hub takes files here only as this page’s form sends them (multipart/form-data). Choose the file with the form below.', { mayUpload: true });
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (declared > maxBytes) throw tooLarge();
    const body = await readUpTo(req, maxBytes);
    if (body === null) throw tooLarge();
    let parts;
    try {
      parts = parseMultipart(body, boundary);
    } catch (err) {
      if (err instanceof MultipartError) throw new Refusal(400, 'The upload could not be read', err.message, { mayUpload: true });
      throw err;
    }
    const token = parts.find((p) => p.name === 'token')?.data.toString('utf8') ?? '';
    const verdict = tokens.check(authorization, token, now());
    if (verdict === 'expired') throw new Refusal(403, 'The page was open too long', 'For safety, an upload page is good for 12 hours. The page has been refreshed below: choose the file again.', { mayUpload: true });
    if (verdict !== 'ok') throw new Refusal(403, 'Refused: this upload did not come from this hub’s page', 'Uploads must be sent from the hub’s own upload page, with the key and secret used to open it. Choose the file again in the form below.', { mayUpload: true });
    const files = parts.filter((p) => p.name === 'bundle');
    const [file] = files;
    if (files.length > 1) throw new Refusal(400, 'One file at a time', 'Upload one bundle at a time.', { mayUpload: true });
    if (!file || file.filename === undefined || (file.filename === '' && file.data.length === 0)) throw new Refusal(400, 'No file was chosen', 'Choose a sync bundle file, then press Upload.', { mayUpload: true });
    const name = displayName(file.filename);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file.data);
    } catch {
      throw new Refusal(400, `Nothing was imported from ${name}`, 'This file is not text, so it is not a Baraza sync bundle. Choose the .baraza-sync.json file a device saved.', { mayUpload: true });
    }
    // Any other text file would be called "cut short" by the bundle reader, which is true but no help.
    if (text.trim() !== '' && !/^\uFEFF?\s*\{/.test(text)) throw new Refusal(400, `Nothing was imported from ${name}`, 'This file is not a Baraza sync bundle. Choose the .baraza-sync.json file a device saved.', { mayUpload: true });
    try {
      const result = await importBundleInto(store.statements, text);
      return { kind: 'imported', file: name, ...result };
    } catch (err) {
      if (err instanceof BundleError) throw new Refusal(err.reason === 'too-large' ? 413 : 400, `Nothing was imported from ${name}`, err.message, { mayUpload: true });
      if (err instanceof BundleConflictError) throw new Refusal(409, `Nothing was imported from ${name}`, err.message, { mayUpload: true });
      throw err;
    }
  }

  /** Read from this hub's own records and memory only: showing the page never contacts the upstream. */
  async function forwardingView(): Promise<ForwardingView> {
    if (!options.forwarding) return { kind: 'off' };
    try {
      return { kind: 'on', snapshot: await options.forwarding() };
    } catch (err) {
      return { kind: 'unreadable', detail: err instanceof Error ? err.message : String(err) };
    }
  }

  function answer(req: IncomingMessage, res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
    // With a body not read (or not all of it), Node drops the rest and closes the connection after the answer.
    const unread = !req.readableEnded;
    res.writeHead(status, { ...PAGE_HEADERS, 'Content-Length': String(Buffer.byteLength(html)), ...(unread ? { Connection: 'close' } : {}), ...headers });
    res.end(html);
  }

  return async (req, res) => {
    let authorization: string | undefined;
    let admitted = false;
    // Only a visitor who may upload (an admin, or anyone on a loopback-only hub without clients) sees forwarding.
    const formPage = async (): Promise<PageOptions> => ({ maxBytes, token: tokens.issue(authorization, now()), forwarding: { view: await forwardingView(), nowMs: now() } });
    try {
      const method = req.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') throw new Refusal(405, 'Not supported', 'Open this page in a browser and use its form.', { headers: { Allow: 'GET, HEAD, POST' } });
      authorization = await admit(req);
      admitted = true;
      if (method !== 'POST') return answer(req, res, 200, uploadPage(await formPage()));
      const outcome = await receive(req, authorization);
      return answer(req, res, 200, uploadPage(await formPage(), outcome));
    } catch (err) {
      if (err instanceof ClientGone || res.headersSent) return void res.destroy();
      const refusal =
        err instanceof Refusal
          ? err
          : new Refusal(500, 'The hub could not store the records', 'Nothing was imported. Try again in a moment; if it keeps failing, tell whoever looks after this hub.', { mayUpload: true });
      const outcome: Outcome = { kind: 'refused', title: refusal.title, reason: refusal.reason };
      // Answered in the same turn: a later answer to a request whose body is unread made Node refuse the connection's next request.
      const options = admitted && refusal.options.mayUpload === true ? await formPage() : { maxBytes };
      return answer(req, res, refusal.status, uploadPage(options, outcome), refusal.options.headers);
    }
  };
}
