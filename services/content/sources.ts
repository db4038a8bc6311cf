/**
 * Reads a pack's authoring sources (Markdown with front matter, YAML) and turns
 * them into the compiled model of core/content. Every problem is collected with
 * its file and line, so an author sees all of them at once.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ItemKind, PackIndex, PackIndexItem } from '../../core/content/model';
import { ITEM_FOLDERS, PACK_INDEX_FORMAT, itemPath } from '../../core/content/model';
import { ContentError, ITEM_PARSERS } from '../../core/content/validate';
import { COMPILERS, parseYaml, type SourceProblem } from './compilers';
import { checkLinks, checkReferences, checkTranslationShapes } from './references';

export type { SourceProblem } from './compilers';

export interface CompiledPack {
  readonly index: PackIndex;
  /** Compiled item JSON by pack-relative path (`en/modules/x.json`). */
  readonly files: ReadonlyMap<string, unknown>;
  /** Images the texts show, by pack-relative path (`media/x.png`), with the source file to copy. */
  readonly media: ReadonlyMap<string, string>;
}

export class SourceError extends Error {
  constructor(readonly problems: readonly SourceProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
    this.name = 'SourceError';
  }
}

async function listDirs(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return [];
  }
}

function orderOf(text: string): number {
  const match = /^order:\s*(\d+)\s*$/m.exec(text);
  return match?.[1] ? Number(match[1]) : 1000;
}

export async function compilePackSources(srcDir: string): Promise<CompiledPack> {
  const problems: SourceProblem[] = [];
  const rel = (p: string): string => relative(process.cwd(), p) || p;
  const packFile = join(srcDir, 'pack.yaml');
  let packText: string;
  try {
    packText = await readFile(packFile, 'utf8');
  } catch {
    throw new SourceError([{ file: rel(packFile), line: 1, message: 'pack.yaml not found' }]);
  }
  const meta = parseYaml(packText, rel(packFile), problems);
  if (!meta) throw new SourceError(problems);
  const languages = Array.isArray(meta.languages) ? meta.languages.map(String) : [];
  const defaultLanguage = String(meta.defaultLanguage ?? 'en');

  const files = new Map<string, unknown>();
  const sourceOf = new Map<string, string>();
  const markdown: { file: string; text: string }[] = [];
  const items: PackIndexItem[] = [];
  for (const kind of Object.keys(COMPILERS) as ItemKind[]) {
    const { ext, compile } = COMPILERS[kind];
    for (const id of await listDirs(join(srcDir, ITEM_FOLDERS[kind]))) {
      const present: string[] = [];
      let order = 1000;
      let sections: string[] | undefined;
      for (const lang of languages) {
        const file = join(srcDir, ITEM_FOLDERS[kind], id, `${lang}.${ext}`);
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch {
          continue;
        }
        const before = problems.length;
        markdown.push({ file: rel(file), text });
        const json = compile(id, text, rel(file), problems);
        if (problems.length > before || json === null) continue;
        const path = itemPath(lang, kind, id);
        try {
          const value = ITEM_PARSERS[kind](json, path);
          files.set(path, value);
          sourceOf.set(path, rel(file));
        } catch (err) {
          const message = err instanceof ContentError ? err.message.replace(`${path}: `, '').replace(`${path}.`, '') : String(err);
          problems.push({ file: rel(file), line: 1, message });
          continue;
        }
        present.push(lang);
        if (lang === defaultLanguage) {
          order = orderOf(text);
          if (kind === 'module') sections = (files.get(path) as { sections: { id: string }[] }).sections.map((s) => s.id);
        }
      }
      if (!present.includes(defaultLanguage)) {
        problems.push({ file: rel(join(srcDir, ITEM_FOLDERS[kind], id)), line: 1, message: `no valid ${defaultLanguage}.${ext}: every item needs the source language` });
        continue;
      }
      items.push({ kind, id, order, languages: present, ...(sections ? { sections } : {}) });
    }
  }
  const contents = { items, files, defaultLanguage };
  checkReferences(contents, sourceOf, problems);
  checkTranslationShapes(contents, sourceOf, problems);
  const media = await checkLinks(markdown, contents, srcDir, problems);
  if (problems.length > 0) throw new SourceError(problems);
  const index: PackIndex = {
    format: PACK_INDEX_FORMAT,
    id: String(meta.id),
    version: Number(meta.version),
    defaultLanguage,
    languages,
    title: (meta.title ?? {}) as Record<string, string>,
    items,
  };
  return { index, files, media };
}

