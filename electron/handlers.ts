/**
 * The Electron implementation of the host contract. Everything it needs comes in
 * as plain values, so the handlers run and are tested in Node without Electron.
 */
import type { AppInfo, HostHandlers } from '../core/host';
import type { PackSource } from '../services/packs/library';

export interface HostHandlerDeps {
  readonly library: PackSource;
  readonly appVersion: string;
  readonly platform: string;
}

export function createHostHandlers(deps: HostHandlerDeps): HostHandlers {
  const info: AppInfo = {
    name: 'Baraza',
    version: deps.appVersion,
    host: 'electron',
    platform: deps.platform,
    packBaseUrl: 'pack://',
    // Promise only what the contract can deliver: HostApi has no save or print method yet.
    capabilities: { nativeFileDialogs: false, printToPdf: false },
  };
  return {
    appInfo: async () => info,
    listPacks: () => deps.library.summaries(),
  };
}
