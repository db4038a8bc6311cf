/**
 * `baraza hub forward-status --forward-to URL --data DIR`: how far forwarding to an
 * upstream has come, what waits, and which statements the upstream refused (held),
 * with its reasons and how to send them again, for when the hub's log has scrolled away.
 */
import { describeStorage } from '../lrs/storage';
import { runForwardCommand } from './forwardCommand';
import type { HeldRecord } from './forwardStore';

const USAGE = 'Usage: baraza hub forward-status --forward-to URL --data DIR   (--data is optional when DATABASE_URL is set)';

function nextTry(h: HeldRecord): string {
  return h.retryAt === '' ? 'sent again in the next round' : `tried again on its own after ${h.retryAt}`;
}

export function runForwardStatus(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, print: (line: string) => void = console.log): Promise<number> {
  return runForwardCommand(argv, env, USAGE, false, async ({ upstream, config, again }, store) => {
    const checkpoint = await store.checkpoint(upstream);
    const held = await store.held(upstream);
    print(`forwarding to ${upstream} (records in ${describeStorage(config)})`);
    print(checkpoint.lastId ? `last forwarded: statement ${checkpoint.lastId}, stored ${checkpoint.lastStored ?? '?'}, at ${checkpoint.updated ?? '?'}` : 'nothing forwarded yet');
    print(`waiting: ${await store.countAfter(checkpoint.lastSeq)}`);
    print(`held (refused by the upstream, kept here): ${held.length}`);
    for (const h of held) print(`  ${h.id}  ${h.code}  held ${h.heldAt} (refused ${h.refusals === 1 ? 'once' : `${h.refusals} times`}; ${nextTry(h)})  ${h.reason}`);
    if (held.length > 0) print(`To send them again in the next round once the upstream is fixed: baraza hub forward-release ${again}   (add --id ID for only some)`);
    return 0;
  });
}
