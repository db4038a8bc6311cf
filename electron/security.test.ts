import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, hardenSession, hardenWebContents, isAppUrl, secureWebPreferences } from './security';

describe('secureWebPreferences', () => {
  it('isolates the page from Node and keeps web security on', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('never turns on Blink features or a shared partition', () => {
    const prefs = secureWebPreferences('/p.cjs');
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.partition).toBeUndefined();
    expect(prefs.additionalArguments).toBeUndefined();
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d] as const));

  it('allows scripts only from the app itself', () => {
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/);
  });

  it('shuts objects, base, forms and framing', () => {
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('base-uri')).toBe("base-uri 'none'");
    expect(directives.get('form-action')).toBe("form-action 'none'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
  });

  it('lets images and fetches reach pack files only', () => {
    expect(directives.get('img-src')).toBe("img-src 'self' pack: data:");
    expect(directives.get('connect-src')).toBe("connect-src 'self' pack: http: https:");
  });
});

describe('isAppUrl', () => {
  it.each(['app://baraza/index.html', 'app://baraza/', 'app://baraza', 'app://baraza/assets/x.js?v=1#top'])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'app://baraza.evil/index.html',
    'app://evil/baraza/index.html',
    'app://baraza:8080/',
    'app://user:pw@baraza/',
    'app://BARAZA/',
    'pack://baraza/index.html',
    'https://baraza/index.html',
    'http://localhost:5173/',
    'file:///C:/baraza/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'about:blank',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

/** Stands in for a WebContents: records the window-open handler, emits navigation events. */
class FakeContents extends EventEmitter {
  openHandler: (() => { action: string }) | undefined;
  setWindowOpenHandler(handler: () => { action: string }): void {
    this.openHandler = handler;
  }
}

function navigation(url: string): { url: string; prevented: boolean; preventDefault(): void } {
  return { url, prevented: false, preventDefault() { this.prevented = true; } };
}

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s stops anything that leaves the app', (event) => {
    const contents = new FakeContents();
    hardenWebContents(contents);
    for (const url of ['https://example.org/', 'file:///etc/passwd', 'pack://core-ai/module.json', 'app://evil/', 'javascript:alert(1)']) {
      const nav = navigation(url);
      contents.emit(event, nav);
      expect(nav.prevented, url).toBe(true);
    }
  });

  it('lets the app move between its own pages', () => {
    const contents = new FakeContents();
    hardenWebContents(contents);
    const nav = navigation('app://baraza/index.html#/modules');
    contents.emit('will-navigate', nav);
    expect(nav.prevented).toBe(false);
  });

  it('denies every new window and webview', () => {
    const contents = new FakeContents();
    hardenWebContents(contents);
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
    const attach = navigation('about:blank');
    contents.emit('will-attach-webview', attach);
    expect(attach.prevented).toBe(true);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const installed: {
      request?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
      check?: () => boolean;
    } = {};
    const session = {
      setPermissionRequestHandler: (h: NonNullable<typeof installed.request>) => void (installed.request = h),
      setPermissionCheckHandler: (h: NonNullable<typeof installed.check>) => void (installed.check = h),
    };
    hardenSession(session);
    return installed;
  }

  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'unknown'])('refuses a %s permission request and check', (permission) => {
    const installed = fakeSession();
    let granted: boolean | undefined;
    installed.request?.(null, permission, (g) => (granted = g));
    expect(granted).toBe(false);
    expect(installed.check?.()).toBe(false);
  });
});
