/** A statement's context (xAPI 2.0 contextAgents and contextGroups included) and its attachments. */
import { activity } from './activityRules';
import { agent } from './agentRules';
import { allowed, extensions, fail, iri, LANG, languageMap, list, object, required, text, uuid } from './jsonRules';

const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;.*)?$/i;
/** SHA-224, SHA-256, SHA-384 or SHA-512, in hex. */
const SHA2 = /^(?:[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i;
const CONTEXT_PROPERTIES = ['registration', 'instructor', 'team', 'contextActivities', 'revision', 'platform', 'language', 'statement', 'extensions', 'contextAgents', 'contextGroups'];
const CONTEXT_ACTIVITY_LISTS = ['parent', 'grouping', 'category', 'other'];
const ATTACHMENT_PROPERTIES = ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl'];

export function statementRef(v: unknown, path: string): void {
  const r = object(v, path);
  allowed(r, path, ['objectType', 'id']);
  if (r.objectType !== 'StatementRef') fail(`${path}.objectType`, 'must be StatementRef');
  uuid(r.id, `${path}.id`);
}

/** 9274.1.1 4.2.2.5: each item names its own objectType, an Agent or a Group, and optionally the Activity types it is relevant to. */
function contextMembers(v: unknown, path: string, kind: 'Agent' | 'Group'): void {
  const [objectType, property] = kind === 'Agent' ? ['contextAgent', 'agent'] : ['contextGroup', 'group'];
  list(v, path).forEach((value, i) => {
    const at = `${path}[${i}]`;
    const item = object(value, at);
    allowed(item, at, ['objectType', property, 'relevantTypes']);
    if (item.objectType !== objectType) fail(`${at}.objectType`, `must be ${objectType}`);
    if (item[property] === undefined) fail(`${at}.${property}`, `is required: the ${kind} this context names`);
    agent(item[property], `${at}.${property}`, kind);
    if (item.relevantTypes === undefined) return;
    const types = list(item.relevantTypes, `${at}.relevantTypes`);
    if (types.length === 0) fail(`${at}.relevantTypes`, 'must list at least one Activity type IRI, or be left out');
    types.forEach((t, j) => iri(t, `${at}.relevantTypes[${j}]`));
  });
}

export function context(v: unknown, path: string, objectIsActivity: boolean): void {
  const c = object(v, path);
  allowed(c, path, CONTEXT_PROPERTIES);
  if (c.registration !== undefined) uuid(c.registration, `${path}.registration`);
  if (c.instructor !== undefined) agent(c.instructor, `${path}.instructor`);
  if (c.team !== undefined) agent(c.team, `${path}.team`, 'Group');
  if (c.revision !== undefined) text(c.revision, `${path}.revision`);
  if (c.platform !== undefined) text(c.platform, `${path}.platform`);
  if (!objectIsActivity && (c.revision !== undefined || c.platform !== undefined)) fail(path, 'revision and platform are only for statements about an Activity');
  if (c.language !== undefined && (typeof c.language !== 'string' || !LANG.test(c.language))) fail(`${path}.language`, 'must be a language tag');
  if (c.statement !== undefined) statementRef(c.statement, `${path}.statement`);
  if (c.extensions !== undefined) extensions(c.extensions, `${path}.extensions`);
  if (c.contextAgents !== undefined) contextMembers(c.contextAgents, `${path}.contextAgents`, 'Agent');
  if (c.contextGroups !== undefined) contextMembers(c.contextGroups, `${path}.contextGroups`, 'Group');
  if (c.contextActivities !== undefined) {
    const ca = object(c.contextActivities, `${path}.contextActivities`);
    allowed(ca, `${path}.contextActivities`, CONTEXT_ACTIVITY_LISTS);
    for (const [k, value] of Object.entries(ca)) {
      // A single Activity is allowed on input; the LRS hands it back as a list (see normalize.ts).
      const items = Array.isArray(value) ? value : [value];
      items.forEach((a, i) => activity(a, `${path}.contextActivities.${k}[${i}]`));
    }
  }
}

/** xAPI Data 2.4.11: what each Attachment Object must carry. The payload itself is not checked here. */
export function attachments(v: unknown, path: string): void {
  list(v, path).forEach((value, i) => {
    const at = `${path}[${i}]`;
    const a = object(value, at);
    allowed(a, at, ATTACHMENT_PROPERTIES);
    required(a, at, ['usageType', 'display', 'contentType', 'length', 'sha2']);
    iri(a.usageType, `${at}.usageType`);
    languageMap(a.display, `${at}.display`);
    if (a.description !== undefined) languageMap(a.description, `${at}.description`);
    if (typeof a.contentType !== 'string' || !MEDIA_TYPE.test(a.contentType)) fail(`${at}.contentType`, 'must be an Internet media type such as text/plain');
    if (typeof a.length !== 'number' || !Number.isSafeInteger(a.length) || a.length < 0) fail(`${at}.length`, 'must be the size of the attachment in bytes, a whole number');
    if (typeof a.sha2 !== 'string' || !SHA2.test(a.sha2)) fail(`${at}.sha2`, 'must be the SHA-2 hash of the attachment in hex');
    if (a.fileUrl !== undefined) iri(a.fileUrl, `${at}.fileUrl`);
  });
}
