import { describe, expect, it } from 'vitest';
import type { PackManifest } from './manifest';
import { itemChanges } from './changes';

const manifest = (files: [string, string][]): PackManifest => ({
  format: 1,
  id: 'p',
  version: 1,
  title: {},
  description: {},
  languages: ['en'],
  publisher: { name: 'P', keyId: '0123456789ABCDEF' },
  minAppVersion: '0.1.0',
  files: files.map(([path, sha256]) => ({ path, size: 1, sha256: sha256.repeat(64).slice(0, 64) })),
});

describe('itemChanges', () => {
  it('sorts modules into added, changed (any language) and removed', () => {
    const before = manifest([['en/modules/a.json', '1'], ['fr/modules/a.json', '2'], ['en/modules/b.json', '3'], ['en/modules/gone.json', '4'], ['pack.json', '5']]);
    const after = manifest([['en/modules/a.json', '1'], ['fr/modules/a.json', '9'], ['en/modules/b.json', '3'], ['en/modules/new.json', '6'], ['pack.json', '7']]);
    expect(itemChanges(before, after)).toEqual({ added: ['new'], changed: ['a'], removed: ['gone'] });
  });

  it('counts everything as added on a first install', () => {
    expect(itemChanges(null, manifest([['en/modules/a.json', '1'], ['en/guidelines/g.json', '2']]))).toEqual({ added: ['a'], changed: [], removed: [] });
  });
});
