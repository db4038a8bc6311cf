/**
 * The xAPI resources at /xapi/: Statements, State and About. Every response carries
 * X-Experience-API-Version; a request without a supported version is refused.
 * Bad input is always a 4xx with a reason, never a crash or a stack trace.
 * Storage is reached only through the async LrsStore, so either engine serves.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatementError, validateStatement, agentKey } from '../../core/xapi/validate';
import { REQUEST_ENCODINGS_EXTENSION } from '../../core/sync/protocol';
import type { Client } from './clients';
import { checkVersion, HttpError, readBody, readJson, send } from './httpIo';
import { MAX_LIMIT, moreLink, readMoreToken } from './moreLinks';
import { ConflictError } from './statementRows';
import { handleStateRequest } from './stateResource';
import type { LrsStore, StatementFilter } from './store';

export { XAPI_VERSION_HEADER } from './httpIo';

type Json = Record<string, unknown>;

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

/** Requests a client may make in a burst, and how fast the allowance comes back (per hub process). */
const RATE_BURST = 300;
const RATE_PER_SECOND = 100;

/** Stands for every request while the hub has no clients yet (it then serves loopback only). */
const OPEN_HUB: Client = { key: '', name: 'open', admin: true };

export function createXapiHandler(store: LrsStore): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const { statements: repo, clients } = store;
  const buckets = new Map<string, { tokens: number; at: number }>();
  // Clients are never removed, so once there is one the hub stays closed and need not ask again.
  let hasClients = false;

  /** The client making the request; throws 401 or 429. */
  async function authorize(req: IncomingMessage): Promise<Client> {
    if (!hasClients) hasClients = (await clients.count()) > 0;
    if (!hasClients) return OPEN_HUB;
    const client = await clients.authenticate(req.headers.authorization);
    if (!client) throw new HttpError(401, 'This hub needs the key and secret it gave this device (HTTP Basic)', { 'WWW-Authenticate': 'Basic realm="Baraza hub"' });
    const now = Date.now();
    const bucket = buckets.get(client.key) ?? { tokens: RATE_BURST, at: now };
    bucket.tokens = Math.min(RATE_BURST, bucket.tokens + ((now - bucket.at) / 1000) * RATE_PER_SECOND) - 1;
    bucket.at = now;
    buckets.set(client.key, bucket);
    if (bucket.tokens < 0) throw new HttpError(429, 'Too many requests from this client; wait a moment and try again');
    return client;
  }

  /**
   * Writing a learner's statements enrols that learner with the client. A client
   * may void only statements of its own learners.
   */
  async function admit(client: Client, list: readonly Json[]): Promise<void> {
    for (const s of list) {
      const object = s.object as Json;
      if (object.objectType !== 'StatementRef') continue;
      const target = (await repo.get(String(object.id), false)) ?? (await repo.get(String(object.id), true));
      if (target && !(await clients.mayAccess(client, agentKey(target.actor) ?? ''))) throw new HttpError(403, 'This client may not void another client\'s statements');
    }
    await clients.enrol(client, list.map((s) => agentKey(s.actor)).filter((k): k is string => k !== null));
  }

  async function statements(req: IncomingMessage, res: ServerResponse, url: URL, client: Client): Promise<void> {
    const params = url.searchParams;
    if (req.method === 'PUT') {
      const id = params.get('statementId');
      if (!id) throw new HttpError(400, 'PUT needs a statementId parameter');
      const statement = validateStatement(await readJson(req));
      if (statement.id !== undefined && String(statement.id).toLowerCase() !== id.toLowerCase()) throw new HttpError(400, 'statementId does not match the statement id');
      validateStatement({ ...statement, id });
      await admit(client, [statement]);
      await repo.insert([{ ...statement, id }]);
      return send(res, 204, undefined, { headers: { 'X-Experience-API-Consistent-Through': await repo.consistentThrough() } });
    }
    if (req.method === 'POST') {
      const body = await readJson(req);
      const list = Array.isArray(body) ? body : [body];
      if (list.length === 0) throw new HttpError(400, 'The body holds no statement');
      const checked = list.map((s, i) => validateStatement(s, Array.isArray(body) ? `statements[${i}]` : 'statement'));
      await admit(client, checked);
      const { ids } = await repo.insert(checked);
      return send(res, 200, ids, { headers: { 'X-Experience-API-Consistent-Through': await repo.consistentThrough() } });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Use GET, PUT or POST');
    const acceptEncoding = String(req.headers['accept-encoding'] ?? '');
    // Asked before reading, so a statement that becomes visible after the read is stored after this time.
    const consistentThrough = await repo.consistentThrough();
    const more = params.get('more');
    if (more !== null) {
      const cursor = readMoreToken(more);
      if (!cursor) throw new HttpError(400, 'That more link is not one this hub made; run the query again');
      if (cursor.client !== client.key) throw new HttpError(400, 'That more link belongs to another client');
      return page(res, { ...cursor.filter, after: cursor.after }, cursor.format, client, consistentThrough, acceptEncoding);
    }
    const statementId = params.get('statementId');
    const voidedId = params.get('voidedStatementId');
    if (statementId !== null || voidedId !== null) {
      if (statementId !== null && voidedId !== null) throw new HttpError(400, 'Use statementId or voidedStatementId, not both');
      for (const name of params.keys()) {
        if (!['statementId', 'voidedStatementId', 'format', 'attachments'].includes(name)) throw new HttpError(400, `${name} cannot be combined with a statement id`);
      }
      const found = await repo.get(statementId ?? voidedId ?? '', voidedId !== null);
      // Another client's statement is answered as absent, so ids reveal nothing.
      if (!found || !(await clients.mayAccess(client, agentKey(found.actor) ?? ''))) throw new HttpError(404, 'No such statement');
      return send(res, 200, params.get('format') === 'ids' ? idsOnly(found) : found, {
        acceptEncoding,
        headers: { 'Last-Modified': new Date(String(found.stored)).toUTCString(), 'X-Experience-API-Consistent-Through': consistentThrough },
      });
    }
    for (const name of params.keys()) if (!QUERY_PARAMS.has(name)) throw new HttpError(400, `${name} is not a statement query parameter`);
    return page(res, parseFilter(params), params.get('format') ?? 'exact', client, consistentThrough, acceptEncoding);
  }

  /** One page of a query; a client other than an admin sees only its own learners, looked up afresh for every page. */
  async function page(res: ServerResponse, filter: StatementFilter, format: string, client: Client, consistentThrough: string, acceptEncoding: string): Promise<void> {
    const scoped: StatementFilter = client.admin ? filter : { ...filter, actors: await clients.learnersOf(client) };
    const result = await repo.query(scoped);
    const list = format === 'ids' ? result.statements.map(idsOnly) : result.statements;
    const { actors: _actors, after: _after, ...query } = filter;
    const more = result.next === null ? '' : moreLink({ filter: query, format, client: client.key, after: result.next });
    return send(res, 200, { statements: list, more }, { acceptEncoding, headers: { 'X-Experience-API-Consistent-Through': consistentThrough } });
  }

  return async (req, res, url) => {
    try {
      // A browser's preflight carries no version header; it only asks what is allowed.
      if (req.method === 'OPTIONS') return await send(res, 204, undefined);
      const path = url.pathname.replace(/\/+$/, '');
      if (path === '/xapi/about') {
        if (req.method !== 'GET') throw new HttpError(405, 'Use GET');
        return await send(res, 200, { version: ['2.0.0', '1.0.3'], extensions: { [REQUEST_ENCODINGS_EXTENSION]: ['gzip', 'deflate'] } });
      }
      checkVersion(req);
      // Nothing stored can hold U+0000 (PostgreSQL's text cannot), so a parameter with it matches nothing and is refused.
      for (const [name, value] of url.searchParams) if (value.includes('\u0000')) throw new HttpError(400, `${name} must not contain the character U+0000`);
      await store.ready;
      const client = await authorize(req);
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
      if (err instanceof HttpError) return send(res, err.status, { error: err.message }, { headers: err.headers });
      if (err instanceof StatementError) return send(res, 400, { error: err.message });
      if (err instanceof ConflictError) return send(res, 409, { error: err.message });
      // Anything else is our fault (or the database's): say so without details.
      return send(res, 500, { error: 'The hub could not handle this request' });
    }
  };
}
