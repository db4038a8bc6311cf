/** Held statements go again: released by `baraza hub forward-release`, or on their own after a while; on each storage engine. */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { runHub } from '../main';
import { describeEachEngine } from '../testing/engines';
import type { ProxiedRequest } from '../testing/faultyProxy';
import { holds, startPair, statements, type Pair } from './forwardFixture';
import { startForwarder } from './forwarder';
import { upstreamKey } from './upstream';

const HOUR = 60 * 60_000;
const T0 = Date.parse('2026-11-27T08:00:00.000Z');

/** The upstream's own rules refuse the statements with these ids (an LRS stricter than this hub). */
const refusing = (ids: readonly string[]) => (req: ProxiedRequest) =>
  req.method === 'POST' && ids.some((id) => req.text.includes(id)) ? { kind: 'answer' as const, status: 400, body: '{"error":"statement.context: not allowed here"}' } : null;

/** Runs `baraza hub …` against the pair's forwarding hub; returns the exit code and what it printed. */
async function baraza(pair: Pair, env: NodeJS.ProcessEnv, command: string, ...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const data = pair.downstream.config.engine === 'sqlite' ? ['--data', pair.downstream.dir] : [];
    const code = await runHub([command, '--forward-to', pair.proxy.endpoint, ...data, ...args], env);
    return { code, out: out.mock.calls.map((c) => String(c[0])), err: err.mock.calls.map((c) => String(c[0])) };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describeEachEngine('held statements', (engine) => {
  let pair: Pair;
  let env: NodeJS.ProcessEnv;
  const held = async (): Promise<string[]> => (await pair.store.held(upstreamKey(pair.target))).map((h) => h.id);

  beforeEach(async () => {
    pair = await startPair(engine);
    env = engine.env(pair.downstream.config);
  });

  afterEach(async () => {
    await pair.stop();
  });

  it('forward-status shows each with its reason and time, and how to release them; forward-release sends them in the next round', async () => {
    const list = statements(6);
    const [a, b] = [String(list[1]?.id), String(list[4]?.id)];
    pair.proxy.rule = refusing([a, b]);
    await pair.put(list);
    expect((await pair.round()).held.map((h) => h.id)).toEqual([a, b]);

    const status = await baraza(pair, env, 'forward-status');
    expect(status.code).toBe(0);
    expect(status.out).toContain('held (refused by the upstream, kept here): 2');
    const line = status.out.find((l) => l.includes(a)) ?? '';
    expect(line).toMatch(/ {2}rejected {2}held \d{4}-\d\d-\d\dT[\d:.]+Z \(refused once; tried again on its own after \d{4}-[^)]+\) {2}400 statement\.context: not allowed here$/);
    expect(status.out.at(-1)).toContain(`baraza hub forward-release --forward-to ${pair.proxy.endpoint}`);

    // The upstream is fixed; nothing goes until the statements are released.
    pair.proxy.rule = () => null;
    const posts = pair.proxy.posts.length;
    expect(await pair.round()).toEqual({ sent: 0, held: [], waiting: 0 });
    expect(pair.proxy.posts).toHaveLength(posts);

    const release = await baraza(pair, env, 'forward-release');
    expect(release).toMatchObject({ code: 0, err: [] });
    expect(release.out[0]).toMatch(/^2 held statements go to http:\/\/127\.0\.0\.1:\d+\/xapi\/ again in the hub's next forwarding round/);
    expect((await baraza(pair, env, 'forward-status')).out.filter((l) => l.includes('sent again in the next round'))).toHaveLength(2);

    expect(await pair.round()).toEqual({ sent: 2, held: [], waiting: 0 });
    expect(await holds(pair.upstream, a)).toBe(true);
    expect(await holds(pair.upstream, b)).toBe(true);
    expect(await held()).toEqual([]);
    expect((await baraza(pair, env, 'forward-release')).out).toEqual([`Nothing is held for ${pair.proxy.endpoint}, so there is nothing to release.`]);
  });

  it('forward-release --id releases only those named, twice as once, and names ids that are not held', async () => {
    const list = statements(4);
    const [a, b] = [String(list[0]?.id), String(list[2]?.id)];
    pair.proxy.rule = refusing([a, b]);
    await pair.put(list);
    await pair.round();

    const unknown = '00000000-0000-4000-8000-000000000000';
    const first = await baraza(pair, env, 'forward-release', '--id', a.toUpperCase(), '--id', unknown);
    expect(first.code).toBe(1);
    expect(first.out).toContain(`  ${a}`);
    expect(first.err[0]).toMatch(new RegExp(`^Not held for http://127\\.0\\.0\\.1:\\d+/xapi/: ${unknown}\\. The upstream never refused it, or has taken it since; baraza hub forward-status --forward-to`));
    expect((await baraza(pair, env, 'forward-release', '--id', a)).code).toBe(0);

    // Still refused: held again, refused twice now, and not tried again for two hours.
    const again = await pair.round({ now: () => T0 });
    expect(again.held.map((h) => [h.id, h.refusals, h.retryAt])).toEqual([[a, 2, new Date(T0 + 2 * HOUR).toISOString()]]);
    expect(pair.proxy.posts.at(-1)?.text).not.toContain(b);
    expect(await held()).toEqual([a, b]);
  });

  it('go again on their own after an hour, then two, doubling to a day; refused again they do not stop new statements', async () => {
    const list = statements(8);
    const refused = list.slice(0, 7).map((s) => String(s.id));
    pair.proxy.rule = refusing(refused.slice(0, 4));
    await pair.put(list.slice(0, 4));
    expect((await pair.round({ now: () => T0 })).held).toHaveLength(4);

    const posts = pair.proxy.posts.length;
    expect(await pair.round({ now: () => T0 + HOUR - 1 })).toEqual({ sent: 0, held: [], waiting: 0 });
    expect(pair.proxy.posts).toHaveLength(posts);

    // All four refused again, with more refused new ones behind them: the round still reaches the last statement.
    pair.proxy.rule = refusing(refused);
    await pair.put(list.slice(4));
    const second = await pair.round({ now: () => T0 + HOUR });
    expect(second.error).toBeUndefined();
    expect(second.sent).toBe(1);
    expect(second.held.map((h) => h.refusals)).toEqual([2, 2, 2, 2, 1, 1, 1]);
    expect(second.held[0]?.retryAt).toBe(new Date(T0 + 3 * HOUR).toISOString());

    let now = T0 + 3 * HOUR;
    for (const refusals of [3, 4, 5, 6]) {
      const round = await pair.round({ now: () => now });
      expect(round.held.slice(0, 4).map((h) => h.refusals)).toEqual([refusals, refusals, refusals, refusals]);
      now = Date.parse(round.held[0]?.retryAt ?? '');
    }
    expect(now - T0).toBe(3 * HOUR + 4 * HOUR + 8 * HOUR + 16 * HOUR + 24 * HOUR);

    // The three held later fell due meanwhile too.
    pair.proxy.rule = () => null;
    expect(await pair.round({ now: () => now })).toEqual({ sent: 7, held: [], waiting: 0 });
    expect(await held()).toEqual([]);
  });

  it('a running forwarder sends released statements within its idle interval', async () => {
    const list = statements(3);
    const id = String(list[1]?.id);
    pair.proxy.rule = refusing([id]);
    await pair.put(list);
    const forwarder = startForwarder({ target: pair.target, store: pair.store, idleMs: 20, round: { timeoutMs: 2_000 }, log: () => undefined });
    try {
      await vi.waitFor(async () => expect(await held()).toEqual([id]), { timeout: 5_000 });
      pair.proxy.rule = () => null;
      expect((await pair.store.release(upstreamKey(pair.target), [])).released).toEqual([id]);
      await vi.waitFor(async () => expect(await holds(pair.upstream, id)).toBe(true), { timeout: 5_000 });
      await vi.waitFor(async () => expect(await held()).toEqual([]), { timeout: 5_000 });
    } finally {
      await forwarder.stop();
    }
  });
});
