/**
 * Every window, web contents and session goes through this module, so Electron's
 * security checklist is enforced in one place (DESIGN decision 7). Only type
 * imports from 'electron': the predicates are unit-tested in plain Node.
 */
import type { App, Session, WebPreferences } from 'electron';

export const APP_HOST = 'baraza';
export const APP_ORIGIN = `app://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' pack: data:",
  // http(s): the sync hub or LRS the person configures; nothing else in the page makes requests.
  "connect-src 'self' pack: http: https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** True only for the renderer's own origin; anything unparsable, with a port or credentials, is not ours. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'app:' && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    plugins: false,
    enableWebSQL: false,
    // A dropped file would otherwise replace the app with a file:// page.
    navigateOnDragDrop: false,
    // The spellchecker fetches dictionaries from the network; the app is offline.
    spellcheck: false,
    safeDialogs: true,
  };
}

interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

/** The part of WebContents that hardening touches: narrow, so a plain EventEmitter stands in for it in tests. */
export interface HardenableContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
}

/** Stops a navigation that would leave app://baraza/ (links in pack text, redirects, drops). */
function keepInApp(event: NavigationEvent): void {
  if (!isAppUrl(event.url)) event.preventDefault();
}

export function hardenWebContents(contents: HardenableContents): void {
  contents.on('will-navigate', keepInApp);
  contents.on('will-frame-navigate', keepInApp);
  contents.on('will-redirect', keepInApp);
  // No new windows and no shell.openExternal: a link in a pack must not reach the system browser.
  contents.setWindowOpenHandler(() => ({ action: 'deny' as const }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The part of a Session that hardening touches (narrow for the same reason). */
export interface HardenableSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

export function hardenSession(session: HardenableSession): void {
  // Nothing in the app needs a camera, location, notifications or the clipboard API: refuse them all.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // The CSP is sent by the app:// handler itself (protocols.ts): webRequest's header
  // events do not fire for custom-protocol responses, so a header hook here would be a no-op.
}

/** Installs the hardening on every web contents the app ever creates. Call before app ready. */
export function hardenApp(app: App): void {
  app.enableSandbox();
  const hardened = new WeakSet<Session>();
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
    if (!hardened.has(contents.session)) {
      hardened.add(contents.session);
      hardenSession(contents.session);
    }
  });
}
