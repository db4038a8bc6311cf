/**
 * The main-process end of the host channel: check who is calling, then hand the
 * call to the shared dispatcher, which folds every outcome into a HostReply.
 */
import type { HostHandlers, HostReply } from '../core/host';
import { dispatchHostCall } from '../core/host';
import { isAppUrl } from './security';

/** The part of an IPC event the sender check reads; Electron's IpcMainInvokeEvent has this shape. */
export interface IpcSenderEvent {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** Only the main frame of our own UI may call the host; iframes and any other page may not. */
export function isTrustedSender(event: IpcSenderEvent): boolean {
  try {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isAppUrl(frame.url);
  } catch {
    // Reading a frame that has navigated away or been disposed throws: treat it as a stranger.
    return false;
  }
}

export function createIpcListener<E>(
  handlers: HostHandlers,
  isTrusted: (event: E) => boolean,
): (event: E, method: unknown, args: unknown) => Promise<HostReply<unknown>> {
  return async (event, method, args) => {
    if (!isTrusted(event)) {
      return { ok: false, error: { code: 'forbidden', message: 'This page may not call the Baraza host.' } };
    }
    return dispatchHostCall(handlers, method, args);
  };
}
