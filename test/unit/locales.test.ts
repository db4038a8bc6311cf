/**
 * Every language has exactly the keys English has: no key missing, none extra,
 * each plural in exactly the forms that language's plural rules use, and the
 * same {{placeholders}}.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../renderer/i18n/languages';

const DIR = join(__dirname, '../../locales');
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function load(code: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(join(DIR, `${code}.json`), 'utf8')) as Tree);
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

const english = load('en');
const pluralBases = new Set([...english.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
const plainKeys = [...english.keys()].filter((k) => !PLURAL.test(k));

describe('locales', () => {
  it('has one file per supported language and nothing else', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.notes.json')).map((f) => f.replace('.json', '')).sort();
    expect(files).toEqual(LANGUAGES.map((l) => l.code).sort());
  });

  it('has notes only for keys that exist', () => {
    const notes = JSON.parse(readFileSync(join(DIR, 'en.notes.json'), 'utf8')) as Record<string, string>;
    for (const key of Object.keys(notes)) expect(english.has(key) || pluralBases.has(key), key).toBe(true);
  });

  for (const { code } of LANGUAGES.filter((l) => l.code !== 'en')) {
    describe(code, () => {
      const strings = load(code);
      const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;

      it('has every plain key English has, and no other', () => {
        const own = [...strings.keys()].filter((k) => !pluralBases.has(k.replace(PLURAL, '')));
        expect(own.sort()).toEqual([...plainKeys].sort());
      });

      it(`has each plural in exactly its forms (${categories.join(', ')})`, () => {
        for (const base of pluralBases) {
          const forms = [...strings.keys()].filter((k) => k.replace(PLURAL, '') === base).map((k) => PLURAL.exec(k)?.[1]);
          expect(forms.sort(), base).toEqual([...categories].sort());
        }
      });

      it('uses only placeholders English provides, and every one in plain strings', () => {
        for (const [key, text] of strings) {
          expect(text.trim(), key).not.toBe('');
          const base = key.replace(PLURAL, '');
          const source = english.get(key) ?? english.get(`${base}_other`) ?? '';
          const allowed = placeholders(source);
          for (const p of placeholders(text)) expect(allowed, `${key} uses {{${p}}}`).toContain(p);
          if (!pluralBases.has(base)) expect(placeholders(text), key).toEqual(allowed);
        }
      });
    });
  }
});
