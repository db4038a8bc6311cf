/** A pool of its own on the hub's PostgreSQL database, for work beside the hub's storage (forwarding, cleaning). */
import pg from 'pg';
import type { StorageConfig } from './storage';

export type PgConfig = Extract<StorageConfig, { engine: 'postgres' }>;

/** The connection string with the schema as its search path, the way the hub's own pool sets it. */
export function pgConnectionString(config: PgConfig): string {
  if (config.schema === undefined) return config.url;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(config.schema)) throw new Error(`Not a usable schema name: ${config.schema}`);
  const url = new URL(config.url);
  url.searchParams.set('options', `-c search_path=${config.schema}`);
  return url.toString();
}

/** A small pool; `purpose` names it when an idle connection breaks (the server restarted), which would otherwise end the process. */
export function openSidePool(config: PgConfig, purpose: string, max = 2): pg.Pool {
  const pool = new pg.Pool({ connectionString: pgConnectionString(config), max });
  pool.on('error', (err) => console.error(`PostgreSQL connection lost (${purpose}): ${err.message}`));
  return pool;
}
