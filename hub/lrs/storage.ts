/**
 * Which engine the hub stores in: SQLite in the data folder by default,
 * PostgreSQL when DATABASE_URL is set (several hub processes may then share
 * one database).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPgStore } from './pgStore';
import { openSqliteStore } from './sqliteStore';
import type { LrsStore } from './store';

export type StorageConfig =
  | { readonly engine: 'sqlite'; readonly file: string }
  | { readonly engine: 'postgres'; readonly url: string; readonly schema?: string };

/** SQLite's file in a data folder. */
export const sqliteFile = (dataDir: string): string => join(dataDir, 'hub.sqlite');

export function storageFromEnv(dataDir: string | undefined, env: NodeJS.ProcessEnv = process.env): StorageConfig | null {
  const url = env.DATABASE_URL?.trim();
  if (url) return { engine: 'postgres', url };
  return dataDir ? { engine: 'sqlite', file: sqliteFile(dataDir) } : null;
}

export function openStorage(config: StorageConfig): LrsStore {
  if (config.engine === 'postgres') return openPgStore(config);
  mkdirSync(join(config.file, '..'), { recursive: true });
  return openSqliteStore(config.file);
}

/** Where the records are, for messages: the database without its password, or the file. */
export function describeStorage(config: StorageConfig): string {
  if (config.engine === 'sqlite') return config.file;
  try {
    const u = new URL(config.url);
    return `PostgreSQL database ${u.pathname.slice(1) || '(default)'} on ${u.hostname || 'the local socket'}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}
