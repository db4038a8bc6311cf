import { describe, expect, it } from 'vitest';
import { packFileMimeType, parsePackPath } from './packPath';

describe('parsePackPath', () => {
  it('accepts a plain path inside a pack', () => {
    expect(parsePackPath('baraza-starter/en/modules/intro.json')).toEqual({ packId: 'baraza-starter', path: 'en/modules/intro.json' });
  });

  it('decodes one layer of percent-encoding for ordinary characters', () => {
    expect(parsePackPath('p/fr/guides/r%C3%A9sum%C3%A9.json')).toEqual({ packId: 'p', path: 'fr/guides/résumé.json' });
  });

  it.each([
    ['parent segment', 'p/../secret.txt'],
    ['parent segment deep', 'p/en/../../etc/passwd'],
    ['encoded dots', 'p/%2e%2e/secret'],
    ['mixed-case encoded dots', 'p/%2E%2e/secret'],
    ['double-encoded dots', 'p/%252e%252e/secret'],
    ['pack id is ..', '../etc/passwd'],
    ['absolute path', '/etc/passwd'],
    ['encoded absolute', '%2Fetc%2Fpasswd'],
    ['backslash', 'p/en\\..\\..\\x'],
    ['encoded backslash', 'p/en%5c..%5cx'],
    ['drive letter', 'C:/Windows/win.ini'],
    ['drive letter in pack id', 'c:%5cwindows'],
    ['NUL byte', 'p/en/a.json%00.png'],
    ['control character', 'p/en/a%0a.json'],
    ['empty segment', 'p/en//a.json'],
    ['hidden file', 'p/.git/config'],
    ['current dir', 'p/./a.json'],
    ['pack only', 'p'],
    ['empty', ''],
    ['malformed escape', 'p/%E0%A4%A'],
    ['upper-case pack id', 'Pack/a.json'],
  ])('refuses %s', (_name, raw) => {
    expect(parsePackPath(raw)).toBeNull();
  });

  it('refuses overlong paths', () => {
    expect(parsePackPath(`p/${'a'.repeat(3000)}`)).toBeNull();
  });
});

describe('packFileMimeType', () => {
  it('names JSON and images, and falls back to octet-stream', () => {
    expect(packFileMimeType('a/b.json')).toMatch(/^application\/json/);
    expect(packFileMimeType('a/b.PNG')).toBe('image/png');
    expect(packFileMimeType('a/b.exe')).toBe('application/octet-stream');
  });
});
