/**
 * An upstream that answers badly never moves the checkpoint: whatever it says,
 * the batch is sent again later, and once it behaves every statement is there once.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Fault, ProxiedRequest } from '../testing/faultyProxy';
import { describeEachEngine } from '../testing/engines';
import { startPair, statements, type Pair } from './forwardFixture';
import { upstreamKey } from './upstream';

const N = 25;

/** The ids of the batch a request carries. */
const sentIds = (req: ProxiedRequest): string[] => (JSON.parse(req.text) as { id: string }[]).map((s) => s.id);
const json = (value: unknown): string => JSON.stringify(value);

const HOSTILE: readonly [string, (req: ProxiedRequest) => Fault, string][] = [
  ['garbage instead of JSON', () => ({ kind: 'replace-reply', status: 200, body: '["not json' }), 'server'],
  ['a JSON object instead of the id list', () => ({ kind: 'replace-reply', status: 200, body: '{"ok":true}' }), 'server'],
  ['an empty id list', () => ({ kind: 'replace-reply', status: 200, body: '[]' }), 'server'],
  ['one id replaced by another', (req) => ({ kind: 'replace-reply', status: 200, body: json([randomUUID(), ...sentIds(req).slice(1)]) }), 'server'],
  ['one id missing', (req) => ({ kind: 'replace-reply', status: 200, body: json(sentIds(req).slice(1)) }), 'server'],
  ['one id too many', (req) => ({ kind: 'replace-reply', status: 200, body: json([...sentIds(req), randomUUID()]) }), 'server'],
  ['one id twice instead of another', (req) => ({ kind: 'replace-reply', status: 200, body: json([...sentIds(req).slice(1), sentIds(req)[1]]) }), 'server'],
  ['numbers instead of ids', (req) => ({ kind: 'replace-reply', status: 200, body: json(sentIds(req).map((_, i) => i)) }), 'server'],
  ['500 without storing', () => ({ kind: 'answer', status: 500, body: 'Internal Server Error' }), 'server'],
  ['503 after storing', () => ({ kind: 'replace-reply', status: 503, body: '{"error":"overloaded"}' }), 'server'],
  ['a redirect to somewhere else', () => ({ kind: 'answer', status: 307, body: '', headers: { Location: 'http://127.0.0.1:9/xapi/statements' } }), 'server'],
  ['401 after storing', () => ({ kind: 'replace-reply', status: 401, body: '{"error":"who are you"}' }), 'auth'],
  ['a reply of 2 MiB', () => ({ kind: 'replace-reply', status: 200, body: `[${'"x",'.repeat(500_000)}"x"]` }), 'server'],
  ['an answer slower than the deadline', () => ({ kind: 'delay', ms: 1_500 }), 'offline'],
  ['the connection cut after storing', () => ({ kind: 'drop-reply' }), 'offline'],
];

describeEachEngine('forwarding to a hostile upstream', (engine) => {
  let pair: Pair;

  beforeEach(async () => {
    pair = await startPair(engine);
    await pair.put(statements(N));
  });

  afterEach(async () => {
    await pair.stop();
  });

  for (const [name, fault, code] of HOSTILE) {
    it(`${name}: no progress is recorded, and the batch goes again`, async () => {
      pair.proxy.rule = (req) => (req.method === 'POST' ? fault(req) : null);
      const result = await pair.round({ timeoutMs: 400 });
      expect(result).toMatchObject({ sent: 0, held: [], waiting: N, error: code });
      expect((await pair.store.checkpoint(upstreamKey(pair.target))).lastSeq).toBe(0);
      expect(await pair.store.held(upstreamKey(pair.target))).toEqual([]);

      pair.proxy.rule = () => null;
      expect(await pair.round()).toEqual({ sent: N, held: [], waiting: 0 });
      expect(await pair.upstream.hub.storage.statements.count()).toBe(N);
    });
  }

  it('an About resource that answers garbage does not stop forwarding (gzip is simply not used)', async () => {
    pair.proxy.rule = (req) => (req.method === 'GET' ? { kind: 'answer', status: 200, body: '<html>' } : null);
    expect(await pair.round()).toEqual({ sent: N, held: [], waiting: 0 });
    expect(pair.proxy.posts.every((p) => p.headers['content-encoding'] === undefined)).toBe(true);
  });

  it('gzips batches for an upstream whose About says it takes gzip', async () => {
    expect(await pair.round()).toEqual({ sent: N, held: [], waiting: 0 });
    expect(pair.proxy.posts[0]?.headers['content-encoding']).toBe('gzip');
  });
});
