import { describe, expect, it } from 'vitest';
import type { PackSummary } from '../core/host';
import { createHostHandlers } from './handlers';

const installed: PackSummary[] = [{ id: 'core-ai', version: 3, title: { en: 'AI governance basics' }, languages: ['en', 'fr'] }];
const library = { resolve: async () => null, summaries: async () => installed };

describe('createHostHandlers', () => {
  const handlers = () => createHostHandlers({ library, appVersion: '1.2.3', platform: 'win32' });

  it('describes the Electron host', async () => {
    expect(await handlers().appInfo()).toEqual({
      name: 'Baraza',
      version: '1.2.3',
      host: 'electron',
      platform: 'win32',
      packBaseUrl: 'pack://',
      capabilities: { nativeFileDialogs: false, printToPdf: false },
    });
  });

  it('lists what the pack library has installed', async () => {
    expect(await handlers().listPacks()).toEqual(installed);
  });
});
