/**
 * What `baraza hub forward-status` and `forward-release` share: which upstream and
 * which hub's records they are about, and the forwarding store of that hub.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeStorage, storageFromEnv, type StorageConfig } from '../lrs/storage';
import { forwardArgs } from './forwardReport';
import type { ForwardStore } from './forwardStore';
import { openForwardStore } from './openForwardStore';
import { upstreamKey, upstreamTarget } from './upstream';

export interface ForwardCommand {
  /** The upstream's address, as its checkpoint and held statements are kept under. */
  readonly upstream: string;
  readonly config: StorageConfig;
  /** `--forward-to URL --data DIR` as the user would type it again (no credentials). */
  readonly again: string;
  /** Lower-case statement ids given with --id. */
  readonly ids: readonly string[];
}

/** Parses the options, opens the hub's records and runs `work`; the exit code says how it went (2: wrong use). */
export async function runForwardCommand(argv: readonly string[], env: NodeJS.ProcessEnv, usage: string, takesIds: boolean, work: (command: ForwardCommand, store: ForwardStore) => Promise<number>): Promise<number> {
  let command: ForwardCommand | null;
  try {
    const options = { 'forward-to': { type: 'string' }, data: { type: 'string' }, id: { type: 'string', multiple: true } } as const;
    const { values } = parseArgs({ args: [...argv], options, strict: true });
    if (!takesIds && values.id) throw new Error('This command takes no --id; it is about every held statement.');
    const to = values['forward-to'] ?? env.BARAZA_FORWARD_TO;
    if (!to) throw new Error('Say which upstream with --forward-to (the address or enrolment code the hub forwards to).');
    const upstream = upstreamKey(upstreamTarget({ to }));
    const config = storageFromEnv(values.data, env);
    const ids = (values.id ?? []).map((id) => id.trim().toLowerCase());
    command = config && { upstream, config, ids, again: forwardArgs(upstream, values.data) };
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${usage}`);
    return 2;
  }
  if (!command) {
    console.error(`Say where the hub keeps its records with --data DIR, or set DATABASE_URL.\n${usage}`);
    return 2;
  }
  const { config } = command;
  // A mistyped --data would otherwise make an empty hub and report that nothing was forwarded.
  if (config.engine === 'sqlite' && !existsSync(config.file)) {
    console.error(`There is no hub at ${config.file}. Check the path given to --data.`);
    return 1;
  }
  const store = openForwardStore(config);
  try {
    return await work(command, store);
  } catch (err) {
    console.error(`The hub's records at ${describeStorage(config)} could not be read or changed: ${err instanceof Error ? err.message : String(err)}. Check that the database is reachable and try again.`);
    return 1;
  } finally {
    await store.close();
  }
}
