/**
 * The SQLite engine behind the hub's asynchronous storage interface. The work is
 * synchronous (better-sqlite3), so each call completes before the next starts
 * and every answer is simply wrapped in a promise.
 */
import type Database from 'better-sqlite3';
import { SqliteAttachments } from './attachmentStore';
import { ClientAccess, ClientRegistry } from './clients';
import { openHubDatabase, StatementStore } from './statementStore';
import { StateStore } from './stateStore';
import type { LrsStore } from './store';

/** Runs `work` and settles with its result or its error, the way an async engine would. */
function later<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

export function openSqliteStore(file: string): LrsStore {
  const db: Database.Database = openHubDatabase(file);
  const statements = new StatementStore(db);
  const states = new StateStore(db);
  const attachments = new SqliteAttachments(db);
  const registry = new ClientRegistry(db);
  return {
    engine: 'sqlite',
    ready: Promise.resolve(),
    statements: {
      insert: (list, authority) => later(() => statements.insertBatch(list, authority)),
      get: (id, voided) => later(() => statements.get(id, voided)),
      consistentThrough: () => later(() => statements.consistentThrough()),
      query: (filter) => later(() => statements.query(filter)),
      count: () => later(() => statements.count()),
    },
    states: {
      get: (key) => later(() => states.get(key)),
      write: (key, expected, content, type) => later(() => states.write(key, expected, content, type)),
      remove: (key, expected) => later(() => states.remove(key, expected)),
      ids: (scope, since) => later(() => states.ids(scope, since)),
      deleteAll: (scope) => later(() => states.deleteAll(scope)),
    },
    attachments: {
      put: (list) => later(() => attachments.put(list)),
      get: (sha2s) => later(() => attachments.get(sha2s)),
    },
    clients: new ClientAccess({
      insert: (row) => later(() => registry.insert(row)),
      count: () => later(() => registry.count()),
      find: (key) => later(() => registry.find(key)),
      enrol: (clientKey, keys) => later(() => registry.enrol({ key: clientKey, name: '', admin: false }, keys)),
      isEnrolled: (clientKey, agentKey) => later(() => registry.mayAccess({ key: clientKey, name: '', admin: false }, agentKey)),
      learners: (clientKey) => later(() => registry.learnersOf({ key: clientKey, name: '', admin: false })),
    }),
    close: () =>
      later(() => {
        db.close();
      }),
  };
}
