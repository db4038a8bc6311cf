/** The `baraza` command: keys, packs, and the app build's content step. */
import { UsageError } from './args';
import { bundle, BUNDLE_USAGE } from './commands/bundle';
import { keygen, KEYGEN_USAGE } from './commands/keygen';
import { pack, PACK_USAGE } from './commands/pack';

const USAGE = `Usage:
  ${KEYGEN_USAGE}
  ${PACK_USAGE}
  ${BUNDLE_USAGE}`;

const GROUPS: Record<string, (argv: readonly string[]) => Promise<number>> = { keygen, pack, bundle };

export async function main(argv: readonly string[]): Promise<number> {
  const [group, ...rest] = argv;
  const run = group ? GROUPS[group] : undefined;
  if (!run || group === '--help' || group === 'help') {
    console.error(USAGE);
    return group === '--help' || group === 'help' ? 0 : 2;
  }
  try {
    return await run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    // Anything else is a plain message, never a stack trace.
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}
