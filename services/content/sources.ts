/**
 * Reads a pack's authoring sources (Markdown with front matter, YAML) and turns
 * them into the compiled model of core/content. Every problem is collected with
 * its file and line, so an author sees all of them at once.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseDocument, isMap } from 'yaml';
import type { ItemKind, PackIndex, PackIndexItem } from '../../core/content/model';
import { ITEM_FOLDERS, PACK_INDEX_FORMAT } from '../../core/content/model';
import { isSafePackPath } from '../../core/pack/manifest';
import { splitSections } from '../../core/content/markdown';
import { ContentError, ITEM_PARSERS } from '../../core/content/validate';

export interface SourceProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

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

type Fields = Record<string, unknown>;

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function parseYaml(text: string, file: string, problems: SourceProblem[], lineOffset = 0): Fields | null {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) problems.push({ file, line: lineOffset + lineOf(text, err.pos[0]), message: err.message.split('\n')[0] ?? 'YAML error' });
    return null;
  }
  if (!isMap(doc.contents)) {
    problems.push({ file, line: lineOffset + 1, message: 'expected a set of "key: value" fields' });
    return null;
  }
  try {
    return doc.toJS({ maxAliasCount: 50 }) as Fields;
  } catch (err) {
    // yaml refuses documents whose aliases would expand without bound.
    problems.push({ file, line: lineOffset + 1, message: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

/** Splits `---\nfront matter\n---\nbody`. */
function frontMatter(text: string, file: string, problems: SourceProblem[]): { fields: Fields; body: string; bodyLine: number } | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match?.[1]) {
    problems.push({ file, line: 1, message: 'missing front matter: the file must start with a line "---", the fields, and another "---"' });
    return null;
  }
  const fields = parseYaml(match[1], file, problems, 1);
  if (!fields) return null;
  return { fields, body: text.slice(match[0].length), bodyLine: lineOf(text, match[0].length) };
}

async function listDirs(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return [];
  }
}

function compileModule(id: string, text: string, file: string, problems: SourceProblem[]): unknown {
  const parsed = frontMatter(text, file, problems);
  if (!parsed) return null;
  const { sections, untagged, preamble } = splitSections(parsed.body);
  for (const line of untagged) {
    problems.push({ file, line: parsed.bodyLine + line - 1, message: 'a "## " heading needs a stable id, written "## Title {#an-id}"' });
  }
  if (preamble.length > 0) problems.push({ file, line: parsed.bodyLine, message: 'text before the first "## " section heading is not shown; move it into a section' });
  const f = parsed.fields;
  return {
    id,
    title: f.title,
    summary: f.summary ?? '',
    durationMinutes: f.duration,
    objectives: f.objectives ?? [],
    ...(f.quiz !== undefined ? { quizId: f.quiz } : {}),
    sections: sections.map((s) => ({ id: s.id, title: s.title, body: s.body })),
  };
}

function compileGuideline(id: string, text: string, file: string, problems: SourceProblem[]): unknown {
  const parsed = frontMatter(text, file, problems);
  if (!parsed) return null;
  const f = parsed.fields;
  return {
    id,
    title: f.title,
    issuer: f.issuer,
    adopted: f.adopted,
    legalNature: f.legalNature,
    url: f.url,
    factsAsOf: f.factsAsOf instanceof Date ? f.factsAsOf.toISOString().slice(0, 10) : f.factsAsOf,
    summary: f.summary ?? '',
    body: parsed.body.trim(),
  };
}

function answerIds(answer: unknown): unknown {
  if (typeof answer === 'boolean') return [String(answer)];
  if (typeof answer === 'string') return [answer];
  return answer;
}

function compileQuiz(id: string, text: string, file: string, problems: SourceProblem[]): unknown {
  const f = parseYaml(text, file, problems);
  if (!f) return null;
  const questions = Array.isArray(f.questions) ? (f.questions as unknown[]) : f.questions;
  return {
    id,
    title: f.title,
    ...(f.module !== undefined ? { moduleId: f.module } : {}),
    passMark: f.passMark,
    questions: Array.isArray(questions)
      ? questions.map((q: unknown) => {
          const r = (q ?? {}) as Fields;
          return {
            id: r.id,
            kind: r.type,
            prompt: r.prompt,
            ...(r.type === 'true-false' ? {} : { options: r.options }),
            correct: answerIds(r.answer),
            explanation: r.explanation,
            ...(r.section !== undefined ? { sectionId: r.section } : {}),
          };
        })
      : questions,
  };
}

