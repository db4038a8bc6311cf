/** The upload page's "Forwarding" section, on a hub that forwards to a real upstream hub through a faulty proxy, on each engine. */
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { startPair, statements, type Pair } from '../forward/forwardFixture';
import { startForwarder, type ForwardStatus } from '../forward/forwarder';
import { forwardingSource, type ForwardingSource } from '../forward/forwardReport';
import { upstreamKey } from '../forward/upstream';
import { createHub } from '../hub';
import type { RawReply } from '../lrs/rawHttp';
import { describeEachEngine, startHub } from '../testing/engines';
import { basic, textOf, tokenIn, uploader } from './uploadFixture';

/** An upstream stricter than this hub, whose reason carries markup. */
const HOSTILE_REASON = '<script>alert(1)</script> statement.context: not <b>allowed</b> "here"';

interface PageHub {
  readonly base: string;
  close(): Promise<void>;
}

/** Another hub process on the forwarding hub's storage, whose upload page shows `forwarding` (as hub/main.ts wires it). */
async function pageHub(pair: Pair, forwarding?: ForwardingSource): Promise<PageHub> {
  const hub = createHub(pair.downstream.dir, pair.downstream.config, forwarding ? { forwarding } : {});
  await hub.storage.ready;
  await new Promise<void>((resolve) => hub.server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(hub.server.address() as AddressInfo).port}`, close: () => hub.close() };
}

const html = (reply: RawReply): string => reply.body.toString('utf8');

describeEachEngine('the upload page’s forwarding section', (engine) => {
  let pair: Pair;
  let page: PageHub | undefined;
  let requests: number;
  const source = (lastRound?: ForwardStatus): ForwardingSource => forwardingSource(pair.store, upstreamKey(pair.target), pair.downstream.dir, () => lastRound);

  beforeEach(async () => {
    pair = await startPair(engine);
  });

  afterEach(async () => {
    await page?.close();
    page = undefined;
    await pair.stop();
  });

  /** Counts every request reaching the upstream from now on; `refuse` names statements it turns away. */
  function watchUpstream(refuse: readonly string[] = []): void {
    requests = 0;
    pair.proxy.rule = (req) => {
      requests++;
      return req.method === 'POST' && refuse.some((id) => req.text.includes(id)) ? { kind: 'answer', status: 400, body: JSON.stringify({ error: HOSTILE_REASON }) } : null;
    };
  }

  it('shows what waits and the held statements with the upstream’s reasons escaped, and contacts nobody to do it', async () => {
    const list = statements(4);
    const refused = String(list[2]?.id);
    watchUpstream([refused]);
    await pair.put(list);
    expect((await pair.round()).held.map((h) => h.id)).toEqual([refused]);
    await pair.put(statements(2));
    const lastRound: ForwardStatus = { upstream: upstreamKey(pair.target), sent: 3, held: 1, waiting: 0, lastRound: new Date().toISOString(), lastSuccess: new Date().toISOString() };
    page = await pageHub(pair, source(lastRound));

    const before = requests;
    const reply = await uploader(page.base).raw('GET');
    expect(requests).toBe(before);
    expect(reply.status).toBe(200);
    expect(tokenIn(reply)).not.toBeNull();
    const words = textOf(reply);
    expect(words).toContain(`Forwarding This hub passes every record on to ${pair.proxy.endpoint} whenever it can reach it.`);
    expect(words).toContain('2 records wait to go to the upstream.');
    expect(words).toMatch(/Last forwarded: statement [0-9a-f-]{36}, stored \d{4}-\d\d-\d\d \d\d:\d\d UTC \(less than a minute ago\)/);
    expect(words).toContain('The last round that went well ended');
    expect(words).toContain('The upstream refused this record.');
    expect(words).toContain(`npx baraza hub forward-release --forward-to ${pair.proxy.endpoint} --data ${pair.downstream.dir}`);
    expect(words).toContain(refused);
    expect(words).toContain(`400 ${HOSTILE_REASON}`);
    expect(words).toMatch(/refused once Tried again on its own after \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 60 minutes\)/);
    // The reason reaches the page only as text: no markup of the upstream's, and still no script, inline style or handler.
    expect(html(reply)).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html(reply)).not.toMatch(/<script|<b>|\sstyle=|\son[a-z]+=/i);
    expect(reply.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/);
  });

  it('shows a running forwarder’s last problem in plain words, escaped', async () => {
    await pair.put(statements(3));
    pair.proxy.rule = () => ({ kind: 'down' });
    const forwarder = startForwarder({ target: pair.target, store: pair.store, idleMs: 60_000, backoff: { baseMs: 60_000, capMs: 60_000 }, round: { timeoutMs: 2_000 }, log: () => undefined });
    try {
      await vi.waitFor(() => expect(forwarder.status().error).toBe('offline'), { timeout: 5_000 });
      page = await pageHub(pair, forwardingSource(pair.store, upstreamKey(pair.target), undefined, () => forwarder.status()));
      watchUpstream();
      const words = textOf(await uploader(page.base).raw('GET'));
      expect(requests).toBe(0);
      expect(words).toContain('3 records wait to go to the upstream.');
      expect(words).toContain('Nothing forwarded yet.');
      expect(words).toContain('No round has gone well since the hub started.');
      expect(words).toContain('The last round stopped because the upstream cannot be reached: ');
      expect(words).toContain('The upstream has refused none of this hub’s records.');
      expect(words).not.toContain('forward-release');
    } finally {
      await forwarder.stop();
    }
  });

  it('says before the first round that none has finished, and never shows the upstream’s credentials', async () => {
    const withKey = 'http://hub-key:s3cret-value@127.0.0.1:9/xapi/';
    page = await pageHub(pair, forwardingSource(pair.store, withKey, undefined, () => ({ upstream: withKey, sent: 0, held: 0, waiting: 0 })));
    const reply = await uploader(page.base).raw('GET');
    expect(textOf(reply)).toContain('This hub passes every record on to http://127.0.0.1:9/xapi/ whenever it can reach it.');
    expect(textOf(reply)).toContain('No round has finished yet since the hub started; the first begins within seconds.');
    expect(html(reply)).not.toContain('s3cret');
  });

  it('says so when forwarding cannot be read, and still offers the form', async () => {
    page = await pageHub(pair, () => Promise.reject(new Error('connection <refused>')));
    const reply = await uploader(page.base).raw('GET');
    expect(reply.status).toBe(200);
    expect(tokenIn(reply)).not.toBeNull();
    expect(textOf(reply)).toContain('The forwarding state could not be read from this hub’s records just now (connection <refused>). Reload the page in a moment;');
    expect(html(reply)).not.toContain('<refused>');
  });

  it('is shown to admin clients only once the hub has clients', async () => {
    const list = statements(2);
    const refused = String(list[0]?.id);
    watchUpstream([refused]);
    await pair.put(list);
    await pair.round();
    const device = await pair.downstream.hub.storage.clients.add('Laptop 12');
    const admin = await pair.downstream.hub.storage.clients.add('Trainer', true);
    page = await pageHub(pair, source());

    for (const credentials of [{}, basic(admin.key, 'wrong'), basic(device.key, device.secret)]) {
      const reply = await uploader(page.base, credentials).raw('GET');
      expect([401, 403]).toContain(reply.status);
      expect(html(reply)).not.toContain('Forwarding');
      expect(html(reply)).not.toContain(refused);
      expect(html(reply)).not.toContain(pair.proxy.endpoint);
    }
    const reply = await uploader(page.base, basic(admin.key, admin.secret)).raw('GET');
    expect(reply.status).toBe(200);
    expect(textOf(reply)).toContain(refused);
    expect(textOf(reply)).toContain('npx baraza hub forward-release');
  });
});

describeEachEngine('the upload page of a hub that does not forward', (engine) => {
  it('says so in one sentence, and how to turn forwarding on', async () => {
    const hub = await startHub(engine);
    try {
      const words = textOf(await uploader(hub.base).raw('GET'));
      expect(words).toContain('Forwarding This hub does not forward its records to another hub. To pass them on to a district or ministry hub, start it with --forward-to and the upstream’s address or enrolment code, for example npx baraza hub --data DIR --forward-to https://hub.ministry.example/xapi/');
    } finally {
      await hub.stop();
    }
  });
});
