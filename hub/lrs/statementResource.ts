/**
 * The Statements resource (xAPI Communication 2.1): PUT and POST store, GET and
 * HEAD read one statement or a page of a query in the format asked for. Every
 * answer, errors included, carries X-Experience-API-Consistent-Through; the
 * handler in xapiServer.ts adds it to errors.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { agentKey, validateStatement } from '../../core/xapi/validate';
import { clientAuthority } from './authority';
import type { Client } from './clients';
import { sendStatements, wantsAttachments } from './attachmentReply';
import { HttpError, send } from './httpIo';
import { MAX_LIMIT, moreLink, readMoreToken } from './moreLinks';
import { checkSignatures } from './signature';
import { present, type StatementFormat } from './statementFormats';
import { checkAttachmentParts, readStatementsBody, type StatementsBody } from './statementsBody';
import type { Json, LrsStore, StatementFilter } from './store';

export const CONSISTENT_THROUGH = 'X-Experience-API-Consistent-Through';

const QUERY_PARAMS = new Set(['agent', 'verb', 'activity', 'registration', 'since', 'until', 'limit', 'ascending', 'format', 'related_agents', 'related_activities', 'attachments']);
const SINGLE_PARAMS = new Set(['statementId', 'voidedStatementId', 'format', 'attachments']);
const FORMATS: readonly StatementFormat[] = ['exact', 'ids', 'canonical'];

function parseFormat(value: string | null): StatementFormat {
  if (value === null) return 'exact';
  const format = FORMATS.find((f) => f === value);
  if (!format) throw new HttpError(400, 'format must be exact, ids or canonical');
  return format;
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
  return filter;
}

/**
 * xAPI Communication 2.1.2: a batch holding two statements with one id is refused
 * (a USB bundle may repeat a statement; that path dedups in planBatch instead).
 */
function refuseRepeatedIds(list: readonly Json[]): void {
  const first = new Map<string, number>();
  list.forEach((s, i) => {
    if (typeof s.id !== 'string') return;
    const id = s.id.toLowerCase();
    const earlier = first.get(id);
    if (earlier !== undefined) throw new HttpError(400, `statements[${i}].id: repeats the id of statements[${earlier}]; send each statement once per batch`);
    first.set(id, i);
  });
}

export type StatementHandler = (req: IncomingMessage, res: ServerResponse, url: URL, client: Client) => Promise<void>;

export function createStatementResource(store: LrsStore): StatementHandler {
  const { statements: repo, clients } = store;

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

  /** Attachment parts must match the statements' attachments, and signatures their statements; the payloads are then stored. */
  async function keepParts(list: readonly Json[], parts: StatementsBody['parts'], path: (i: number) => string): Promise<void> {
    checkAttachmentParts(list, parts, path);
    checkSignatures(list, parts, path);
    // Stored before the statements: content no statement names is harmless, a statement naming missing content is not.
    if (parts.size > 0) await store.attachments.put([...parts.values()]);
  }

  /** One page of a query; a client other than an admin sees only its own learners, looked up afresh for every page. */
  async function page(res: ServerResponse, filter: StatementFilter, format: StatementFormat, client: Client, headers: Record<string, string>, req: IncomingMessage, attachments: boolean): Promise<void> {
    const scoped: StatementFilter = client.admin ? filter : { ...filter, actors: await clients.learnersOf(client) };
    const result = await repo.query(scoped);
    const list = result.statements.map((s) => present(s, format, req.headers['accept-language']));
    const { actors: _actors, after: _after, ...query } = filter;
    // The token keeps its old shape (links already handed out stay valid); the parameter rides beside it.
    const more = result.next === null ? '' : `${moreLink({ filter: query, format, client: client.key, after: result.next })}${attachments ? '&attachments=true' : ''}`;
    return sendStatements(res, { statements: list, more }, result.statements, attachments ? store.attachments : null, { acceptEncoding: String(req.headers['accept-encoding'] ?? ''), headers });
  }

  return async (req, res, url, client) => {
    const params = url.searchParams;
    if (req.method === 'PUT') {
      const id = params.get('statementId');
      if (!id) throw new HttpError(400, 'PUT needs a statementId parameter');
      const { json, parts } = await readStatementsBody(req);
      const statement = validateStatement(json);
      if (statement.id !== undefined && String(statement.id).toLowerCase() !== id.toLowerCase()) throw new HttpError(400, 'statementId does not match the statement id');
      validateStatement({ ...statement, id });
      await keepParts([statement], parts, () => 'statement');
      await admit(client, [statement]);
      await repo.insert([{ ...statement, id }], clientAuthority(client));
      return send(res, 204, undefined, { headers: { [CONSISTENT_THROUGH]: await repo.consistentThrough() } });
    }
    if (req.method === 'POST') {
      const { json: body, parts } = await readStatementsBody(req);
      const list = Array.isArray(body) ? body : [body];
      if (list.length === 0) throw new HttpError(400, 'The body holds no statement');
      const checked = list.map((s, i) => validateStatement(s, Array.isArray(body) ? `statements[${i}]` : 'statement'));
      refuseRepeatedIds(checked);
      await keepParts(checked, parts, (i) => (Array.isArray(body) ? `statements[${i}]` : 'statement'));
      await admit(client, checked);
      const { ids } = await repo.insert(checked, clientAuthority(client));
      return send(res, 200, ids, { headers: { [CONSISTENT_THROUGH]: await repo.consistentThrough() } });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Use GET, HEAD, PUT or POST');
    // Asked before reading, so a statement that becomes visible after the read is stored after this time.
    const headers = { [CONSISTENT_THROUGH]: await repo.consistentThrough() };
    const more = params.get('more');
    if (more !== null) {
      const cursor = readMoreToken(more);
      if (!cursor) throw new HttpError(400, 'That more link is not one this hub made; run the query again');
      if (cursor.client !== client.key) throw new HttpError(400, 'That more link belongs to another client');
      return page(res, { ...cursor.filter, after: cursor.after }, parseFormat(cursor.format), client, headers, req, wantsAttachments(params));
    }
    const format = parseFormat(params.get('format'));
    const attachments = wantsAttachments(params) ? store.attachments : null;
    const statementId = params.get('statementId');
    const voidedId = params.get('voidedStatementId');
    if (statementId !== null || voidedId !== null) {
      if (statementId !== null && voidedId !== null) throw new HttpError(400, 'Use statementId or voidedStatementId, not both');
      for (const name of params.keys()) if (!SINGLE_PARAMS.has(name)) throw new HttpError(400, `${name} cannot be combined with a statement id`);
      const found = await repo.get(statementId ?? voidedId ?? '', voidedId !== null);
      // Another client's statement is answered as absent, so ids reveal nothing.
      if (!found || !(await clients.mayAccess(client, agentKey(found.actor) ?? ''))) throw new HttpError(404, 'No such statement');
      return sendStatements(res, present(found, format, req.headers['accept-language']), [found], attachments, {
        acceptEncoding: String(req.headers['accept-encoding'] ?? ''),
        headers: { ...headers, 'Last-Modified': new Date(String(found.stored)).toUTCString() },
      });
    }
    for (const name of params.keys()) if (!QUERY_PARAMS.has(name)) throw new HttpError(400, `${name} is not a statement query parameter`);
    return page(res, parseFilter(params), format, client, headers, req, attachments !== null);
  };
}
