/**
 * The xAPI 2.0 State resource (/xapi/activities/state): one request in, one reply
 * out. Writes follow the spec's concurrency rules: If-Match / If-None-Match are
 * honoured, and a PUT over an existing document without either is a 409. Every
 * write is a compare-and-swap, so the rules hold across hub processes too.
 * A refused request becomes a 4xx reply with a reason; nothing here throws for bad input.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { StatementError, agentKey, validateStatement } from '../../core/xapi/validate';
import { etagOf } from './stateStore';
import type { StateDocument, StateKey, StateRepository, StateScope } from './store';

export interface StateRequest {
  readonly method: string;
  readonly params: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Reads the body (size-limited by the caller); called only for PUT and POST. */
  readonly readBody: () => Promise<Buffer>;
}

export interface StateReply {
  readonly status: number;
  /** A Buffer is sent as-is with the Content-Type in headers; anything else as JSON. */
  readonly body?: unknown;
  readonly headers: Record<string, string>;
}

type Json = Record<string, unknown>;

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const PARAMS = new Set(['activityId', 'agent', 'registration', 'stateId', 'since']);
// Any verb will do: the probe statement only carries the parameters through the statement rules.
const PROBE_VERB = 'http://adlnet.gov/expapi/verbs/experienced';
const PROBE_PATHS: Record<string, string> = {
  'request.actor': 'agent',
  'request.object.id': 'activityId',
  'request.context.registration': 'registration',
  'request.timestamp': 'since',
};
// Echoed back in a header, so only printable ASCII.
const CONTENT_TYPE = /^[\x20-\x7e]{1,255}$/;

interface Target {
  readonly scope: StateScope;
  readonly stateId: string | null;
  readonly since: string | undefined;
}

function parseTarget(params: URLSearchParams): Target {
  for (const name of params.keys()) {
    if (!PARAMS.has(name)) throw new Refusal(400, `${name} is not a State resource parameter (use activityId, agent, registration, stateId, since)`);
    if (params.getAll(name).length > 1) throw new Refusal(400, `${name} is given more than once`);
  }
  const activityId = params.get('activityId');
  if (activityId === null) throw new Refusal(400, 'activityId is required');
  const agentText = params.get('agent');
  if (agentText === null) throw new Refusal(400, 'agent is required: an Agent as JSON, such as {"mbox":"mailto:learner@example.org"}');
  let agent: unknown;
  try {
    agent = JSON.parse(agentText);
  } catch {
    throw new Refusal(400, 'agent must be an Agent as JSON');
  }
  if (typeof agent === 'object' && agent !== null && (agent as Json).objectType === 'Group') throw new Refusal(400, 'agent must be an Agent, not a Group');
  const registration = params.get('registration') ?? undefined;
  const since = params.get('since') ?? undefined;
  const stateId = params.get('stateId');
  if (stateId === '') throw new Refusal(400, 'stateId must not be empty');

  // The statement rules decide what a valid agent, activity IRI, UUID and timestamp are, so both resources agree.
  try {
    validateStatement(
      {
        actor: agent,
        verb: { id: PROBE_VERB },
        object: { objectType: 'Activity', id: activityId },
        ...(registration !== undefined ? { context: { registration } } : {}),
        ...(since !== undefined ? { timestamp: since } : {}),
      },
      'request',
    );
  } catch (err) {
    if (!(err instanceof StatementError)) throw err;
    const reason = err.message.slice(err.path.length + 2);
    const prefix = Object.keys(PROBE_PATHS).find((p) => err.path === p || err.path.startsWith(`${p}.`));
    throw new Refusal(400, prefix ? `${PROBE_PATHS[prefix]}${err.path.slice(prefix.length)}: ${reason}` : `The parameters are not valid: ${reason}`);
  }
  const key = agentKey(agent);
  if (!key) throw new Refusal(400, 'agent must have an identifier (mbox, mbox_sha1sum, openid or account)');
  return {
    scope: { activityId, agentKey: key, registration: registration?.toLowerCase() ?? null },
    stateId,
    since: since === undefined ? undefined : new Date(since).toISOString(),
  };
}

/** True when an If-Match / If-None-Match value names this ETag (or is *). Weak and unquoted tags are accepted. */
function names(header: string, etag: string): boolean {
  const bare = (tag: string): string => tag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

function checkPreconditions(current: StateDocument | null, headers: IncomingHttpHeaders, isPut: boolean): void {
  // A blank header is no precondition at all (and must not dodge the 409 below).
  const ifMatch = headers['if-match']?.trim() || undefined;
  const ifNoneMatch = headers['if-none-match']?.trim() || undefined;
  if (ifMatch !== undefined) {
    if (!current) throw new Refusal(412, 'There is no document here for If-Match to match. Read the state again before changing it.');
    if (!names(ifMatch, current.etag)) throw new Refusal(412, 'The document has changed since you read it (If-Match does not match its ETag). Read it again and retry.');
  }
  if (ifNoneMatch !== undefined && current && names(ifNoneMatch, current.etag)) {
    throw new Refusal(412, 'A document already exists under this stateId (If-None-Match). Read it and send If-Match to change it.');
  }
  if (isPut && current && ifMatch === undefined && ifNoneMatch === undefined) {
    throw new Refusal(409, 'A document already exists under this stateId. Send If-Match with its ETag to replace it, or If-None-Match: * to write only when none exists.');
  }
}

function isJsonType(contentType: string): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType);
}

