/**
 * Which translations exist, and which were made from an older version of the
 * source text. A translation records `sourceHash:` (in its front matter, or at
 * the top of a quiz file): the hash of the source-language file it was made from.
 * When the source changes, the hash no longer matches and the translation is stale.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ITEM_FOLDERS, type ItemKind } from '../../core/content/model';
import { COMPILERS } from './compilers';

const EXTENSIONS = Object.fromEntries(Object.entries(COMPILERS).map(([kind, c]) => [kind, c.ext])) as Record<ItemKind, string>;
const HASH_LINE = /^sourceHash:\s*([0-9a-f]{16})\s*$/m;

export function sourceHash(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n').trim();
  return createHash('sha256').update(normalized, 'utf8').digest('hex').slice(0, 16);
}

export interface LanguageStatus {
  readonly language: string;
  readonly translated: string[];
  readonly missing: string[];
  readonly stale: string[];
}

interface PackMeta {
  readonly defaultLanguage: string;
  readonly languages: string[];
}

async function readMeta(srcDir: string): Promise<PackMeta> {
  const meta = parse(await readFile(join(srcDir, 'pack.yaml'), 'utf8')) as { defaultLanguage?: string; languages?: unknown };
  return { defaultLanguage: meta.defaultLanguage ?? 'en', languages: Array.isArray(meta.languages) ? meta.languages.map(String) : [] };
}

interface Item {
  readonly key: string;
  readonly folder: string;
  readonly ext: string;
}

async function items(srcDir: string): Promise<Item[]> {
  const out: Item[] = [];
  for (const kind of Object.keys(ITEM_FOLDERS) as ItemKind[]) {
    const dir = join(srcDir, ITEM_FOLDERS[kind]);
    const names = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const d of names.filter((n) => n.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push({ key: `${ITEM_FOLDERS[kind]}/${d.name}`, folder: join(dir, d.name), ext: EXTENSIONS[kind] });
    }
  }
  return out;
}

async function readIfExists(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch(() => null);
}

export async function translationStatus(srcDir: string): Promise<LanguageStatus[]> {
  const meta = await readMeta(srcDir);
  const all = await items(srcDir);
  const statuses = meta.languages.filter((l) => l !== meta.defaultLanguage).map((language) => ({ language, translated: [] as string[], missing: [] as string[], stale: [] as string[] }));
  for (const item of all) {
    const source = await readIfExists(join(item.folder, `${meta.defaultLanguage}.${item.ext}`));
    if (source === null) continue;
    const expected = sourceHash(source);
    for (const status of statuses) {
      const text = await readIfExists(join(item.folder, `${status.language}.${item.ext}`));
      if (text === null) status.missing.push(item.key);
      else if (HASH_LINE.exec(text)?.[1] !== expected) status.stale.push(item.key);
      else status.translated.push(item.key);
    }
  }
  return statuses;
}

/**
 * Records that every existing `language` translation matches the current source.
 * A translator runs this after bringing a translation up to date.
 */
export async function markTranslationsCurrent(srcDir: string, language: string): Promise<string[]> {
  const meta = await readMeta(srcDir);
  if (language === meta.defaultLanguage) throw new Error(`${language} is the source language; only translations carry a source hash.`);
  const changed: string[] = [];
  for (const item of await items(srcDir)) {
    const source = await readIfExists(join(item.folder, `${meta.defaultLanguage}.${item.ext}`));
    const path = join(item.folder, `${language}.${item.ext}`);
    const text = await readIfExists(path);
    if (source === null || text === null) continue;
    const line = `sourceHash: ${sourceHash(source)}`;
    let next: string;
    if (HASH_LINE.test(text)) next = text.replace(HASH_LINE, line);
    else if (item.ext === 'md' && /^---\r?\n/.test(text)) next = text.replace(/^---\r?\n/, (open) => `${open}${line}\n`);
    else next = `${line}\n${text}`;
    if (next !== text) {
      await writeFile(path, next);
      changed.push(item.key);
    }
  }
  return changed;
}
