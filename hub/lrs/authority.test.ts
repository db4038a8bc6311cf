/** The hub sets each stored statement's authority from the client that sent it (xAPI Data 2.4.9, XAPI-00099). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine, startHub, type RunningHub } from '../testing/engines';
import { CLIENT_HOME_PAGE, clientAuthority } from './authority';
import type { NewClient } from './clients';
import { rawRequest, replyJson } from './rawHttp';

type Json = Record<string, unknown>;

let n = 0;
const statement = (extra: Json = {}): Json => ({
  id: `30000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  actor: { mbox: `mailto:learner-${n}@example.org` },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
  object: { id: 'http://example.org/a' },
  ...extra,
});

describe('clientAuthority', () => {
  it('names the client by its key and name, never its secret', () => {
    const client: NewClient = { key: 'abc123', name: 'Tablet 3', admin: false, secret: 'very-secret' };
    expect(clientAuthority(client)).toEqual({ objectType: 'Agent', name: 'Tablet 3', account: { homePage: CLIENT_HOME_PAGE, name: 'abc123' } });
    expect(JSON.stringify(clientAuthority(client))).not.toContain('very-secret');
    expect(clientAuthority({ key: '', name: 'open', admin: true }).account).toEqual({ homePage: CLIENT_HOME_PAGE, name: 'open' });
  });
});

describeEachEngine('authority on stored statements', (engine) => {
  let running: RunningHub;
  let tablet: NewClient;
  let other: NewClient;

  beforeAll(async () => {
    running = await startHub(engine);
    tablet = await running.hub.storage.clients.add('Tablet 3');
    other = await running.hub.storage.clients.add('Laptop 9', true);
  });

  afterAll(async () => {
    await running.stop();
  });

  async function call(method: string, path: string, who: NewClient, body?: unknown): Promise<{ status: number; json: unknown }> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const auth = `Basic ${Buffer.from(`${who.key}:${who.secret}`).toString('base64')}`;
    const reply = await rawRequest(`${running.base}${path}`, method, data, { 'X-Experience-API-Version': '2.0.0', Authorization: auth, ...(data ? { 'Content-Type': 'application/json' } : {}) });
    return { status: reply.status, json: replyJson(reply) };
  }
  const stored = async (s: Json, who: NewClient = tablet): Promise<Json> => (await call('GET', `/xapi/statements?statementId=${String(s.id)}`, who)).json as Json;

  it('fills in the sending client when a statement has none, for POST and PUT', async () => {
    const posted = statement();
    const put = statement();
    expect((await call('POST', '/xapi/statements', tablet, [posted])).status).toBe(200);
    expect((await call('PUT', `/xapi/statements?statementId=${String(put.id)}`, tablet, put)).status).toBe(204);
    for (const s of [posted, put]) expect((await stored(s)).authority).toEqual(clientAuthority(tablet));
  });

  it('replaces an authority the device claimed, so no device can speak for another', async () => {
    const claimed = statement({ authority: { objectType: 'Agent', name: 'Ministry', mbox: 'mailto:minister@example.gov' } });
    const oauth = statement({ authority: { objectType: 'Group', member: [{ account: { homePage: 'http://example.com/oauth', name: 'app' } }, { mbox: 'mailto:bob@example.com' }] } });
    expect((await call('POST', '/xapi/statements', tablet, [claimed, oauth])).status).toBe(200);
    expect((await stored(claimed)).authority).toEqual(clientAuthority(tablet));
    expect((await stored(oauth)).authority).toEqual(clientAuthority(tablet));
  });

  it('keeps the first authority when another client resends the same statement, without a conflict', async () => {
    const s = statement();
    expect((await call('POST', '/xapi/statements', tablet, [s])).status).toBe(200);
    expect((await call('POST', '/xapi/statements', other, [{ ...s, authority: { mbox: 'mailto:someone@example.org' } }])).status).toBe(200);
    expect((await stored(s, other)).authority).toEqual(clientAuthority(tablet));
  });

  it('still refuses an invalid authority before replacing it', async () => {
    const s = statement({ authority: { objectType: 'Group', name: 'Group Anonymous', member: [{ mbox: 'mailto:bob@example.com' }] } });
    const reply = await call('POST', '/xapi/statements', tablet, [s]);
    expect(reply.status).toBe(400);
    expect((reply.json as { error: string }).error).toContain('statements[0].authority.member: a Group as authority must have exactly two Agents');
  });
});
