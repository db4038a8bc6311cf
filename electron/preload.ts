/**
 * Runs sandboxed before the UI and gives it exactly one object, window.baraza.
 * Each method is one call on the host channel; the main process checks the
 * sender and answers {ok, value} | {ok: false, error}, unwrapped here.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { HostApi, HostArgs, HostMethod, HostReply, HostValue } from '../core/host';
import { unwrapHostReply } from '../core/host';
import { HOST_CHANNEL } from './channel';

function call<K extends HostMethod>(method: K, args: HostArgs<K>): Promise<HostValue<K>> {
  return ipcRenderer.invoke(HOST_CHANNEL, method, args).then((reply: HostReply<HostValue<K>>) => unwrapHostReply(reply));
}

const baraza = {
  appInfo: (...args) => call('appInfo', args),
  listPacks: (...args) => call('listPacks', args),
} satisfies HostApi;

contextBridge.exposeInMainWorld('baraza', baraza);
