/**
 * `baraza hub forward-status --forward-to URL --data DIR`: how far forwarding to an
 * upstream has come, what waits, and which statements the upstream refused (held),
 * with its reasons and how to send them again, for when the hub's log has scrolled away.
 * The upload page shows the same report (forwardReport.ts has the words for both).
 */
import { describeStorage } from '../lrs/storage';
import { runForwardCommand } from './forwardCommand';
import { checkpointWords, nextTryWords, readForwardReport, refusalWords, releaseCommand } from './forwardReport';

const USAGE = 'Usage: baraza hub forward-status --forward-to URL --data DIR   (--data is optional when DATABASE_URL is set)';

export function runForwardStatus(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, print: (line: string) => void = console.log): Promise<number> {
  return runForwardCommand(argv, env, USAGE, false, async ({ upstream, config, again }, store) => {
    const report = await readForwardReport(store, upstream);
    print(`forwarding to ${report.upstream} (records in ${describeStorage(config)})`);
    print(checkpointWords(report.checkpoint));
    print(`waiting: ${report.waiting}`);
    print(`held (refused by the upstream, kept here): ${report.held.length}`);
    for (const h of report.held) print(`  ${h.id}  ${h.code}  held ${h.heldAt} (${refusalWords(h)}; ${nextTryWords(h)})  ${h.reason}`);
    if (report.held.length > 0) print(`To send them again in the next round once the upstream is fixed: ${releaseCommand(again)}   (add --id ID for only some)`);
    return 0;
  });
}
