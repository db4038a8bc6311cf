/**
 * For the forwarding tests: a forwarding hub and an upstream hub, both real, on
 * 127.0.0.1, with a faulty proxy between them, and statements to fill them with.
 */
import { randomUUID } from 'node:crypto';
import { sectionRead, type EventEnvelope } from '../../core/xapi/statement';
import type { SyncTarget } from '../../core/sync/protocol';
import { startHub, type RunningHub, type TestEngine } from '../testing/engines';
import { startFaultyProxy, type FaultyProxy } from '../testing/faultyProxy';
import { DEFAULT_ROUND, forwardRound, type RoundOptions, type RoundResult } from './forwardRound';
import type { ForwardStore } from './forwardStore';
import { openForwardStore } from './openForwardStore';

export type Json = Record<string, unknown>;

let made = 0;

/** A learner's statement with a fresh id, as a device would make it. */
export function statement(learner = 'L1'): Json {
  made++;
  const env: EventEnvelope = { id: randomUUID(), timestamp: '2026-11-27T08:00:00.000Z', learner: { id: learner, name: learner }, language: 'en' };
  return JSON.parse(JSON.stringify(sectionRead(env, { packId: 'p', moduleId: 'm', sectionId: `s${made}` }))) as Json;
}

export const statements = (n: number, learner?: string): Json[] => Array.from({ length: n }, () => statement(learner));

export function voiding(target: Json): Json {
  const { context: _context, ...base } = statement();
  return { ...base, verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id: target.id } };
}

export interface Pair {
  /** The hub that forwards (a trainer's laptop). */
  downstream: RunningHub;
  /** The hub it forwards to (the ministry's). */
  readonly upstream: RunningHub;
  readonly proxy: FaultyProxy;
  store: ForwardStore;
  /** The upstream, reached through the proxy; a test may give other credentials. */
  target: SyncTarget;
  /** One round with short deadlines, as a test wants them. */
  round(options?: Partial<RoundOptions>): Promise<RoundResult>;
  /** Stores statements on the forwarding hub, in one batch each call. */
  put(list: readonly Json[]): Promise<void>;
  /** Closes the forwarding hub and opens it again on the same storage. */
  restartDownstream(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPair(engine: TestEngine): Promise<Pair> {
  const upstream = await startHub(engine);
  const first = await startHub(engine);
  const proxy = await startFaultyProxy(upstream.base);
  const pair: Pair = {
    downstream: first,
    upstream,
    proxy,
    store: openForwardStore(first.config),
    target: { endpoint: proxy.endpoint },
    round: (options = {}) => forwardRound(pair.store, pair.target, { ...DEFAULT_ROUND, timeoutMs: 2_000, fetch: (url, init) => globalThis.fetch(url, init), ...options }),
    put: async (list) => {
      await pair.downstream.hub.storage.statements.insert(list);
    },
    async restartDownstream() {
      await pair.store.close();
      await pair.downstream.close();
      pair.downstream = await startHub(engine, first.config);
      pair.store = openForwardStore(first.config);
    },
    async stop() {
      await pair.store.close();
      await proxy.close();
      if (pair.downstream !== first) await pair.downstream.stop();
      await first.stop();
      await upstream.stop();
    },
  };
  return pair;
}

/** Whether the hub holds the statement, voided or not. */
export async function holds(hub: RunningHub, id: unknown): Promise<boolean> {
  const repo = hub.hub.storage.statements;
  return (await repo.get(String(id), false)) !== null || (await repo.get(String(id), true)) !== null;
}

/** The ids a hub would list, oldest first (voided ones are not listed). */
export async function listed(hub: RunningHub): Promise<string[]> {
  const page = await hub.hub.storage.statements.query({ limit: 10_000, ascending: true });
  return page.statements.map((s) => String(s.id));
}
