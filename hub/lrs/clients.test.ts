/** What ClientAccess keeps in memory: enrolments, which are never taken back, are written and looked up once. */
import { describe, expect, it } from 'vitest';
import { ClientAccess, type ClientRow, type ClientTable } from './clients';

/** Client rows in memory, counting what reaches them. */
function tableInMemory(): ClientTable & { enrolWrites: string[][]; lookups: number; pairs: Set<string> } {
  const rows = new Map<string, ClientRow>();
  const pairs = new Set<string>();
  const table = {
    enrolWrites: [] as string[][],
    lookups: 0,
    pairs,
    insert: async (row: ClientRow) => void rows.set(row.key, row),
    count: async () => rows.size,
    find: async (key: string) => rows.get(key) ?? null,
    enrol: async (clientKey: string, agentKeys: readonly string[]) => {
      table.enrolWrites.push([...agentKeys]);
      for (const k of agentKeys) pairs.add(JSON.stringify([clientKey, k]));
    },
    isEnrolled: async (clientKey: string, agentKey: string) => {
      table.lookups++;
      return pairs.has(JSON.stringify([clientKey, agentKey]));
    },
    learners: async () => [],
  };
  return table;
}

describe('ClientAccess', () => {
  const laptop = { key: 'a1', name: 'Laptop', admin: false };

  it('writes only the learners a client has not enrolled before', async () => {
    const table = tableInMemory();
    const access = new ClientAccess(table);
    await access.enrol(laptop, ['amina', 'layla', 'amina']);
    await access.enrol(laptop, ['layla', 'amina']);
    await access.enrol(laptop, ['neema', 'amina']);
    expect(table.enrolWrites).toEqual([['amina', 'layla'], ['neema']]);
    expect(await access.mayAccess(laptop, 'neema')).toBe(true);
    expect(table.lookups).toBe(0);
  });

  it('asks the table until a learner is enrolled, then remembers the answer', async () => {
    const table = tableInMemory();
    const access = new ClientAccess(table);
    expect(await access.mayAccess(laptop, 'amina')).toBe(false);
    expect(await access.mayAccess(laptop, 'amina')).toBe(false);
    // Another hub process enrols the learner.
    table.pairs.add(JSON.stringify(['a1', 'amina']));
    expect(await access.mayAccess(laptop, 'amina')).toBe(true);
    expect(await access.mayAccess(laptop, 'amina')).toBe(true);
    expect(table.lookups).toBe(3);
  });

  it('keeps clients apart, whatever their keys look like', async () => {
    const table = tableInMemory();
    const access = new ClientAccess(table);
    await access.enrol({ key: 'a b', name: 'One', admin: false }, ['c']);
    expect(await access.mayAccess({ key: 'a', name: 'Two', admin: false }, 'b c')).toBe(false);
    await access.enrol({ key: 'a', name: 'Two', admin: false }, ['b c']);
    expect(table.enrolWrites).toEqual([['c'], ['b c']]);
  });

  it('lets an admin client through without asking or writing', async () => {
    const table = tableInMemory();
    const access = new ClientAccess(table);
    const admin = { key: 'ad', name: 'Ministry', admin: true };
    await access.enrol(admin, ['amina']);
    expect(await access.mayAccess(admin, 'amina')).toBe(true);
    expect(table.enrolWrites).toEqual([]);
    expect(table.lookups).toBe(0);
  });
});
