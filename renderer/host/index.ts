import type { HostApi } from '../../core/host';
import { webHost } from './web';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a browser. */
    readonly baraza?: HostApi;
  }
}

/** The host this renderer runs in: Electron's preload object, or HTTP to the web host. */
export const host: HostApi = window.baraza ?? webHost;
