/**
 * Checks that hold across a pack's items: links and images resolve, named items
 * exist, and every translation keeps the ids of the source language.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ITEM_ROUTES, itemPath, type Glossary, type ItemKind, type PackIndexItem } from '../../core/content/model';
import type { AssessmentTemplate } from '../../core/content/template';
import { isSafePackPath } from '../../core/pack/manifest';
import { lineOf, type SourceProblem } from './compilers';

const LINK = /(!?)\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g;
const IMAGE_TYPES = /\.(png|jpe?g|webp|svg)$/i;

/** The app routes a text may link to, and the kind of item each names. */
const ROUTE_KINDS: ReadonlyMap<string, ItemKind> = new Map(Object.entries(ITEM_ROUTES).map(([kind, route]) => [route, kind as ItemKind]));

export interface PackContents {
  readonly items: readonly PackIndexItem[];
  readonly files: ReadonlyMap<string, unknown>;
  readonly defaultLanguage: string;
}

function glossaryTerms({ items, files, defaultLanguage }: PackContents): Set<string> {
  const terms = new Set<string>();
  for (const item of items.filter((i) => i.kind === 'glossary')) {
    const glossary = files.get(itemPath(defaultLanguage, 'glossary', item.id)) as Glossary | undefined;
    for (const term of glossary?.terms ?? []) terms.add(term.id);
  }
  return terms;
}

/**
 * Links between items are written as app routes (`#/modules/ID/SECTION`, `#/guidelines/ID`,
 * `#/assessments/ID`, `#/templates/ID`, `#/cases/ID`, `#/guides/ID`, `#/glossary/TERM`) and
 * must name something in the pack; links to the web must be https; images live in media/.
 */
export async function checkLinks(
  sources: readonly { file: string; text: string }[],
  pack: PackContents,
  srcDir: string,
  problems: SourceProblem[],
): Promise<Map<string, string>> {
  const media = new Map<string, string>();
  const terms = glossaryTerms(pack);
  const has = (kind: ItemKind, id: string | undefined): PackIndexItem | undefined => pack.items.find((i) => i.kind === kind && i.id === id);
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
      const route = /^#\/([a-z]+)\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?$/.exec(target);
      const [, area = '', id, sub] = route ?? [];
      if (area === 'glossary' && !sub) {
        if (!terms.has(id ?? '')) report(`link "${target}" points to a glossary term that no glossary defines`);
        continue;
      }
      const kind = ROUTE_KINDS.get(area);
      if (!route || !kind || (sub && kind !== 'module')) {
        report(`link "${target}" is not understood: link to #/modules/ID[/SECTION], #/guidelines/ID, #/assessments/ID, #/templates/ID, #/cases/ID, #/guides/ID, #/glossary/TERM or an https:// address`);
        continue;
      }
      const item = has(kind, id);
      if (!item) report(`link "${target}" points to a ${kind} that does not exist`);
      else if (kind === 'module' && sub && !item.sections?.includes(sub)) report(`link "${target}" points to a section that module "${id}" does not have`);
    }
  }
  return media;
}

interface References {
  moduleId?: string;
  quizId?: string;
  caseId?: string;
  guidelineIds?: string[];
  templateIds?: string[];
  caseIds?: string[];
  questions?: { id: string; sectionId?: string }[];
}

/** Items name other items (a module its quiz, guidelines, templates and cases; a quiz its module…) that must exist. */
export function checkReferences(pack: PackContents, sourceOf: ReadonlyMap<string, string>, problems: SourceProblem[]): void {
  const ids = (kind: ItemKind): Set<string> => new Set(pack.items.filter((i) => i.kind === kind).map((i) => i.id));
  const modules = new Map(pack.items.filter((i) => i.kind === 'module').map((i) => [i.id, i]));
  const known: Partial<Record<ItemKind, Set<string>>> = { quiz: ids('quiz'), guideline: ids('guideline'), template: ids('template'), case: ids('case') };
  for (const [path, value] of pack.files) {
    const v = value as References;
    const file = sourceOf.get(path) ?? path;
    const need = (kind: ItemKind, id: string | undefined): void => {
      if (id !== undefined && !known[kind]?.has(id)) problems.push({ file, line: 1, message: `${kind} "${id}" does not exist` });
    };
    need('quiz', v.quizId);
    need('case', v.caseId);
    for (const g of v.guidelineIds ?? []) need('guideline', g);
    for (const t of v.templateIds ?? []) need('template', t);
    for (const c of v.caseIds ?? []) need('case', c);
    if (v.moduleId !== undefined) {
      const mod = modules.get(v.moduleId);
      if (!mod) problems.push({ file, line: 1, message: `module "${v.moduleId}" does not exist` });
      for (const q of v.questions ?? []) {
        if (mod && q.sectionId && !mod.sections?.includes(q.sectionId)) {
          problems.push({ file, line: 1, message: `question "${q.id}" points to section "${q.sectionId}", which module "${v.moduleId}" does not have` });
        }
      }
    }
  }
}

/** The ids a translation must keep: progress, answers and links are recorded against them. */
function shapeOf(kind: ItemKind, value: unknown): string {
  switch (kind) {
    case 'quiz': {
      const quiz = value as { questions: { id: string; kind: string; options: { id: string }[]; correct: string[] }[] };
      return quiz.questions.map((q) => `${q.id}:${q.kind}:${q.options.map((o) => o.id).join(',')}=${q.correct.join(',')}`).join(' ');
    }
    case 'template': {
      const t = value as AssessmentTemplate;
      const sections = t.sections.map((s) => `${s.id}(${s.role ?? ''}):${s.fields.map((f) => `${f.id}/${f.type}/${f.weight}[${f.options.map((o) => `${o.id}=${o.points ?? ''}/${o.days ?? ''}`).join(',')}]`).join(',')}`);
      return [t.scoring, ...sections, t.levels.map((l) => l.id).join(','), String(t.scale.length), t.deadline ? `${t.deadline.from}>${t.deadline.by}` : ''].join(' ');
    }
    case 'glossary':
      return (value as Glossary).terms.map((term) => `${term.id}>${term.see.join(',')}`).join(' ');
    default:
      return ((value as { sections?: { id: string }[] }).sections ?? []).map((s) => s.id).join(' ');
  }
}

export function checkTranslationShapes(pack: PackContents, sourceOf: ReadonlyMap<string, string>, problems: SourceProblem[]): void {
  for (const item of pack.items) {
    const source = pack.files.get(itemPath(pack.defaultLanguage, item.kind, item.id));
    if (!source || item.kind === 'guideline') continue;
    const expected = shapeOf(item.kind, source);
    for (const lang of item.languages.filter((l) => l !== pack.defaultLanguage)) {
      const path = itemPath(lang, item.kind, item.id);
      const translated = pack.files.get(path);
      if (translated && shapeOf(item.kind, translated) !== expected) {
        problems.push({ file: sourceOf.get(path) ?? path, line: 1, message: `the ids differ from the ${pack.defaultLanguage} text (sections, questions, options, answers, fields, points or terms): keep them exactly as in ${pack.defaultLanguage}` });
      }
    }
  }
}
