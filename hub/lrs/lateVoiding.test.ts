/**
 * xAPI Data 2.3.2: a statement is voided once the LRS has a voiding statement that names it,
 * whichever came first. Out of order is normal here (forwarded held statements, USB bundles from
 * several laptops), so a target that arrives after its voiding statement is voided on arrival,
 * and a hub upgraded from a release that missed this voids such targets at once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, startHub, type RunningHub } from '../testing/engines';
import { makeOlderSchema } from '../testing/olderSchema';
import { statementMaker, VOIDED } from '../testing/statementFixtures';
import { openStorage } from './storage';
import type { Json, StatementRepository } from './store';

const { statement, voiding: voidingAsSent } = statementMaker('42000000');
/** The target id in upper case: ids compare without regard to case. */
const voiding = (target: Json): Json => voidingAsSent({ ...target, id: String(target.id).toUpperCase() });

describeEachEngine('a statement that arrives after its voiding statement', (engine) => {
  let running: RunningHub;
  let repo: StatementRepository;

  beforeAll(async () => {
    running = await startHub(engine);
    repo = running.hub.storage.statements;
  });

  afterAll(async () => {
    await running.stop();
  });

  it('is voided on arrival, and only it', async () => {
    const [target, other] = [statement(), statement()];
    const voider = voiding(target);
    await repo.insert([voider]);
    await repo.insert([other, target]);
    expect(await repo.get(String(target.id), false)).toBeNull();
    expect(await repo.get(String(target.id), true)).toMatchObject({ id: target.id });
    expect(await repo.get(String(other.id), false)).toMatchObject({ id: other.id });
    // The voiding statement stays an ordinary statement.
    expect(await repo.get(String(voider.id), false)).toMatchObject({ id: voider.id });
  });

  it('is voided in the same batch as its voiding statement, in either order', async () => {
    const [a, b] = [statement(), statement()];
    await repo.insert([voiding(a), a, b, voiding(b)]);
    expect(await repo.get(String(a.id), true)).not.toBeNull();
    expect(await repo.get(String(b.id), true)).not.toBeNull();
  });

  it('is voided when a hub from before this rule is upgraded', async () => {
    const own = await mkdtemp(join(tmpdir(), 'baraza-hub-late-void-'));
    const config = await engine.fresh(own);
    const row = (id: string, verb: string, voids: string | null): string =>
      `INSERT INTO statements (id, stored, timestamp, verb, voids, body) VALUES ('${id}', '2026-01-01T00:00:00.000Z', 't', '${verb}', ${voids ? `'${voids}'` : 'NULL'}, '{"id":"${id}"}')`;
    try {
      // The voiding statement came first and the target after, so the old code left the target as it was.
      await makeOlderSchema(config, { sqlite: 8, postgres: 7 }, [row('v1', VOIDED, 't1'), row('t1', 'http://example.org/verbs/did', null), row('t2', 'http://example.org/verbs/did', null)]);
      const storage = openStorage(config);
      try {
        await storage.ready;
        expect(await storage.statements.get('t1', true)).toMatchObject({ id: 't1' });
        expect(await storage.statements.get('t2', false)).toMatchObject({ id: 't2' });
        expect(await storage.statements.get('v1', false)).toMatchObject({ id: 'v1' });
      } finally {
        await storage.close();
      }
    } finally {
      await engine.drop(config);
      await rm(own, { recursive: true, force: true });
    }
  });
});
