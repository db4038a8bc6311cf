/** The sync hub: an xAPI Learning Record Store over HTTP, storing in SQLite under its data folder. */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createXapiHandler } from './lrs/xapiServer';
import { openHubDatabase, StatementStore } from './lrs/statementStore';
import { StateStore } from './lrs/stateStore';
import { ClientRegistry } from './lrs/clients';

export interface Hub {
  readonly server: Server;
  readonly store: StatementStore;
  readonly clients: ClientRegistry;
  close(): Promise<void>;
}

/** The hub's statement store in its data folder. */
export function openStatementStore(dataDir: string): StatementStore {
  return new StatementStore(openHubDatabase(join(dataDir, 'hub.sqlite')));
}

export function createHub(dataDir: string): Hub {
  mkdirSync(dataDir, { recursive: true });
  const db = openHubDatabase(join(dataDir, 'hub.sqlite'));
  const store = new StatementStore(db);
  const clients = new ClientRegistry(db);
  const xapi = createXapiHandler(store, new StateStore(db), clients);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    if (url.pathname.startsWith('/xapi/')) {
      void xapi(req, res, url);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  });
  return {
    server,
    store,
    clients,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          store.close();
          resolve();
        });
      }),
  };
}
