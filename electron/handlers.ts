/**
 * The Electron implementation of the host contract. Everything it needs comes in
 * as plain values, so the handlers run and are tested in Node without Electron.
 */
import type { AppInfo, HostHandlers, PackSource } from '../core/host';
import { createBundleHandlers } from '../services/bundles/hostBundles';
import { findRemovableVolumes } from '../services/drives/volumes';
import { createPackHandlers, fileSource } from '../services/packs/hostPacks';
import type { Library } from '../services/packs/library';

export interface HostHandlerDeps {
  readonly library: Library;
  readonly appVersion: string;
  readonly platform: string;
  /** Shows the system's open-file dialog for .baraza files. */
  readonly choosePackFiles: () => Promise<PackSource[]>;
  /** Shows the system's folder dialog for an export; null when cancelled. */
  readonly chooseExportFolder: () => Promise<string | null>;
  /** The same, for saving learning records as a sync bundle. */
  readonly chooseBundleFolder: () => Promise<string | null>;
}

export function createHostHandlers(deps: HostHandlerDeps): HostHandlers {
  const info: AppInfo = {
    name: 'Baraza',
    version: deps.appVersion,
    host: 'electron',
    platform: deps.platform,
    packBaseUrl: 'pack://',
    // Promise only what the contract can deliver: HostApi has no save or print method yet.
    capabilities: { nativeFileDialogs: true, printToPdf: false, removableDrives: true },
  };
  return {
    appInfo: async () => info,
    ...createPackHandlers({
      library: deps.library,
      appVersion: deps.appVersion,
      resolveSource: fileSource,
      choosePackFiles: deps.choosePackFiles,
      removableVolumes: () => findRemovableVolumes(),
      chooseExportFolder: deps.chooseExportFolder,
    }),
    ...createBundleHandlers({ chooseFolder: deps.chooseBundleFolder }),
  };
}
