/**
 * `baraza hub forward-release --forward-to URL --data DIR [--id UUID …]`: the held
 * statements named (all of that upstream's without --id) go again in the hub's
 * next forwarding round, for when the upstream was fixed. Releasing twice is the same as once.
 */
import { runForwardCommand } from './forwardCommand';

const USAGE = 'Usage: baraza hub forward-release --forward-to URL --data DIR [--id STATEMENT-ID …]   (--data is optional when DATABASE_URL is set)';

export function runForwardRelease(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, print: (line: string) => void = console.log): Promise<number> {
  return runForwardCommand(argv, env, USAGE, true, async ({ upstream, ids, again }, store) => {
    const { released, unknown } = await store.release(upstream, ids);
    if (released.length === 0 && ids.length === 0) {
      print(`Nothing is held for ${upstream}, so there is nothing to release.`);
      return 0;
    }
    if (released.length > 0) {
      print(`${released.length === 1 ? '1 held statement goes' : `${released.length} held statements go`} to ${upstream} again in the hub's next forwarding round (within seconds while the hub runs and reaches the upstream):`);
      for (const id of released) print(`  ${id}`);
    }
    if (unknown.length > 0) {
      console.error(`Not held for ${upstream}: ${unknown.join(', ')}. The upstream never refused ${unknown.length === 1 ? 'it' : 'them'}, or has taken ${unknown.length === 1 ? 'it' : 'them'} since; baraza hub forward-status ${again} lists what is held.`);
      return 1;
    }
    return 0;
  });
}
