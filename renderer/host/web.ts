/** HostApi over HTTP, for the web host (hub/webHost.ts). */
import type { HostApi, HostArgs, HostMethod, HostReply, HostValue } from '../../core/host';
import { HostCallError, unwrapHostReply } from '../../core/host';

async function call<K extends HostMethod>(method: K, ...args: HostArgs<K>): Promise<HostValue<K>> {
  let response: Response;
  try {
    response = await fetch(`api/host/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
  } catch (err) {
    throw new HostCallError('failed', `The app server did not answer: ${String(err)}`);
  }
  const reply = (await response.json().catch(() => null)) as HostReply<HostValue<K>> | null;
  if (!reply || typeof reply.ok !== 'boolean') throw new HostCallError('failed', `The app server sent an unreadable reply (${response.status})`);
  return unwrapHostReply(reply);
}

export const webHost = {
  appInfo: () => call('appInfo'),
  listPacks: () => call('listPacks'),
  choosePackFiles: () => call('choosePackFiles'),
  inspectPack: (source) => call('inspectPack', source),
  startImport: (source) => call('startImport', source),
  importJob: (jobId) => call('importJob', jobId),
  removePack: (packId) => call('removePack', packId),
  scanDrives: () => call('scanDrives'),
  exportPack: (packId) => call('exportPack', packId),
  // The browser saves the file itself (a download); the page never sends a whole bundle here.
  saveSyncBundle: () => Promise.reject(new HostCallError('unsupported', 'The browser saves the file itself')),
  listTrustedKeys: () => call('listTrustedKeys'),
  describeKey: (text) => call('describeKey', text),
  trustKey: (text) => call('trustKey', text),
} satisfies HostApi;
