/**
 * Checks untrusted JSON against the content model. Every failure names the
 * field, so an author can find it; nothing here throws anything but ContentError.
 */
import type { Guideline, ItemByKind, ItemKind, Module, PackIndex, PackIndexItem, Quiz, QuizQuestion } from './model';
import { ITEM_FOLDERS, PACK_INDEX_FORMAT } from './model';
import { idList, parseCase, parseGlossary, parseGuide, parseSections } from './validateStudy';
import { parseTemplate } from './validateTemplate';
import { fail, id, list, localized, num, record, str, text, uniqueIds, type Json } from './fields';

export { ContentError } from './fields';

const KINDS = Object.keys(ITEM_FOLDERS) as readonly ItemKind[];

export function parsePackIndex(value: Json): PackIndex {
  const where = 'pack.json';
  const obj = record(value, where);
  const format = num(obj, 'format', where, 0, Number.MAX_SAFE_INTEGER);
  if (format !== PACK_INDEX_FORMAT) fail(`${where}.format`, `format ${format} is not supported (expected ${PACK_INDEX_FORMAT})`);
  const defaultLanguage = str(obj, 'defaultLanguage', where);
  const languages = list(obj, 'languages', where, text, 50);
  if (!languages.includes(defaultLanguage)) fail(`${where}.languages`, `must include the default language ${defaultLanguage}`);
  const items = list(obj, 'items', where, (v, w): PackIndexItem => {
    const item = record(v, w);
    const kind = str(item, 'kind', w) as ItemKind;
    if (!KINDS.includes(kind)) fail(`${w}.kind`, `unknown kind "${kind}"`);
    const sections = item.sections === undefined ? undefined : list(item, 'sections', w, text, 200);
    return {
      kind,
      id: id(item, 'id', w),
      order: num(item, 'order', w, 0, 1e6),
      languages: list(item, 'languages', w, text, 50),
      ...(sections ? { sections } : {}),
    };
  });
  return {
    format,
    id: str(obj, 'id', where, { max: 100 }),
    version: num(obj, 'version', where, 1, Number.MAX_SAFE_INTEGER),
    defaultLanguage,
    languages,
    title: localized(obj.title, `${where}.title`),
    items,
  };
}

export function parseModule(value: Json, where: string): Module {
  const obj = record(value, where);
  const sections = parseSections(obj, where);
  const quizId = obj.quizId === undefined ? undefined : id(obj, 'quizId', where);
  return {
    id: id(obj, 'id', where),
    title: str(obj, 'title', where, { max: 500 }),
    summary: str(obj, 'summary', where, { optional: true, max: 5000 }),
    durationMinutes: num(obj, 'durationMinutes', where, 1, 6000),
    objectives: list(obj, 'objectives', where, text, 50),
    ...(quizId ? { quizId } : {}),
    guidelineIds: idList(obj, 'guidelineIds', where),
    templateIds: idList(obj, 'templateIds', where),
    caseIds: idList(obj, 'caseIds', where),
    sections,
  };
}

export function parseGuideline(value: Json, where: string): Guideline {
  const obj = record(value, where);
  const factsAsOf = str(obj, 'factsAsOf', where);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(factsAsOf)) fail(`${where}.factsAsOf`, 'expected a date as YYYY-MM-DD');
  const url = str(obj, 'url', where, { max: 2000 });
  if (!/^https:\/\//.test(url)) fail(`${where}.url`, 'expected an https:// address');
  return {
    id: id(obj, 'id', where),
    title: str(obj, 'title', where, { max: 500 }),
    issuer: str(obj, 'issuer', where, { max: 500 }),
    adopted: str(obj, 'adopted', where, { max: 200 }),
    legalNature: str(obj, 'legalNature', where, { max: 500 }),
    url,
    factsAsOf,
    summary: str(obj, 'summary', where, { optional: true, max: 5000 }),
    body: str(obj, 'body', where),
  };
}

function parseQuestion(v: Json, w: string): QuizQuestion {
  const q = record(v, w);
  const kind = str(q, 'kind', w);
  if (kind !== 'single' && kind !== 'multiple' && kind !== 'true-false') fail(`${w}.kind`, `unknown question kind "${kind}"`);
  const options =
    kind === 'true-false'
      ? [{ id: 'true', text: '' }, { id: 'false', text: '' }]
      : list(q, 'options', w, (ov, ow) => {
          const o = record(ov, ow);
          return { id: id(o, 'id', ow), text: str(o, 'text', ow, { max: 5000 }) };
        }, 20);
  if (options.length < 2) fail(`${w}.options`, 'a question needs at least two options');
  uniqueIds(options, `${w}.options`);
  const correct = list(q, 'correct', w, text, 20);
  if (correct.length === 0) fail(`${w}.correct`, 'no correct answer given');
  for (const c of correct) {
    if (!options.some((o) => o.id === c)) fail(`${w}.correct`, `answer "${c}" is not one of the options`);
  }
  if (kind !== 'multiple' && correct.length !== 1) fail(`${w}.correct`, `a ${kind} question has exactly one correct answer`);
  const sectionId = q.sectionId === undefined ? undefined : id(q, 'sectionId', w);
  return {
    id: id(q, 'id', w),
    kind,
    prompt: str(q, 'prompt', w, { max: 5000 }),
    options,
    correct,
    explanation: str(q, 'explanation', w, { max: 10_000 }),
    ...(sectionId ? { sectionId } : {}),
  };
}

export function parseQuiz(value: Json, where: string): Quiz {
  const obj = record(value, where);
  const questions = list(obj, 'questions', where, parseQuestion, 500);
  if (questions.length === 0) fail(`${where}.questions`, 'a quiz needs at least one question');
  uniqueIds(questions, `${where}.questions`);
  const moduleId = obj.moduleId === undefined ? undefined : id(obj, 'moduleId', where);
  return {
    id: id(obj, 'id', where),
    title: str(obj, 'title', where, { max: 500 }),
    ...(moduleId ? { moduleId } : {}),
    passMark: num(obj, 'passMark', where, 0, 100),
    questions,
  };
}

export const ITEM_PARSERS: { [K in ItemKind]: (value: Json, where: string) => ItemByKind[K] } = {
  module: parseModule,
  guideline: parseGuideline,
  quiz: parseQuiz,
  template: parseTemplate,
  case: parseCase,
  guide: parseGuide,
  glossary: parseGlossary,
};
