/**
 * Runs sandboxed before the UI and gives it exactly one object, window.baraza.
 * Each method is one call on the host channel; the main process checks the
 * sender and answers {ok, value} | {ok: false, error}, unwrapped here.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { DesktopBridge, HostArgs, HostMethod, HostReply, HostValue } from '../core/host';
import { encodeHostError } from '../core/host';
import { HOST_CHANNEL } from './channel';

function call<K extends HostMethod>(method: K, args: HostArgs<K>): Promise<HostValue<K>> {
  return ipcRenderer.invoke(HOST_CHANNEL, method, args).then((reply: HostReply<HostValue<K>>) => {
    if (!reply.ok) throw encodeHostError(reply.error);
    return reply.value;
  });
}

const baraza = {
  appInfo: (...args) => call('appInfo', args),
  listPacks: (...args) => call('listPacks', args),
  choosePackFiles: (...args) => call('choosePackFiles', args),
  inspectPack: (...args) => call('inspectPack', args),
  startImport: (...args) => call('startImport', args),
  importJob: (...args) => call('importJob', args),
  removePack: (...args) => call('removePack', args),
  scanDrives: (...args) => call('scanDrives', args),
  exportPack: (...args) => call('exportPack', args),
  saveSyncBundle: (...args) => call('saveSyncBundle', args),
  listTrustedKeys: (...args) => call('listTrustedKeys', args),
  describeKey: (...args) => call('describeKey', args),
  trustKey: (...args) => call('trustKey', args),
  // Since Electron 32 a dropped File has no path; webUtils is the sanctioned way to get it.
  pathForFile: (file) => webUtils.getPathForFile(file),
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('baraza', baraza);
