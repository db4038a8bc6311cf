/** A hub closed and opened again on the same storage keeps everything; an older schema is brought up to date. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachEngine, startHub, type RunningHub } from '../testing/engines';
import { makeOlderSchema } from '../testing/olderSchema';
import { rawRequest, type RawReply } from './rawHttp';

const VERSION = { 'X-Experience-API-Version': '2.0.0' };
const REGISTRATION = '6f1a4a0e-1f2b-4c3d-8e4f-0a1b2c3d4e5f';
const agent = encodeURIComponent(JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://baraza.invalid/learners', name: 'STATE' } }));
const state = (stateId: string, registration?: string): string =>
  `/xapi/activities/state?activityId=${encodeURIComponent('https://baraza.invalid/xapi/activities/p/modules/m')}&agent=${agent}&stateId=${stateId}${registration ? `&registration=${registration}` : ''}`;

function call(hub: RunningHub, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<RawReply> {
  return rawRequest(`${hub.base}${path}`, method, body, { ...VERSION, ...headers });
}

describeEachEngine('a hub reopened on its storage', (engine) => {
  it('keeps State documents with their ETags and Last-Modified, and statements', async () => {
    const first = await startHub(engine);
    let second: RunningHub | undefined;
    try {
      await call(first, 'PUT', state('kept', REGISTRATION), '{"page":7}', { 'Content-Type': 'application/json' });
      await first.hub.storage.statements.insert([{ actor: { mbox: 'mailto:r@baraza.invalid' }, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'https://baraza.invalid/a' } }]);
      const before = await call(first, 'GET', state('kept', REGISTRATION));
      await first.close();
      second = await startHub(engine, first.config);
      const after = await call(second, 'GET', state('kept', REGISTRATION));
      expect(after.status).toBe(200);
      expect(after.body.toString()).toBe('{"page":7}');
      expect(after.headers.etag).toBe(before.headers.etag);
      expect(after.headers['last-modified']).toBe(before.headers['last-modified']);
      expect(await second.hub.storage.statements.count()).toBe(1);
    } finally {
      await second?.stop();
      await first.stop();
    }
  });

  it('upgrades a version 1 database: statements stay, state documents work', async () => {
    const own = await mkdtemp(join(tmpdir(), 'baraza-hub-upgrade-'));
    const config = await engine.fresh(own);
    let upgraded: RunningHub | undefined;
    try {
      // A store as the first release left it: only the statements table, with one statement in it.
      await makeOlderSchema(config, { sqlite: 1, postgres: 1 }, ["INSERT INTO statements (id, stored, timestamp, verb, body) VALUES ('s1', 't', 't', 'v', '{}')"]);
      upgraded = await startHub(engine, config);
      expect(await upgraded.hub.storage.statements.count()).toBe(1);
      expect((await call(upgraded, 'PUT', state('new'), 'x', { 'Content-Type': 'text/plain' })).status).toBe(204);
      expect((await call(upgraded, 'GET', state('new'))).body.toString()).toBe('x');
    } finally {
      await upgraded?.stop();
      await engine.drop(config);
      await rm(own, { recursive: true, force: true });
    }
  });
});
