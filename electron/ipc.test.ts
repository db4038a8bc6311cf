import { describe, expect, it, vi } from 'vitest';
import type { HostHandlers } from '../core/host';
import { HostCallError } from '../core/host';
import { createIpcListener, isTrustedSender, type IpcSenderEvent } from './ipc';

const INFO = {
  name: 'Baraza',
  version: '1.0.0',
  host: 'electron',
  platform: 'linux',
  packBaseUrl: 'pack://',
  capabilities: { nativeFileDialogs: false, printToPdf: false, removableDrives: false },
} as const;

/** Recording handlers: each method resolves with a marker; the tests check which were reached. */
function handlers(): HostHandlers {
  const unused = async (): Promise<never> => {
    throw new Error('not used in this test');
  };
  return {
    appInfo: vi.fn(async () => INFO),
    listPacks: vi.fn(async () => []),
    choosePackFiles: vi.fn(async () => []),
    inspectPack: vi.fn(unused),
    startImport: vi.fn(unused),
    importJob: vi.fn(unused),
    removePack: vi.fn(unused),
    scanDrives: vi.fn(unused),
    exportPack: vi.fn(unused),
    saveSyncBundle: vi.fn(unused),
    listTrustedKeys: vi.fn(async () => []),
    describeKey: vi.fn(unused),
    trustKey: vi.fn(unused),
  };
}

/** An IPC event as Electron would build it for a frame at `url`. */
function from(url: string, parent: unknown = null): IpcSenderEvent {
  return { senderFrame: { url, parent } };
}

const mainFrame = from('app://baraza/index.html#/modules');

describe('isTrustedSender', () => {
  it('trusts the main frame of the app', () => {
    expect(isTrustedSender(mainFrame)).toBe(true);
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'app://evil/index.html',
    'app://baraza.evil/index.html',
    'app://baraza:1/index.html',
    'pack://core-ai/module.html',
    'file:///home/user/index.html',
    'about:blank',
    'data:text/html,hi',
    '',
  ])('refuses a frame at %s', (url) => {
    expect(isTrustedSender(from(url))).toBe(false);
  });

  it('refuses an iframe even when it shows the app', () => {
    expect(isTrustedSender(from('app://baraza/index.html', { url: 'app://baraza/index.html' }))).toBe(false);
  });

  it('refuses a missing or disposed frame', () => {
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
    const disposed: IpcSenderEvent = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender(disposed)).toBe(false);
  });
});

describe('createIpcListener', () => {
  it('answers a trusted call with {ok, value}', async () => {
    const listener = createIpcListener(handlers(), isTrustedSender);
    expect(await listener(mainFrame, 'appInfo', [])).toEqual({ ok: true, value: INFO });
  });

  it('refuses a forged sender without calling any handler', async () => {
    const h = handlers();
    const listener = createIpcListener(h, isTrustedSender);
    const reply = await listener(from('https://evil.example/'), 'listPacks', []);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(h.listPacks).not.toHaveBeenCalled();
  });

  it.each(['deleteEverything', 'constructor', '__proto__', 'toString', 42, null, undefined, ['appInfo']])('refuses the unknown method %s', async (method) => {
    const reply = await createIpcListener(handlers(), isTrustedSender)(mainFrame, method, []);
    expect(reply).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it.each([undefined, null, 'x', { 0: 'a', length: 1 }, 7])('refuses non-array arguments %j', async (args) => {
    const reply = await createIpcListener(handlers(), isTrustedSender)(mainFrame, 'listPacks', args);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-arguments' } });
  });

  it('folds a handler failure into an error reply instead of throwing', async () => {
    const failing: HostHandlers = {
      ...handlers(),
      listPacks: async () => {
        throw new Error('disk unplugged');
      },
      appInfo: async () => {
        throw new HostCallError('not-found', 'no info');
      },
    };
    const listener = createIpcListener(failing, isTrustedSender);
    expect(await listener(mainFrame, 'listPacks', [])).toEqual({ ok: false, error: { code: 'failed', message: 'disk unplugged' } });
    expect(await listener(mainFrame, 'appInfo', [])).toEqual({ ok: false, error: { code: 'not-found', message: 'no info' } });
  });
});
