/**
 * For tests only: a small in-memory LRS that behaves like the hub where sync
 * cares (all-or-nothing batches, same id + same statement is harmless, a
 * different one is 409, since/ascending/more paging, Consistent-Through),
 * and a fetch in front of it that fails the ways networks do.
 */
import type { FetchLike } from './transport';

type Json = Record<string, unknown>;

interface Stored {
  readonly seq: number;
  readonly stored: string;
  readonly body: Json;
}

export class FakeLrs {
  readonly statements = new Map<string, Stored>();
  readonly posts: string[][] = [];
  /** Statements with these ids are refused as invalid (400). */
  readonly invalid = new Set<string>();
  pageSize = 500;
  private seq = 0;
  private clock = Date.parse('2026-03-01T08:00:00.000Z');

  /** What the hub would hold if another device had sent these. */
  preload(statements: readonly object[]): void {
    for (const s of statements) this.store(s);
  }

  readonly fetch: FetchLike = async (url, init) => this.handle(new URL(url), init);

  private tick(): string {
    this.clock += 1_000;
    return new Date(this.clock).toISOString();
  }

  private store(s: object): void {
    const id = 'id' in s ? String(s.id).toLowerCase() : crypto.randomUUID();
    const stored = this.tick();
    this.statements.set(id, { seq: ++this.seq, stored, body: { ...s, id, stored } });
  }

  private handle(url: URL, init: RequestInit): Response {
    if (url.pathname.endsWith('/about')) return json(200, { version: ['2.0.0'] }, this.now());
    if (new Headers(init.headers).get('X-Experience-API-Version') !== '2.0.0') return json(400, { error: 'version header missing' }, this.now());
    if (init.method === 'POST') return this.post(JSON.parse(String(init.body)) as Json[]);
    return this.get(url);
  }

  private now(): string {
    return new Date(this.clock).toISOString();
  }

  private post(list: Json[]): Response {
    this.posts.push(list.map((s) => String(s.id)));
    for (const s of list) {
      const id = String(s.id).toLowerCase();
      if (this.invalid.has(id)) return json(400, { error: `statement ${id} is invalid` }, this.now());
      const existing = this.statements.get(id);
      if (existing) {
        const { stored: _s, ...body } = existing.body;
        if (JSON.stringify(body) !== JSON.stringify({ ...s, id })) return json(409, { error: `A different statement with id ${id} is already stored` }, this.now());
      }
    }
    for (const s of list) if (!this.statements.has(String(s.id).toLowerCase())) this.store(s);
    return json(200, list.map((s) => String(s.id).toLowerCase()), this.now());
  }

  private get(url: URL): Response {
    const params = url.searchParams;
    const after = Number(params.get('more') ?? '0');
    const agent = params.get('agent') ?? params.get('agentForMore') ?? '';
    const since = params.get('since');
    const name = agent ? (JSON.parse(agent) as { account: { name: string } }).account.name : undefined;
    const matching = [...this.statements.values()]
      .filter((s) => s.seq > after)
      .filter((s) => !since || s.stored > since)
      .filter((s) => !name || (s.body.actor as { account: { name: string } }).account.name === name)
      .sort((a, b) => a.seq - b.seq);
    const page = matching.slice(0, this.pageSize);
    const last = page.at(-1);
    const more = matching.length > page.length && last ? `/xapi/statements?more=${last.seq}&agentForMore=${encodeURIComponent(agent)}${since ? `&since=${encodeURIComponent(since)}` : ''}` : '';
    return json(200, { statements: page.map((s) => s.body), more }, this.now());
  }
}

function json(status: number, body: unknown, consistentThrough: string): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': '2.0.0', 'X-Experience-API-Consistent-Through': consistentThrough },
  });
}

/**
 * - `throw`: the request never reaches the server (no route, DNS, Wi-Fi gone);
 * - `500`: the server fails without storing anything;
 * - `drop`: the server handles the request, then the reply is lost.
 */
export type Fault = 'ok' | 'throw' | '500' | 'drop';

export function faultyFetch(inner: FetchLike, next: (url: string, init: RequestInit) => Fault): FetchLike {
  return async (url, init) => {
    const fault = next(url, init);
    if (fault === 'throw') throw new TypeError('fetch failed');
    if (fault === '500') return new Response(JSON.stringify({ error: 'The hub could not handle this request' }), { status: 500 });
    const res = await inner(url, init);
    if (fault === 'drop') {
      await res.arrayBuffer();
      throw new TypeError('fetch failed: socket hang up');
    }
    return res;
  };
}
