/** Forwarding's storage on either engine. */
import type { StorageConfig } from '../lrs/storage';
import type { ForwardStore } from './forwardStore';
import { openPgForwardStore } from './pgForwardStore';
import { openSqliteForwardStore } from './sqliteForwardStore';

/** The same storage a hub on `config` uses; the schema is brought up to date first. */
export function openForwardStore(config: StorageConfig): ForwardStore {
  return config.engine === 'sqlite' ? openSqliteForwardStore(config.file) : openPgForwardStore(config);
}
