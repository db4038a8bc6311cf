import { describe, expect, it } from 'vitest';
import { acceptsGzipRequests, batches, classifyPostStatus, confirmedIds, moreUrl, nextDelay, resourceUrl, shouldRetry, utf8Length, xapiHeaders, REQUEST_ENCODINGS_EXTENSION } from './protocol';

/** A small deterministic generator, so a failing case can be replayed. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('nextDelay (full jitter)', () => {
  const policy = { baseMs: 1_000, capMs: 60_000 };

  it('stays within [0, min(cap, base * 2^attempt)) for every attempt and random value', () => {
    const random = seeded(7);
    for (let attempt = 0; attempt < 80; attempt++) {
      const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
      for (let i = 0; i < 50; i++) {
        const d = nextDelay(attempt, policy, random);
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }
    }
  });

  it('reaches both ends of the range: 0 for random 0, just under the ceiling for random near 1', () => {
    expect(nextDelay(3, policy, () => 0)).toBe(0);
    expect(nextDelay(3, policy, () => 0.999999)).toBe(7_999);
    expect(nextDelay(3, policy, () => 1)).toBeLessThan(8_000);
  });

  it('never exceeds the cap, even after thousands of attempts or odd input', () => {
    for (const attempt of [6, 7, 100, 5_000, Number.MAX_SAFE_INTEGER]) expect(nextDelay(attempt, policy, () => 0.999999)).toBeLessThan(policy.capMs);
    expect(nextDelay(-3, policy, () => 0.5)).toBe(500);
    expect(nextDelay(2, policy, () => -1)).toBe(0);
  });

  it('spreads a fleet out: delays for the same attempt are not all alike', () => {
    const random = seeded(42);
    const delays = new Set(Array.from({ length: 100 }, () => nextDelay(5, policy, random)));
    expect(delays.size).toBeGreaterThan(90);
  });
});

describe('batches', () => {
  const item = (n: number, bytes: number): { n: number; pad: string } => ({ n, pad: 'x'.repeat(bytes) });

  it('keeps order and puts every item in exactly one batch', () => {
    const items = Array.from({ length: 1_001 }, (_, i) => item(i, i % 37));
    const out = batches(items, 200, 4_000);
    expect(out.flat()).toEqual(items);
    for (const b of out) expect(b.length).toBeGreaterThan(0);
  });

  it('cuts by statement count', () => {
    const out = batches(Array.from({ length: 450 }, (_, i) => i), 200, 1_000_000);
    expect(out.map((b) => b.length)).toEqual([200, 200, 50]);
  });

  it('cuts by the byte size of the JSON array it will send', () => {
    const items = Array.from({ length: 30 }, (_, i) => item(i, 90 + (i % 5)));
    const maxBytes = 1_000;
    const out = batches(items, 1_000, maxBytes);
    expect(out.length).toBeGreaterThan(1);
    for (const b of out) if (b.length > 1) expect(utf8Length(JSON.stringify(b))).toBeLessThanOrEqual(maxBytes);
    // Greedy: adding the next item's first element would have overflowed.
    for (let i = 0; i + 1 < out.length; i++) expect(utf8Length(JSON.stringify([...(out[i] ?? []), out[i + 1]?.[0]]))).toBeGreaterThan(maxBytes);
  });

  it('sends an item larger than the limit alone, never drops it', () => {
    const out = batches([item(1, 10), item(2, 5_000), item(3, 10)], 100, 1_000);
    expect(out.map((b) => b.map((x) => x.n))).toEqual([[1], [2], [3]]);
  });

  it('is empty for an empty outbox', () => {
    expect(batches([], 200, 1_000)).toEqual([]);
  });

  it('counts bytes in UTF-8, as they travel', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('ሰላም')).toBe(9);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('كتاب')).toBe(new TextEncoder().encode('كتاب').length);
  });
});

describe('reading replies', () => {
  it('confirms a batch only when the reply names exactly the ids sent', () => {
    const sent = ['AAAA-1', 'bbbb-2'];
    expect(confirmedIds(sent, ['aaaa-1', 'bbbb-2'])).toEqual(sent);
    expect(confirmedIds(sent, ['bbbb-2', 'aaaa-1'])).toEqual(sent);
    expect(confirmedIds(sent, ['aaaa-1'])).toBeNull();
    expect(confirmedIds(sent, ['aaaa-1', 'aaaa-1'])).toBeNull();
    expect(confirmedIds(sent, ['aaaa-1', 'cccc-3'])).toBeNull();
    expect(confirmedIds(sent, { ids: sent })).toBeNull();
    expect(confirmedIds(sent, undefined)).toBeNull();
    expect(confirmedIds(sent, ['aaaa-1', 2])).toBeNull();
  });

  it('maps statuses to what the client does next', () => {
    expect(classifyPostStatus(200)).toEqual({ kind: 'stored' });
    expect(classifyPostStatus(409)).toEqual({ kind: 'isolate', code: 'conflict' });
    expect(classifyPostStatus(400)).toEqual({ kind: 'isolate', code: 'rejected' });
    expect(classifyPostStatus(413)).toEqual({ kind: 'isolate', code: 'rejected' });
    expect(classifyPostStatus(401)).toEqual({ kind: 'stop', code: 'auth' });
    expect(classifyPostStatus(403)).toEqual({ kind: 'stop', code: 'auth' });
    for (const status of [204, 404, 429, 500, 502, 503]) expect(classifyPostStatus(status)).toEqual({ kind: 'stop', code: 'server' });
  });

  it('retries on a timer only what time can fix', () => {
    expect(shouldRetry('offline')).toBe(true);
    expect(shouldRetry('server')).toBe(true);
    for (const code of ['auth', 'conflict', 'rejected', undefined] as const) expect(shouldRetry(code)).toBe(false);
  });
});

describe('addresses and headers', () => {
  it('resolves resources under the endpoint with or without its trailing slash, and more links against the origin', () => {
    expect(resourceUrl({ endpoint: 'https://hub.example/lrs/xapi' }, 'statements')).toBe('https://hub.example/lrs/xapi/statements');
    expect(resourceUrl({ endpoint: 'https://hub.example/xapi/' }, 'about')).toBe('https://hub.example/xapi/about');
    expect(moreUrl({ endpoint: 'https://hub.example/xapi/' }, '/xapi/statements?more=a%3A3')).toBe('https://hub.example/xapi/statements?more=a%3A3');
  });

  it('always sends the xAPI version, and Basic credentials when there are some, in UTF-8', () => {
    expect(xapiHeaders({ endpoint: 'x' }, false)).toEqual({ 'X-Experience-API-Version': '2.0.0' });
    const headers = xapiHeaders({ endpoint: 'x', auth: { username: 'trainer', password: 'mot-de-passé' } }, true);
    expect(headers['Content-Type']).toBe('application/json');
    expect(headers.Authorization).toBe('Basic dHJhaW5lcjptb3QtZGUtcGFzc8Op'); // base64 of the UTF-8 bytes
  });
});

describe('acceptsGzipRequests', () => {
  it('is true only when About lists gzip under the request-encodings extension', () => {
    expect(acceptsGzipRequests({ version: ['2.0.0'], extensions: { [REQUEST_ENCODINGS_EXTENSION]: ['gzip', 'deflate'] } })).toBe(true);
    for (const about of [undefined, null, 'gzip', [], { version: ['2.0.0'] }, { extensions: null }, { extensions: { [REQUEST_ENCODINGS_EXTENSION]: 'gzip' } }, { extensions: { [REQUEST_ENCODINGS_EXTENSION]: ['deflate'] } }, { extensions: { other: ['gzip'] } }]) {
      expect(acceptsGzipRequests(about), JSON.stringify(about)).toBe(false);
    }
  });
});
