import { describe, expect, it } from 'vitest';
import { EntryNames, checkEntryPath, entryPathProblem } from './entryNames';

describe('entryPathProblem', () => {
  it.each(['manifest.json', 'en/modules/intro.json', 'docs/', 'a/b/c/', 'café.json', 'cafe\u0301.json', '..hidden', 'a..b', '.well-known/x', 'ﬁle.json', `${'a'.repeat(255)}`, 'CONSOLE.json', 'com10.txt'])(
    'accepts %j',
    (path) => {
      expect(entryPathProblem(path)).toBeNull();
    },
  );

  it.each([
    '',
    '/',
    '../x',
    'a/../x',
    '..',
    '/etc/passwd',
    'C:x',
    'c:/x',
    'a\\b',
    'a\0b',
    'a\nb',
    'a\u007fb',
    'a//b',
    '//server/share',
    './a',
    'a/.',
    'a/./b',
    '.',
    'a.',
    'a ',
    'a/... /b',
    'a:b',
    'a<b',
    'a|b',
    'a?b',
    'a*b',
    'a"b',
    'nul',
    'NUL.json',
    'x/com1.txt',
    'lpt9',
    'a\uFFFDb',
    'a'.repeat(256),
    `${'a/'.repeat(600)}b`,
  ])('refuses %j', (path) => {
    expect(entryPathProblem(path)).not.toBeNull();
    expect(() => checkEntryPath(path)).toThrow(expect.objectContaining({ code: 'unsafe-path', entry: path }));
  });

  it('counts the name limit in UTF-8 bytes, not characters', () => {
    expect(entryPathProblem('é'.repeat(127))).toBeNull();
    expect(entryPathProblem('é'.repeat(128))).not.toBeNull();
  });
});

describe('EntryNames', () => {
  const refusesSecond = (first: string, second: string): void => {
    const names = new EntryNames();
    names.add(first);
    expect(() => names.add(second)).toThrow(expect.objectContaining({ code: 'duplicate-entry', entry: second }));
  };

  it.each([
    ['a.json', 'a.json'],
    ['A.json', 'a.json'],
    ['STRASSE.json', 'straße.json'],
    ['caf\u00e9.json', 'cafe\u0301.json'],
    ['Caf\u00e9/x.json', 'cafe\u0301'],
    ['a', 'a/b'],
    ['a/b', 'a'],
    ['a/', 'a'],
    ['a', 'a/'],
    ['a/', 'A/'],
    ['docs/', 'docs/'],
    ['x/y/z', 'X/Y'],
  ])('refuses %j after %j', (first, second) => {
    refusesSecond(first, second);
  });

  it('accepts distinct names, and a folder entry after files inside it', () => {
    const names = new EntryNames();
    for (const path of ['a/b.json', 'a/', 'a/c/', 'a/c/d.json', 'b.json', 'ab', 'a.b', 'Docs/x', 'docs/y', 'é/x']) names.add(path);
  });
});
