/** The sync-bundle method of HostApi, for the hosts that can write to the computer. */
import { HostCallError, type HostHandlers } from '../../core/host';
import { MAX_BUNDLE_BYTES } from '../../core/sync/bundle';
import { BundleSaveError, saveSyncBundle } from './saveBundle';

export interface HostBundleDeps {
  /** Asks where to save; null when the person cancelled. Absent where the host cannot write to the computer. */
  readonly chooseFolder?: () => Promise<string | null>;
}

export function createBundleHandlers(deps: HostBundleDeps): Pick<HostHandlers, 'saveSyncBundle'> {
  return {
    saveSyncBundle: async (fileName, text) => {
      if (typeof fileName !== 'string' || typeof text !== 'string' || text.length > MAX_BUNDLE_BYTES) throw new HostCallError('bad-arguments', 'Expected a file name and the text of a bundle');
      if (!deps.chooseFolder) throw new HostCallError('unsupported', 'This host cannot write to the computer; the browser saves the file instead');
      const folder = await deps.chooseFolder();
      if (!folder) return { saved: false };
      try {
        const saved = await saveSyncBundle(folder, fileName, text);
        return { saved: true, location: saved.file, bytes: saved.bytes };
      } catch (err) {
        // The code leads the message so the app can word the problem in the learner's language.
        if (err instanceof BundleSaveError) throw new HostCallError(err.code === 'bad-bundle' ? 'bad-arguments' : 'failed', `${err.code}: ${err.message}`);
        throw err;
      }
    },
  };
}
