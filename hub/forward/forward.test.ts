/** Hub-to-hub forwarding between two real hubs on 127.0.0.1, on each storage engine. */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { runHub } from '../main';
import { describeEachEngine } from '../testing/engines';
import { holds, listed, startPair, statement, statements, voiding, type Pair } from './forwardFixture';
import { startForwarder } from './forwarder';
import { upstreamKey, upstreamTarget } from './upstream';
import { enrolmentCode } from '../lrs/clients';

const ids = (list: readonly Record<string, unknown>[]): string[] => list.map((s) => String(s.id));

/** Waits until `check` holds, polling; fails the test after `ms`. */
async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('The condition did not come true in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeEachEngine('forwarding to an upstream hub', (engine) => {
  let pair: Pair;

  beforeEach(async () => {
    pair = await startPair(engine);
  });

  afterEach(async () => {
    await pair.stop();
  });

  it('forwards every statement once, in stored order, voided ones and their voiding too', async () => {
    const sent = [...statements(150, 'A'), ...statements(150, 'B'), ...statements(150, 'C')];
    for (let i = 0; i < 3; i++) await pair.put(sent.slice(i * 150, (i + 1) * 150));
    const cancel = voiding(sent[4] ?? {});
    await pair.put([cancel]);

    const first = await pair.round();
    expect(first).toEqual({ sent: 451, held: [], waiting: 0 });
    expect(pair.proxy.posts).toHaveLength(3); // 200 + 200 + 51
    expect(await pair.upstream.hub.storage.statements.count()).toBe(451);
    expect(await listed(pair.upstream)).toEqual(await listed(pair.downstream));
    expect(await pair.upstream.hub.storage.statements.get(String(sent[4]?.id), true)).not.toBeNull();
    expect(pair.proxy.postedIds).toEqual([...ids(sent), String(cancel.id)]);

    const again = await pair.round();
    expect(again).toEqual({ sent: 0, held: [], waiting: 0 });
    expect(pair.proxy.posts).toHaveLength(3);
    const checkpoint = await pair.store.checkpoint(upstreamKey(pair.target));
    expect(checkpoint.lastId).toBe(String(cancel.id));
  });

  it('keeps everything while the upstream is down, and sends it when it comes back', async () => {
    const list = statements(30);
    await pair.put(list);
    pair.proxy.rule = () => ({ kind: 'down' });
    const down = await pair.round();
    expect(down).toMatchObject({ sent: 0, waiting: 30, error: 'offline' });
    expect((await pair.store.checkpoint(upstreamKey(pair.target))).lastSeq).toBe(0);

    pair.proxy.rule = () => null;
    expect(await pair.round()).toEqual({ sent: 30, held: [], waiting: 0 });
    expect(await pair.upstream.hub.storage.statements.count()).toBe(30);
  });

  it('a running forwarder retries with backoff until the upstream is back, then keeps up with new statements', async () => {
    await pair.put(statements(12));
    pair.proxy.rule = () => ({ kind: 'down' });
    const lines: string[] = [];
    const forwarder = startForwarder({ target: pair.target, store: pair.store, idleMs: 30, backoff: { baseMs: 20, capMs: 80 }, round: { timeoutMs: 1_000 }, log: (line) => lines.push(line) });
    try {
      await eventually(async () => forwarder.status().error === 'offline');
      expect(lines[0]).toMatch(/^forward to http:\/\/127\.0\.0\.1:\d+\/xapi\/: 0 sent, 12 waiting; the upstream cannot be reached: .*; trying again in \d+ s$/);
      pair.proxy.rule = () => null;
      await eventually(async () => (await pair.upstream.hub.storage.statements.count()) === 12);
      await pair.put(statements(5));
      await eventually(async () => (await pair.upstream.hub.storage.statements.count()) === 17);
      // The upstream stores a batch before the forwarder hears back and records it.
      await eventually(async () => forwarder.status().sent === 17);
      expect(forwarder.status()).toMatchObject({ sent: 17, held: 0, waiting: 0 });
      expect(forwarder.status().error).toBeUndefined();
      // The five may arrive before or after the round that sent the twelve ended.
      expect(lines.some((line) => /: 12 sent, [05] waiting$/.test(line))).toBe(true);
    } finally {
      await forwarder.stop();
    }
  });

  it('stops at once when the hub stops, even with a request in flight, and records nothing', async () => {
    await pair.put(statements(5));
    pair.proxy.rule = (req) => (req.method === 'POST' ? { kind: 'delay', ms: 30_000 } : null);
    const forwarder = startForwarder({ target: pair.target, store: pair.store, log: () => undefined });
    await eventually(async () => pair.proxy.posts.length === 1);
    const started = Date.now();
    await forwarder.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await pair.store.checkpoint(upstreamKey(pair.target))).lastSeq).toBe(0);
  });

  it('sends a batch again when the reply was lost after the upstream stored it, and the upstream keeps one copy', async () => {
    const list = statements(10);
    await pair.put(list);
    let lose = true;
    pair.proxy.rule = (req) => (req.method === 'POST' && lose ? ((lose = false), { kind: 'drop-reply' }) : null);
    expect(await pair.round()).toMatchObject({ sent: 0, waiting: 10, error: 'offline' });
    expect(await pair.upstream.hub.storage.statements.count()).toBe(10);
    expect((await pair.store.checkpoint(upstreamKey(pair.target))).lastSeq).toBe(0);

    expect(await pair.round()).toEqual({ sent: 10, held: [], waiting: 0 });
    expect(await pair.upstream.hub.storage.statements.count()).toBe(10);
    expect(pair.proxy.postedIds).toEqual([...ids(list), ...ids(list)]);
  });

  it('holds a statement the upstream refuses (409 or 400), reports it, and forwards the rest', async () => {
    const list = statements(20);
    const clash = list[3] ?? {};
    const invalid = String(list[7]?.id);
    // The upstream already has a different statement under one of these ids.
    await pair.upstream.hub.storage.statements.insert([{ ...statement(), id: clash.id }]);
    // And its own rules refuse another (an LRS stricter than this hub).
    pair.proxy.rule = (req) => (req.method === 'POST' && req.text.includes(invalid) ? { kind: 'answer', status: 400, body: '{"error":"statement.context: not allowed here"}' } : null);
    await pair.put(list);

    const result = await pair.round({ maxStatements: 200 });
    expect(result.sent).toBe(18);
    expect(result.waiting).toBe(0);
    expect(result.error).toBeUndefined();
    expect(result.held.map((h) => [h.id, h.code])).toEqual([
      [String(clash.id), 'conflict'],
      [invalid, 'rejected'],
    ]);
    const kept = await pair.store.held(upstreamKey(pair.target));
    expect(kept.map((h) => h.id)).toEqual([String(clash.id), invalid]);
    expect(kept[0]?.reason).toMatch(/^409 A different statement with id/);
    expect(kept[1]?.reason).toBe('400 statement.context: not allowed here');
    for (const s of list) if (s.id !== clash.id && s.id !== invalid) expect(await holds(pair.upstream, s.id)).toBe(true);
    expect(await holds(pair.upstream, invalid)).toBe(false);

    const posts = pair.proxy.posts.length;
    expect(await pair.round()).toEqual({ sent: 0, held: [], waiting: 0 });
    expect(pair.proxy.posts).toHaveLength(posts);

    // `baraza hub forward-status` lists them, for when the log has scrolled away.
    const printed = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const data = pair.downstream.config.engine === 'sqlite' ? ['--data', pair.downstream.dir] : [];
      expect(await runHub(['forward-status', '--forward-to', pair.proxy.endpoint, ...data], engine.env(pair.downstream.config))).toBe(0);
      const lines = printed.mock.calls.map((c) => String(c[0]));
      expect(lines).toContain('waiting: 0');
      expect(lines).toContain('held (refused by the upstream, kept here): 2');
      expect(lines.some((l) => l.includes(`${String(clash.id)}  conflict`))).toBe(true);
      expect(lines.some((l) => l.startsWith(`last forwarded: statement ${String(list[19]?.id)}`))).toBe(true);
    } finally {
      printed.mockRestore();
    }
  });

  it('stops instead of holding everything when the upstream refuses every statement', async () => {
    await pair.put(statements(12));
    pair.proxy.rule = (req) => (req.method === 'POST' ? { kind: 'answer', status: 400, body: '{"error":"unsupported version"}' } : null);
    const result = await pair.round();
    expect(result.held).toHaveLength(5);
    expect(result).toMatchObject({ sent: 0, waiting: 7, error: 'rejected' });
    expect(result.detail).toMatch(/refused 6 statements in a row/);
  });

  it('keeps its checkpoint when the forwarding hub restarts, and sends only what is new', async () => {
    await pair.put(statements(10));
    expect((await pair.round()).sent).toBe(10);
    await pair.restartDownstream();
    const later = statements(5);
    await pair.put(later);
    const before = pair.proxy.postedIds.length;
    expect(await pair.round()).toEqual({ sent: 5, held: [], waiting: 0 });
    expect(pair.proxy.postedIds.slice(before)).toEqual(ids(later));
    expect(await pair.upstream.hub.storage.statements.count()).toBe(15);
  });

  it('leaves statements stored during a round for the next round', async () => {
    await pair.put(statements(10));
    const arriving = statements(3);
    let first = true;
    const result = await pair.round({
      fetch: async (url, init) => {
        if (init.method === 'POST' && first) {
          first = false;
          await pair.put(arriving);
        }
        return globalThis.fetch(url, init);
      },
    });
    expect(result).toEqual({ sent: 10, held: [], waiting: 3 });
    expect(await pair.round()).toEqual({ sent: 3, held: [], waiting: 0 });
    expect(pair.proxy.postedIds.slice(-3)).toEqual(ids(arriving));
  });

  it('never moves a checkpoint back (two hub processes forwarding at once)', async () => {
    await pair.put(statements(4));
    const rows = await pair.store.rowsAfter(0, 100, 10);
    const key = 'https://ministry.example/xapi/';
    const [, second, , fourth] = rows;
    if (!second || !fourth) throw new Error('expected four rows');
    await pair.store.advance(key, fourth, []);
    await pair.store.advance(key, second, [{ id: second.id, seq: second.seq, code: 'rejected', reason: '400 no', refusals: 1, retryAt: '' }]);
    expect((await pair.store.checkpoint(key)).lastSeq).toBe(fourth.seq);
    expect((await pair.store.held(key)).map((h) => h.id)).toEqual([second.id]);
    expect((await pair.store.checkpoint('https://other.example/xapi/')).lastSeq).toBe(0);
  });
});

describeEachEngine('forwarding to an upstream that needs credentials', (engine) => {
  it('sends with the key and secret of an enrolment code, and stops on a wrong secret without moving', async () => {
    const pair = await startPair(engine);
    try {
      const client = await pair.upstream.hub.storage.clients.add('Trainer laptop');
      await pair.put(statements(3));
      expect(await pair.round()).toMatchObject({ sent: 0, waiting: 3, error: 'auth' });
      pair.target = upstreamTarget({ to: pair.proxy.endpoint, key: client.key, secret: 'not-the-secret' });
      expect(await pair.round()).toMatchObject({ sent: 0, waiting: 3, error: 'auth' });
      expect((await pair.store.checkpoint(upstreamKey(pair.target))).lastSeq).toBe(0);

      pair.target = upstreamTarget({ to: enrolmentCode(pair.proxy.endpoint, client) });
      expect(await pair.round()).toEqual({ sent: 3, held: [], waiting: 0 });
      expect(await pair.upstream.hub.storage.statements.count()).toBe(3);
    } finally {
      await pair.stop();
    }
  });
});
