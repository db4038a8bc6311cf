/**
 * `baraza hub forward-status --forward-to URL --data DIR`: how far forwarding to an
 * upstream has come, what waits, and which statements the upstream refused (held),
 * with its reasons, for when the hub's log has scrolled away.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeStorage, storageFromEnv } from '../lrs/storage';
import { openForwardStore } from './openForwardStore';
import { upstreamKey, upstreamTarget } from './upstream';

const USAGE = 'Usage: baraza hub forward-status --forward-to URL --data DIR   (--data is optional when DATABASE_URL is set)';

export async function runForwardStatus(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, print: (line: string) => void = console.log): Promise<number> {
  let upstream: string;
  let data: string | undefined;
  try {
    const { values } = parseArgs({ args: [...argv], options: { 'forward-to': { type: 'string' }, data: { type: 'string' } }, strict: true });
    const to = values['forward-to'] ?? env.BARAZA_FORWARD_TO;
    if (!to) throw new Error('Say which upstream with --forward-to (the address or enrolment code the hub forwards to).');
    upstream = upstreamKey(upstreamTarget({ to }));
    data = values.data;
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const config = storageFromEnv(data, env);
  if (!config) {
    console.error(USAGE);
    return 2;
  }
  // A mistyped --data would otherwise make an empty hub and report that nothing was forwarded.
  if (config.engine === 'sqlite' && !existsSync(config.file)) {
    console.error(`There is no hub at ${config.file}. Check the path given to --data.`);
    return 1;
  }
  const store = openForwardStore(config);
  try {
    const checkpoint = await store.checkpoint(upstream);
    const held = await store.held(upstream);
    print(`forwarding to ${upstream} (records in ${describeStorage(config)})`);
    print(checkpoint.lastId ? `last forwarded: statement ${checkpoint.lastId}, stored ${checkpoint.lastStored ?? '?'}, at ${checkpoint.updated ?? '?'}` : 'nothing forwarded yet');
    print(`waiting: ${await store.countAfter(checkpoint.lastSeq)}`);
    print(`held (refused by the upstream, kept here): ${held.length}`);
    for (const h of held) print(`  ${h.id}  ${h.code}  ${h.heldAt}  ${h.reason}`);
    return 0;
  } catch (err) {
    console.error(`The hub's records at ${describeStorage(config)} could not be read: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await store.close();
  }
}
