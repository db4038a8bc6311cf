/**
 * The xAPI resources at /xapi/: Statements, State and About. Every response carries
 * X-Experience-API-Version; a request without a supported version is refused.
 * Bad input is always a 4xx with a reason, never a crash or a stack trace.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatementError, validateStatement, agentKey } from '../../core/xapi/validate';
import type { Client, ClientRegistry } from './clients';
import { ConflictError, type StatementFilter, type StatementStore } from './statementStore';
import { handleStateRequest } from './stateResource';
import { StateStore } from './stateStore';

export const XAPI_VERSION_HEADER = 'X-Experience-API-Version';
const SERVED_VERSION = '2.0.0';
const MAX_BODY = 4 * 1024 * 1024;
const MAX_LIMIT = 500;

type Json = Record<string, unknown>;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The app reaches the hub from its own origin (app://baraza, or the web host), so
 * the hub answers cross-origin requests. It uses no cookies: access rests on the
 * Authorization header alone, which a page cannot send without being given it.
 */
const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, PUT, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match',
  'Access-Control-Expose-Headers': 'X-Experience-API-Version, X-Experience-API-Consistent-Through, ETag, Last-Modified',
  'Access-Control-Max-Age': '600',
};

/** A Buffer body goes out as-is (its Content-Type in `extra`); anything else as JSON. */
function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const raw = Buffer.isBuffer(body);
  const payload = raw ? body : Buffer.from(body === undefined ? '' : JSON.stringify(body));
  res.writeHead(status, {
    ...CORS_HEADERS,
    [XAPI_VERSION_HEADER]: SERVED_VERSION,
    'X-Experience-API-Consistent-Through': new Date().toISOString(),
    ...(payload.length > 0 && !raw ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
    'Content-Length': String(payload.length),
    ...extra,
  });
  res.end(payload);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) throw new HttpError(400, 'Content-Type must be application/json');
  const body = await readBody(req);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'The body is not valid JSON');
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized body is still drained (up to a hard cap) so the client reads the 413, not a reset.
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY * 4) break;
    if (size <= MAX_BODY) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY) throw new HttpError(413, `The body is larger than ${MAX_BODY} bytes`);
  return Buffer.concat(chunks);
}

function checkVersion(req: IncomingMessage): void {
  const version = req.headers[XAPI_VERSION_HEADER.toLowerCase()];
  if (typeof version !== 'string') throw new HttpError(400, `The ${XAPI_VERSION_HEADER} header is missing`);
  if (!/^(1\.0(\.[0-9]+)?|2\.0(\.[0-9]+)?)$/.test(version)) throw new HttpError(400, `xAPI version ${version} is not supported (2.0.0 and 1.0.x are)`);
}

function parseFilter(params: URLSearchParams): StatementFilter {
  const one = (name: string): string | undefined => params.get(name) ?? undefined;
  const filter: { -readonly [K in keyof StatementFilter]: StatementFilter[K] } = { limit: 100 };
  const agent = one('agent');
  if (agent !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(agent);
    } catch {
      throw new HttpError(400, 'agent must be an Agent or Group as JSON');
    }
    const key = agentKey(parsed);
    if (!key) throw new HttpError(400, 'agent must have an identifier (mbox, mbox_sha1sum, openid or account)');
    filter.agentKey = key;
  }
  for (const name of ['verb', 'activity', 'registration'] as const) {
    const value = one(name);
    if (value !== undefined) filter[name] = value;
  }
  for (const name of ['since', 'until'] as const) {
    const value = one(name);
    if (value === undefined) continue;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new HttpError(400, `${name} must be an ISO 8601 date and time`);
    filter[name] = date.toISOString();
  }
  const limit = one('limit');
  if (limit !== undefined) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 0) throw new HttpError(400, 'limit must be a whole number');
    filter.limit = n === 0 ? MAX_LIMIT : Math.min(n, MAX_LIMIT);
  }
  const ascending = one('ascending');
  if (ascending !== undefined && ascending !== 'true' && ascending !== 'false') throw new HttpError(400, 'ascending must be true or false');
  filter.ascending = ascending === 'true';
  const format = one('format');
  if (format !== undefined && !['exact', 'ids', 'canonical'].includes(format)) throw new HttpError(400, 'format must be exact, ids or canonical');
  return filter;
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