const COMPILERS: Record<ItemKind, { ext: string; compile: (id: string, text: string, file: string, p: SourceProblem[]) => unknown }> = {
  module: { ext: 'md', compile: compileModule },
  guideline: { ext: 'md', compile: compileGuideline },
  quiz: { ext: 'yaml', compile: compileQuiz },
};

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
        if (ext === 'md') markdown.push({ file: rel(file), text });
        const json = compile(id, text, rel(file), problems);
        if (problems.length > before || json === null) continue;
        const path = `${lang}/${ITEM_FOLDERS[kind]}/${id}.json`;
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
  checkReferences(items, files, sourceOf, problems);
  const media = await checkLinks(markdown, items, srcDir, problems);
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

const LINK = /(!?)\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g;
const IMAGE_TYPES = /\.(png|jpe?g|webp|svg)$/i;

/**
 * Links between items are written as app routes (`#/modules/ID`, `#/modules/ID/SECTION`,
 * `#/guidelines/ID`, `#/assessments/ID`) and must name something in the pack; links to
 * the web must be https; images live in the pack's media/ folder.
 */
async function checkLinks(
  sources: readonly { file: string; text: string }[],
  items: readonly PackIndexItem[],
  srcDir: string,
  problems: SourceProblem[],
): Promise<Map<string, string>> {
  const media = new Map<string, string>();
  const has = (kind: ItemKind, id: string | undefined): PackIndexItem | undefined => items.find((i) => i.kind === kind && i.id === id);
  for (const { file, text } of sources) {
    for (const match of text.matchAll(LINK)) {
      const [, bang, target = ''] = match;
      const line = lineOf(text, match.index ?? 0);
      const report = (message: string): void => void problems.push({ file, line, message });
      if (bang) {
        if (!target.startsWith('media/') || !isSafePackPath(target) || !IMAGE_TYPES.test(target)) {
          report(`image "${target}" must be a .png, .jpg, .webp or .svg file in the pack's media/ folder, written media/NAME`);
          continue;
        }
        const source = join(srcDir, ...target.split('/'));
        const exists = await stat(source).then((s) => s.isFile(), () => false);
        if (exists) media.set(target, source);
        else report(`image "${target}" does not exist`);
        continue;
      }
      if (/^https:\/\//.test(target)) continue;
      const route = /^#\/(modules|guidelines|assessments)\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?$/.exec(target);
      if (!route) {
        report(`link "${target}" is not understood: link to #/modules/ID, #/guidelines/ID, #/assessments/ID or an https:// address`);
        continue;
      }
      const [, area, id, sub] = route;
      const kind: ItemKind = area === 'modules' ? 'module' : area === 'guidelines' ? 'guideline' : 'quiz';
      const item = has(kind, id);
      if (!item) report(`link "${target}" points to a ${kind} that does not exist`);
      else if (kind === 'module' && sub && !item.sections?.includes(sub)) report(`link "${target}" points to a section that module "${id}" does not have`);
    }
  }
  return media;
}

/** Quizzes name modules and sections that exist; modules name quizzes that exist. */
function checkReferences(items: readonly PackIndexItem[], files: ReadonlyMap<string, unknown>, sourceOf: ReadonlyMap<string, string>, problems: SourceProblem[]): void {
  const modules = new Map(items.filter((i) => i.kind === 'module').map((i) => [i.id, i]));
  const quizzes = new Set(items.filter((i) => i.kind === 'quiz').map((i) => i.id));
  for (const [path, value] of files) {
    const v = value as { moduleId?: string; quizId?: string; questions?: { id: string; sectionId?: string }[] };
    const where = sourceOf.get(path) ?? path;
    if (v.quizId && !quizzes.has(v.quizId)) problems.push({ file: where, line: 1, message: `quiz "${v.quizId}" does not exist` });
    if (v.moduleId !== undefined) {
      const mod = modules.get(v.moduleId);
      if (!mod) problems.push({ file: where, line: 1, message: `module "${v.moduleId}" does not exist` });
      for (const q of v.questions ?? []) {
        if (mod && q.sectionId && !mod.sections?.includes(q.sectionId)) {
          problems.push({ file: where, line: 1, message: `question "${q.id}" points to section "${q.sectionId}", which module "${v.moduleId}" does not have` });
        }
      }
    }
  }
}
