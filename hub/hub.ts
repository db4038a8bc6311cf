/**
 * The sync hub: an xAPI Learning Record Store over HTTP, storing in SQLite under
 * its data folder, or in PostgreSQL when DATABASE_URL is set (or a storage
 * config says so), and a page at /upload for USB sync bundles.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname } from 'node:path';
import type { ForwardingSource } from './forward/forwardReport';
import { openSqliteStore } from './lrs/sqliteStore';
import { openStorage, sqliteFile, storageFromEnv, type StorageConfig } from './lrs/storage';
import type { EngineName, LrsStore } from './lrs/store';
import { createXapiHandler } from './lrs/xapiServer';
import { createUploadHandler } from './upload/uploadHandler';

export interface Hub {
  readonly server: Server;
  readonly engine: EngineName;
  /** Statements, State and clients, for either engine; the server uses nothing else. */
  readonly storage: LrsStore;
  close(): Promise<void>;
}

export interface HubOptions {
  /** The running forwarder's state for the upload page; none when the hub does not forward. */
  readonly forwarding?: ForwardingSource;
}

/**
 * A hub on `storage`, by default SQLite in `dataDir` unless DATABASE_URL is set.
 * The server waits for the schema to be ready before it answers (see `storage.ready`).
 */
export function createHub(dataDir: string, storage: StorageConfig = storageFromEnv(dataDir) ?? { engine: 'sqlite', file: sqliteFile(dataDir) }, options: HubOptions = {}): Hub {
  if (storage.engine === 'sqlite') mkdirSync(dirname(storage.file), { recursive: true });
  const lrs = storage.engine === 'sqlite' ? openSqliteStore(storage.file) : openStorage(storage);
  const xapi = createXapiHandler(lrs);
  const upload = createUploadHandler(lrs, options.forwarding ? { forwarding: options.forwarding } : {});
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    if (url.pathname.startsWith('/xapi/')) {
      void xapi(req, res, url);
      return;
    }
    // The page where a trainer uploads a USB sync bundle (hub/upload/).
    if (url.pathname === '/upload') {
      void upload(req, res, url);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  });
  return {
    server,
    engine: lrs.engine,
    storage: lrs,
    close: () =>
      new Promise((resolve, reject) => {
        // Keep-alive connections would hold close() open until they time out.
        server.closeIdleConnections();
        // Called with an error when the server never listened; the storage is closed all the same.
        server.close(() => {
          lrs.close().then(resolve, reject);
        });
      }),
  };
}