const QUERY_PARAMS = new Set(['agent', 'verb', 'activity', 'registration', 'since', 'until', 'limit', 'ascending', 'format', 'related_agents', 'related_activities', 'attachments']);

/** Only the identifier of each agent, as format=ids asks. */
function idsOnly(statement: Json): Json {
  const strip = (a: unknown): unknown => {
    if (typeof a !== 'object' || a === null) return a;
    const { name: _name, member, ...rest } = a as Json;
    return Array.isArray(member) ? { ...rest, member: member.map(strip) } : rest;
  };
  const object = statement.object as Json;
  return { ...statement, actor: strip(statement.actor), ...(object.objectType === 'Agent' || object.objectType === 'Group' ? { object: strip(object) } : {}) };
}

/** Requests a client may make in a burst, and how fast the allowance comes back. */
const RATE_BURST = 300;
const RATE_PER_SECOND = 100;

/** Stands for every request while the hub has no clients yet (it then serves loopback only). */
const OPEN_HUB: Client = { key: '', name: 'open', admin: true };

export function createXapiHandler(
  store: StatementStore,
  states: StateStore,
  clients: ClientRegistry,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const buckets = new Map<string, { tokens: number; at: number }>();

  /** The client making the request; throws 401 or 429. */
  function authorize(req: IncomingMessage): Client {
    if (clients.count() === 0) return OPEN_HUB;
    const client = clients.authenticate(req.headers.authorization);
    if (!client) throw new HttpError(401, 'This hub needs the key and secret it gave this device (HTTP Basic)');
    const now = Date.now();
    const bucket = buckets.get(client.key) ?? { tokens: RATE_BURST, at: now };
    bucket.tokens = Math.min(RATE_BURST, bucket.tokens + ((now - bucket.at) / 1000) * RATE_PER_SECOND) - 1;
    bucket.at = now;
    buckets.set(client.key, bucket);
    if (bucket.tokens < 0) throw new HttpError(429, 'Too many requests from this client; wait a moment and try again');
    return client;
  }

  // A `more` link names the query it continues; it lives as long as the process.
  const cursors = new Map<string, { filter: StatementFilter; format: string; client: string }>();

  /**
   * Writing a learner's statements enrols that learner with the client. A client
   * may void only statements of its own learners.
   */
  function admit(client: Client, list: readonly Record<string, unknown>[]): void {
    for (const s of list) {
      const object = s.object as Record<string, unknown>;
      if (object.objectType !== 'StatementRef') continue;
      const target = store.get(String(object.id), false) ?? store.get(String(object.id), true);
      if (target && !clients.mayAccess(client, agentKey(target.actor) ?? '')) throw new HttpError(403, 'This client may not void another client\'s statements');
    }
    clients.enrol(client, list.map((s) => agentKey(s.actor)).filter((k): k is string => k !== null));
  }

  async function statements(req: IncomingMessage, res: ServerResponse, url: URL, client: Client): Promise<void> {
    const params = url.searchParams;
    if (req.method === 'PUT') {
      const id = params.get('statementId');
      if (!id) throw new HttpError(400, 'PUT needs a statementId parameter');
      const statement = validateStatement(await readJson(req));
      if (statement.id !== undefined && String(statement.id).toLowerCase() !== id.toLowerCase()) throw new HttpError(400, 'statementId does not match the statement id');
      validateStatement({ ...statement, id });
      admit(client, [statement]);
      store.insert([{ ...statement, id }]);
      return send(res, 204, undefined);
    }
    if (req.method === 'POST') {
      const body = await readJson(req);
      const list = Array.isArray(body) ? body : [body];
      if (list.length === 0) throw new HttpError(400, 'The body holds no statement');
      const checked = list.map((s, i) => validateStatement(s, Array.isArray(body) ? `statements[${i}]` : 'statement'));
      admit(client, checked);
      return send(res, 200, store.insert(checked));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Use GET, PUT or POST');
    const more = params.get('more');
    if (more !== null) {
      const [token, after] = more.split(':');
      const cursor = token ? cursors.get(token) : undefined;
      if (!cursor || !after || !/^\d+$/.test(after)) throw new HttpError(400, 'That more link has expired; run the query again');
      if (cursor.client !== client.key) throw new HttpError(400, 'That more link belongs to another client');
      return page(res, { ...cursor.filter, after: Number(after) }, cursor.format, token ?? '');
    }
    const statementId = params.get('statementId');
    const voidedId = params.get('voidedStatementId');
    if (statementId !== null || voidedId !== null) {
      if (statementId !== null && voidedId !== null) throw new HttpError(400, 'Use statementId or voidedStatementId, not both');
      for (const name of params.keys()) {
        if (!['statementId', 'voidedStatementId', 'format', 'attachments'].includes(name)) throw new HttpError(400, `${name} cannot be combined with a statement id`);
      }
      const found = store.get(statementId ?? voidedId ?? '', voidedId !== null);
      // Another client's statement is answered as absent, so ids reveal nothing.
      if (!found || !clients.mayAccess(client, agentKey(found.actor) ?? '')) throw new HttpError(404, 'No such statement');
      return send(res, 200, params.get('format') === 'ids' ? idsOnly(found) : found, { 'Last-Modified': new Date(String(found.stored)).toUTCString() });
    }
    for (const name of params.keys()) if (!QUERY_PARAMS.has(name)) throw new HttpError(400, `${name} is not a statement query parameter`);
    const asked = parseFilter(params);
    const filter: StatementFilter = client.admin ? asked : { ...asked, actors: clients.learnersOf(client) };
    const token = crypto.randomUUID();
    cursors.set(token, { filter, format: params.get('format') ?? 'exact', client: client.key });
    if (cursors.size > 10_000) cursors.delete(cursors.keys().next().value ?? '');
    return page(res, filter, params.get('format') ?? 'exact', token);
  }

  function page(res: ServerResponse, filter: StatementFilter, format: string, token: string): void {
    const result = store.query(filter);
    const list = format === 'ids' ? result.statements.map(idsOnly) : result.statements;
    send(res, 200, { statements: list, more: result.next === null ? '' : `/xapi/statements?more=${encodeURIComponent(`${token}:${result.next}`)}` });
  }

  return async (req, res, url) => {
    try {
      // A browser's preflight carries no version header; it only asks what is allowed.
      if (req.method === 'OPTIONS') return send(res, 204, undefined);
      const path = url.pathname.replace(/\/+$/, '');
      if (path === '/xapi/about') {
        if (req.method !== 'GET') throw new HttpError(405, 'Use GET');
        return send(res, 200, { version: ['2.0.0', '1.0.3'], extensions: {} });
      }
      checkVersion(req);
      const client = authorize(req);
      if (path === '/xapi/statements') return await statements(req, res, url, client);
      if (path === '/xapi/activities/state') {
        const agent = parseAgentParam(url.searchParams.get('agent'));
        if (agent && !clients.mayAccess(client, agent)) {
          if (req.method === 'PUT' || req.method === 'POST') clients.enrol(client, [agent]);
          else throw new HttpError(403, 'This client has no records for that agent');
        }
        const reply = await handleStateRequest(states, { method: req.method ?? 'GET', params: url.searchParams, headers: req.headers, readBody: () => readBody(req) });
        return send(res, reply.status, reply.body, reply.headers);
      }
      throw new HttpError(404, `No xAPI resource at ${url.pathname}`);
    } catch (err) {
      if (err instanceof HttpError) return send(res, err.status, { error: err.message }, err.status === 401 ? { 'WWW-Authenticate': 'Basic realm="Baraza hub"' } : {});
      if (err instanceof StatementError) return send(res, 400, { error: err.message });
      if (err instanceof ConflictError) return send(res, 409, { error: err.message });
      // Anything else is our fault: say so without details.
      return send(res, 500, { error: 'The hub could not handle this request' });
    }
  };
}
