/**
 * Batches that repeat stored statements, through each engine's store: a new batch is written at once,
 * and one that repeats a stored id is checked id by id, with the same answers either way.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, startHub, type RunningHub } from '../testing/engines';
import { statementMaker } from '../testing/statementFixtures';
import { ConflictError } from './statementRows';
import type { StatementRepository } from './store';

const { statement, voiding } = statementMaker('40000000');

describeEachEngine('batches that repeat stored statements', (engine) => {
  let running: RunningHub;
  let repo: StatementRepository;

  beforeAll(async () => {
    running = await startHub(engine);
    repo = running.hub.storage.statements;
  });

  afterAll(async () => {
    await running.stop();
  });

  it('stores only the new statements of a batch, in the order sent, and names every id', async () => {
    const [a, b, c, d] = [statement(), statement(), statement(), statement()];
    await repo.insert([a, b]);
    const before = await repo.count();
    const result = await repo.insert([c, a, d, b]);
    expect(result).toEqual({ ids: [c, a, d, b].map((s) => s.id), added: 2 });
    expect(await repo.count()).toBe(before + 2);
    const page = await repo.query({ limit: 2, ascending: false });
    expect(page.statements.map((s) => s.id)).toEqual([d.id, c.id]);
  });

  it('voids a stored statement from a batch that repeats another stored one', async () => {
    const [a, b] = [statement(), statement()];
    await repo.insert([a, b]);
    await repo.insert([b, voiding(a)]);
    expect(await repo.get(String(a.id), false)).toBeNull();
    expect(await repo.get(String(a.id), true)).toMatchObject({ id: a.id });
  });

  it('refuses the whole batch when one statement differs from the stored one under its id', async () => {
    const a = statement();
    await repo.insert([a]);
    const fresh = statement();
    const before = await repo.count();
    await expect(repo.insert([fresh, { ...a, result: { completion: true } }])).rejects.toThrow(ConflictError);
    expect(await repo.count()).toBe(before);
    expect(await repo.get(String(fresh.id), false)).toBeNull();
  });
});
