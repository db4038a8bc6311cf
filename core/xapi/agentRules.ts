/** Agents and Groups (actor, object, instructor, team, authority) and how they are identified. */
import { allowed, fail, iri, isObject, object, text } from './jsonRules';

const SHA1 = /^[0-9a-f]{40}$/i;
const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;
const AGENT_PROPERTIES = ['objectType', 'name', ...IFIS];
const GROUP_PROPERTIES = ['objectType', 'name', 'member', ...IFIS];
const MBOX = /^mailto:[^@\s]+@[^@\s]+$/;

export function agent(v: unknown, path: string, kind: 'Agent' | 'Group' | 'either' = 'either'): void {
  const a = object(v, path);
  const type = a.objectType ?? 'Agent';
  if (type !== 'Agent' && type !== 'Group') fail(`${path}.objectType`, 'must be Agent or Group');
  if (kind !== 'either' && type !== kind) fail(`${path}.objectType`, `must be ${kind}`);
  allowed(a, path, type === 'Group' ? GROUP_PROPERTIES : AGENT_PROPERTIES);
  const ifis = IFIS.filter((k) => a[k] !== undefined);
  if (ifis.length > 1) fail(path, 'must have exactly one identifier (mbox, mbox_sha1sum, openid or account)');
  if (ifis.length === 0 && type === 'Agent') fail(path, 'needs one identifier: mbox, mbox_sha1sum, openid or account');
  if (ifis.length === 0 && (!Array.isArray(a.member) || a.member.length === 0)) fail(`${path}.member`, 'an anonymous group needs members');
  if (a.name !== undefined) text(a.name, `${path}.name`);
  if (a.mbox !== undefined && (typeof a.mbox !== 'string' || !MBOX.test(a.mbox))) fail(`${path}.mbox`, 'must be a mailto: address');
  if (a.mbox_sha1sum !== undefined && (typeof a.mbox_sha1sum !== 'string' || !SHA1.test(a.mbox_sha1sum))) fail(`${path}.mbox_sha1sum`, 'must be a SHA-1 hex digest');
  if (a.openid !== undefined) iri(a.openid, `${path}.openid`);
  if (a.account !== undefined) {
    const acc = object(a.account, `${path}.account`);
    allowed(acc, `${path}.account`, ['homePage', 'name']);
    iri(acc.homePage, `${path}.account.homePage`);
    text(acc.name, `${path}.account.name`);
  }
  if (a.member !== undefined) {
    if (type !== 'Group' || !Array.isArray(a.member)) fail(`${path}.member`, 'belongs to a Group and must be a list');
    a.member.forEach((m, i) => agent(m, `${path}.member[${i}]`, 'Agent'));
  }
}

/**
 * xAPI Data 2.4.9: an authority is an Agent, or, for three-legged OAuth, an
 * anonymous Group of exactly two Agents (the application and the user).
 */
export function authority(v: unknown, path: string): void {
  agent(v, path);
  const a = object(v, path);
  if (a.objectType !== 'Group') return;
  if (IFIS.some((k) => a[k] !== undefined)) fail(path, 'a Group as authority must be anonymous (no mbox, mbox_sha1sum, openid or account): an application and a user');
  if (!Array.isArray(a.member) || a.member.length !== 2) fail(`${path}.member`, 'a Group as authority must have exactly two Agents: the application and the user');
}

/** One string per identified agent or group, for indexing and matching the `agent` filter. */
export function agentKey(value: unknown): string | null {
  if (!isObject(value)) return null;
  if (typeof value.mbox === 'string') return `mbox:${value.mbox.toLowerCase()}`;
  if (typeof value.mbox_sha1sum === 'string') return `sha1:${value.mbox_sha1sum.toLowerCase()}`;
  if (typeof value.openid === 'string') return `openid:${value.openid}`;
  if (isObject(value.account) && typeof value.account.homePage === 'string' && typeof value.account.name === 'string') {
    return `account:${value.account.homePage}|${value.account.name}`;
  }
  return null;
}
