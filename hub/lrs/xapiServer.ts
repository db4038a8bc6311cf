/**
 * The xAPI resources at /xapi/: Statements, State and About. Every response carries
 * X-Experience-API-Version; a request without a supported version is refused.
 * Bad input is always a 4xx with a reason, never a crash or a stack trace.
 * Storage is reached only through the async LrsStore, so either engine serves.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_ENCODINGS_EXTENSION } from '../../core/sync/protocol';
import { StatementError, agentKey } from '../../core/xapi/validate';
import type { Client } from './clients';
import { checkVersion, HttpError, readBody, send } from './httpIo';
import { RateLimiter, rateFromEnv, type RateLimit } from './rateLimit';
import { CONSISTENT_THROUGH, createStatementResource } from './statementResource';
import { ConflictError } from './statementRows';
import { handleStateRequest } from './stateResource';
import type { LrsStore } from './store';

export { XAPI_VERSION_HEADER } from './httpIo';

export interface XapiOptions {
  /** Requests per client; by default BARAZA_HUB_RATE, else 300 at once and 100 a second. */
  readonly rate?: RateLimit | 'off';
}

/** The agent a State request names, as a key; null when absent or unreadable (the State handler then says why). */
function parseAgentParam(value: string | null): string | null {
  if (value === null) return null;
  try {
    return agentKey(JSON.parse(value));
  } catch {
    return null;
  }
}

/** Stands for every request while the hub has no clients yet (it then serves loopback only). */
const OPEN_HUB: Client = { key: '', name: 'open', admin: true };

/**
 * Consistent-Through for an answer that is not a success. Every statement stored
 * by 1970 is visible, so this value is always true; it is used where asking the
 * store would cost an overloaded or failing hub more work (429, 5xx, no client yet).
 */
const ALWAYS_TRUE_THROUGH = new Date(0).toISOString();

export function createXapiHandler(store: LrsStore, options: XapiOptions = {}): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const { clients } = store;
  const limiter = new RateLimiter(options.rate ?? rateFromEnv());
  const statements = createStatementResource(store);
  // Clients are never removed, so once there is one the hub stays closed and need not ask again.
  let hasClients = false;

  /** The client making the request; throws 401 or 429. */
  async function authorize(req: IncomingMessage): Promise<Client> {
    if (!hasClients) hasClients = (await clients.count()) > 0;
    if (!hasClients) return OPEN_HUB;
    const client = await clients.authenticate(req.headers.authorization);
    if (!client) throw new HttpError(401, 'This hub needs the key and secret it gave this device (HTTP Basic)', { 'WWW-Authenticate': 'Basic realm="Baraza hub"' });
    const admission = limiter.admit(client.key, Date.now());
    if (!admission.ok) throw new HttpError(429, `Too many requests from this client; wait ${admission.retryAfterSeconds} s and try again`, { 'Retry-After': String(admission.retryAfterSeconds) });
    return client;
  }

  async function throughAfter(err: unknown, authorized: boolean): Promise<string> {
    const clientError = err instanceof StatementError || err instanceof ConflictError || (err instanceof HttpError && err.status < 500 && err.status !== 429);
    if (!authorized || !clientError) return ALWAYS_TRUE_THROUGH;
    return store.statements.consistentThrough().catch(() => ALWAYS_TRUE_THROUGH);
  }

  return async (req, res, url) => {
    const path = url.pathname.replace(/\/+$/, '');
    let authorized = false;
    try {
      // A browser's preflight carries no version header; it only asks what is allowed.
      if (req.method === 'OPTIONS') return await send(res, 204, undefined);
      if (path === '/xapi/about') {
        // HEAD is answered as GET; Node sends no body for it.
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Use GET or HEAD');
        return await send(res, 200, { version: ['2.0.0', '1.0.3'], extensions: { [REQUEST_ENCODINGS_EXTENSION]: ['gzip', 'deflate'] } });
      }
      checkVersion(req);
      // Nothing stored can hold U+0000 (PostgreSQL's text cannot), so a parameter with it matches nothing and is refused.
      for (const [name, value] of url.searchParams) if (value.includes('\u0000')) throw new HttpError(400, `${name} must not contain the character U+0000`);
      await store.ready;
      const client = await authorize(req);
      authorized = true;
      if (path === '/xapi/statements') return await statements(req, res, url, client);
      if (path === '/xapi/activities/state') {
        const agent = parseAgentParam(url.searchParams.get('agent'));
        if (agent && !(await clients.mayAccess(client, agent))) {
          if (req.method === 'PUT' || req.method === 'POST') await clients.enrol(client, [agent]);
          else throw new HttpError(403, 'This client has no records for that agent');
        }
        const reply = await handleStateRequest(store.states, { method: req.method ?? 'GET', params: url.searchParams, headers: req.headers, readBody: () => readBody(req) });
        return await send(res, reply.status, reply.body, { headers: reply.headers });
      }
      throw new HttpError(404, `No xAPI resource at ${url.pathname}`);
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      // xAPI Communication 2.1.3: the header is on every Statements answer, "regardless of the code returned".
      const through: Record<string, string> = path === '/xapi/statements' ? { [CONSISTENT_THROUGH]: await throughAfter(err, authorized) } : {};
      if (err instanceof HttpError) return send(res, err.status, { error: err.message }, { headers: { ...err.headers, ...through } });
      if (err instanceof StatementError) return send(res, 400, { error: err.message }, { headers: through });
      if (err instanceof ConflictError) return send(res, 409, { error: err.message }, { headers: through });
      // Anything else is our fault (or the database's): say so without details.
      return send(res, 500, { error: 'The hub could not handle this request' }, { headers: through });
    }
  };
}
