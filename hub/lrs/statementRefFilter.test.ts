/**
 * xAPI Communication 2.1.3, Filter Conditions for StatementRefs (XAPI-00162): a
 * statement that targets another matches a filter when its target does,
 * recursively, voided targets included; since, until and limit apply to the
 * targeting statement.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, startHub, type RunningHub } from '../testing/engines';
import type { NewClient } from './clients';
import { rawRequest, replyJson } from './rawHttp';

type Json = Record<string, unknown>;

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
let n = 0;
const nextId = (): string => `40000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describeEachEngine('queries and StatementRefs', (engine) => {
  let running: RunningHub;
  let admin: NewClient;
  let deviceA: NewClient;
  let deviceB: NewClient;
  /** A verb, activity and learner no other test uses. */
  const verb = `http://example.org/verbs/target-${Date.now()}`;
  const activity = `http://example.org/activities/target-${Date.now()}`;
  const learner = { mbox: `mailto:target-${Date.now()}@example.org` };
  const other = { mbox: `mailto:other-${Date.now()}@example.org` };

  beforeAll(async () => {
    running = await startHub(engine);
    admin = await running.hub.storage.clients.add('Ministry', true);
    deviceA = await running.hub.storage.clients.add('Tablet A');
    deviceB = await running.hub.storage.clients.add('Tablet B');
  });

  afterAll(async () => {
    await running.stop();
  });

  async function call(method: string, path: string, who: NewClient = admin, body?: unknown): Promise<{ status: number; json: unknown }> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const auth = `Basic ${Buffer.from(`${who.key}:${who.secret}`).toString('base64')}`;
    const reply = await rawRequest(`${running.base}${path}`, method, data, { 'X-Experience-API-Version': '2.0.0', Authorization: auth, ...(data ? { 'Content-Type': 'application/json' } : {}) });
    return { status: reply.status, json: replyJson(reply) };
  }
  /** Stores one statement in its own request, a little apart from the last, so each has its own `stored`. */
  async function put(s: Json, who: NewClient = admin): Promise<Json> {
    await pause(3);
    expect((await call('POST', '/xapi/statements', who, [s])).status).toBe(200);
    return s;
  }
  const ref = (actor: Json, verbId: string, target: Json): Json => ({ id: nextId(), actor, verb: { id: verbId }, object: { objectType: 'StatementRef', id: target.id } });
  const ids = async (query: string, who: NewClient = admin): Promise<string[]> => {
    const reply = await call('GET', `/xapi/statements?${query}`, who);
    expect(reply.status).toBe(200);
    return (reply.json as { statements: { id: string }[] }).statements.map((s) => s.id);
  };

  let target: Json;
  let voiding: Json;
  let pointer: Json;
  let pointerToPointer: Json;
  let storedTarget = '';

  beforeAll(async () => {
    target = await put({ id: nextId(), actor: learner, verb: { id: verb }, object: { id: activity }, context: { registration: '5f0e7c1a-1b2c-4d3e-8f4a-5b6c7d8e9f00' } }, deviceA);
    storedTarget = String(((await call('GET', `/xapi/statements?statementId=${String(target.id)}`)).json as Json).stored);
    pointer = await put(ref(other, 'http://example.org/verbs/commented', target));
    voiding = await put(ref(learner, VOIDED, target), deviceA);
    // Upper case: the target's id is compared as the hub stores ids.
    pointerToPointer = await put({ ...ref(other, 'http://example.org/verbs/liked', pointer), object: { objectType: 'StatementRef', id: String(pointer.id).toUpperCase() } });
  });

  it('returns the voiding statement and every statement that targets a match, recursively, not the voided target', async () => {
    const expected = [pointer.id, voiding.id, pointerToPointer.id];
    const enc = encodeURIComponent;
    expect(await ids(`verb=${enc(verb)}&ascending=true`)).toEqual(expected);
    expect(await ids(`activity=${enc(activity)}&ascending=true`)).toEqual(expected);
    expect(await ids('registration=5F0E7C1A-1B2C-4D3E-8F4A-5B6C7D8E9F00&ascending=true')).toEqual(expected);
    expect(await ids(`agent=${enc(JSON.stringify(learner))}&ascending=true`)).toEqual(expected);
    expect(await ids(`verb=${enc(verb)}`)).toEqual([...expected].reverse());
  });

  it('applies since, until and limit to the targeting statements', async () => {
    const enc = encodeURIComponent;
    expect(await ids(`verb=${enc(verb)}&since=${enc(storedTarget)}&ascending=true`)).toEqual([pointer.id, voiding.id, pointerToPointer.id]);
    expect(await ids(`verb=${enc(verb)}&until=${enc(storedTarget)}`)).toEqual([]);
    const first = (await call('GET', `/xapi/statements?verb=${enc(verb)}&limit=1&ascending=true`)).json as { statements: { id: string }[]; more: string };
    expect(first.statements.map((s) => s.id)).toEqual([pointer.id]);
    const rest = (await call('GET', first.more)).json as { statements: { id: string }[] };
    expect(rest.statements.map((s) => s.id)).toEqual([voiding.id]);
  });

  it('matches a statement by its own properties as before, and a target that is not voided as well', async () => {
    const plain = await put({ id: nextId(), actor: other, verb: { id: `${verb}/plain` }, object: { id: activity } });
    const about = await put(ref(learner, 'http://example.org/verbs/commented', plain));
    expect(await ids(`verb=${encodeURIComponent(`${verb}/plain`)}&ascending=true`)).toEqual([plain.id, about.id]);
    expect(await ids(`verb=${encodeURIComponent('http://example.org/verbs/liked')}`)).toContain(pointerToPointer.id);
  });

  it('ends on statements that target each other', async () => {
    const [a, b] = [nextId(), nextId()];
    const loopVerb = `${verb}/loop`;
    await put({ id: a, actor: other, verb: { id: loopVerb }, object: { objectType: 'StatementRef', id: b } });
    await put({ id: b, actor: other, verb: { id: 'http://example.org/verbs/other' }, object: { objectType: 'StatementRef', id: a } });
    expect(await ids(`verb=${encodeURIComponent(loopVerb)}&ascending=true`)).toEqual([a, b]);
  });

  it('shows a device a targeting statement only when it may see the target', async () => {
    const bVerb = `${verb}/b`;
    const theirs = await put({ id: nextId(), actor: { mbox: `mailto:b-${Date.now()}@example.org` }, verb: { id: bVerb }, object: { id: activity } }, deviceB);
    // Stored by the admin: a statement by A's learner about B's learner's statement (devices may not do this themselves).
    const aboutTheirs = await put(ref(learner, 'http://example.org/verbs/commented', theirs));
    expect(await ids(`verb=${encodeURIComponent(bVerb)}`, deviceA)).toEqual([]);
    expect(await ids(`verb=${encodeURIComponent(bVerb)}`, deviceB)).toEqual([theirs.id]);
    expect(await ids(`verb=${encodeURIComponent(bVerb)}&ascending=true`)).toEqual([theirs.id, aboutTheirs.id]);
    expect(await ids(`agent=${encodeURIComponent(JSON.stringify(learner))}`, deviceA)).toContain(aboutTheirs.id);
  });

  it('keeps working when stored statements hold text PostgreSQL cannot read as JSON (U+0000, lone surrogates, look-alikes)', async () => {
    const oddVerb = `${verb}/odd`;
    const odd = await put({ id: nextId(), actor: other, verb: { id: oddVerb }, object: { id: activity }, result: { response: 'a\u0000b\ud800' } });
    const sub = { objectType: 'SubStatement', actor: other, verb: { id: 'http://example.org/verbs/said' }, object: { id: activity }, result: { response: '\u0000\udfff' } };
    await put({ id: nextId(), actor: other, verb: { id: 'http://example.org/verbs/quoted' }, object: sub });
    const pointing = await put({ ...ref(other, 'http://example.org/verbs/commented', odd), result: { response: 'x\u0000\ud800y, and a backslash before u0000: \\u0000' } });
    expect(await ids(`verb=${encodeURIComponent(oddVerb)}&ascending=true`)).toEqual([odd.id, pointing.id]);
  });
});