function jsonObject(content: Buffer): Json | null {
  try {
    const value: unknown = JSON.parse(content.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

function needStateId(target: Target, method: string): StateKey {
  if (target.stateId === null) throw new Refusal(400, `${method} needs a stateId parameter`);
  if (target.since !== undefined) throw new Refusal(400, 'since only applies to GET without a stateId');
  return { ...target.scope, stateId: target.stateId };
}

const written = (doc: StateDocument): StateReply => ({ status: 204, headers: { ETag: doc.etag } });

/** Rounds of read, check, compare-and-swap before giving up on a document that keeps changing under us. */
const WRITE_ATTEMPTS = 30;

/** After losing a round, wait a little (longer each time, at random) so writers of one document spread out. */
const backOff = (round: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** round, 50)));

/**
 * Reads the document, lets `attempt` decide from it, and stores the decision only
 * if the document is still the one read; otherwise reads and decides again. This
 * holds the spec's preconditions even when another hub process writes in between.
 */
async function untilStored(store: StateRepository, key: StateKey, attempt: (current: StateDocument | null) => Promise<StateReply | null>): Promise<StateReply> {
  for (let round = 0; round < WRITE_ATTEMPTS; round++) {
    const reply = await attempt(await store.get(key));
    if (reply) return reply;
    await backOff(round);
  }
  throw new Refusal(409, 'The document kept changing while this request was handled. Read it again and retry.');
}

async function handle(store: StateRepository, request: StateRequest): Promise<StateReply> {
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  if (!['GET', 'PUT', 'POST', 'DELETE'].includes(method)) throw new Refusal(405, 'Use GET, PUT, POST or DELETE');
  const target = parseTarget(request.params);

  if (method === 'GET') {
    if (target.stateId === null) {
      const ids = await store.ids(target.scope, target.since);
      return { status: 200, body: ids, headers: { ETag: etagOf(JSON.stringify(ids)) } };
    }
    if (target.since !== undefined) throw new Refusal(400, 'since only applies to GET without a stateId');
    const doc = await store.get({ ...target.scope, stateId: target.stateId });
    if (!doc) throw new Refusal(404, 'No state document with that stateId for this activity, agent and registration');
    return { status: 200, body: doc.content, headers: { 'Content-Type': doc.contentType, ETag: doc.etag, 'Last-Modified': new Date(doc.updated).toUTCString() } };
  }

  if (method === 'DELETE') {
    if (target.since !== undefined) throw new Refusal(400, 'since only applies to GET without a stateId');
    if (target.stateId === null) {
      await store.deleteAll(target.scope);
      return { status: 204, headers: {} };
    }
    const key = { ...target.scope, stateId: target.stateId };
    return untilStored(store, key, async (current) => {
      checkPreconditions(current, request.headers, false);
      if (!current || (await store.remove(key, current))) return { status: 204, headers: {} };
      return null;
    });
  }

  const key = needStateId(target, method);
  const contentType = request.headers['content-type'] ?? 'application/octet-stream';
  if (!CONTENT_TYPE.test(contentType)) throw new Refusal(400, 'Content-Type must be printable ASCII, at most 255 characters');
  const content = await request.readBody();

  if (method === 'PUT') {
    return untilStored(store, key, async (current) => {
      checkPreconditions(current, request.headers, true);
      const doc = await store.write(key, current, content, contentType);
      return doc && written(doc);
    });
  }

  // POST: merge the top-level properties of two JSON objects, the new ones winning.
  if (!isJsonType(contentType)) throw new Refusal(400, 'POST merges JSON: send Content-Type application/json, or use PUT to store other content');
  const incoming = jsonObject(content);
  if (!incoming) throw new Refusal(400, 'POST merges JSON objects: the body must be a JSON object. Use PUT to store anything else.');
  return untilStored(store, key, async (current) => {
    checkPreconditions(current, request.headers, false);
    if (!current) {
      const doc = await store.write(key, null, content, contentType);
      return doc && written(doc);
    }
    const stored = isJsonType(current.contentType) ? jsonObject(current.content) : null;
    if (!stored) throw new Refusal(400, 'The stored document is not a JSON object, so it cannot be merged. Replace it with PUT instead.');
    const doc = await store.write(key, current, Buffer.from(JSON.stringify({ ...stored, ...incoming })), 'application/json');
    return doc && written(doc);
  });
}

export async function handleStateRequest(store: StateRepository, request: StateRequest): Promise<StateReply> {
  try {
    return await handle(store, request);
  } catch (err) {
    if (err instanceof Refusal) return { status: err.status, body: { error: err.message }, headers: {} };
    throw err;
  }
}
