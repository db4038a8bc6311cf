import type { DesktopBridge, HostApi, HostMethod, PackSource } from '../../core/host';
import { decodeHostError, HOST_METHODS, HostCallError } from '../../core/host';
import { webHost } from './web';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a browser. */
    readonly baraza?: DesktopBridge;
  }
}

/** The preload's methods, with each rejection turned back into a HostCallError carrying its code. */
function desktopHost(bridge: DesktopBridge): HostApi {
  const wrapped: Partial<Record<HostMethod, unknown>> = {};
  for (const method of HOST_METHODS) {
    const fn = bridge[method] as (...args: unknown[]) => Promise<unknown>;
    wrapped[method] = (...args: unknown[]) => fn(...args).catch((err: unknown) => Promise.reject(decodeHostError(err)));
  }
  return wrapped as HostApi;
}

/** The host this renderer runs in: Electron's preload object, or HTTP to the web host. */
export const host: HostApi = window.baraza ? desktopHost(window.baraza) : webHost;

/**
 * A file the person picked in the page or dropped on it, as a source the host can
 * install: its path on the desktop, or an upload to the web host (with progress).
 */
export function sourceForFile(file: File, onProgress?: (sent: number, total: number) => void): Promise<PackSource> {
  const desktop = window.baraza;
  if (desktop) return Promise.resolve({ kind: 'file', path: desktop.pathForFile(file) });
  return new Promise((resolve, reject) => {
    // XMLHttpRequest, unlike fetch, reports upload progress.
    const request = new XMLHttpRequest();
    request.open('POST', 'api/packs/upload');
    request.upload.onprogress = (e) => onProgress?.(e.loaded, e.total || file.size);
    request.onerror = () => reject(new HostCallError('failed', 'The upload was interrupted'));
    request.onload = () => {
      const reply = JSON.parse(request.responseText || 'null') as { ok: boolean; value?: PackSource; error?: { message: string } } | null;
      if (reply?.ok && reply.value) resolve(reply.value);
      else reject(new HostCallError('failed', reply?.error?.message ?? `Upload failed (${request.status})`));
    };
    request.send(file);
  });
}
