/**
 * Turns one source file (Markdown with front matter, or YAML) into the JSON that
 * core/content validates. Problems are collected with file and line.
 */
import { parseDocument, isMap } from 'yaml';
import type { ItemKind } from '../../core/content/model';
import { splitSections } from '../../core/content/markdown';

export interface SourceProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

type Fields = Record<string, unknown>;

interface Parsed {
  readonly fields: Fields;
  readonly body: string;
  readonly bodyLine: number;
}

export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

export function parseYaml(text: string, file: string, problems: SourceProblem[], lineOffset = 0): Fields | null {
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
export function frontMatter(text: string, file: string, problems: SourceProblem[]): Parsed | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match?.[1]) {
    problems.push({ file, line: 1, message: 'missing front matter: the file must start with a line "---", the fields, and another "---"' });
    return null;
  }
  const fields = parseYaml(match[1], file, problems, 1);
  if (!fields) return null;
  return { fields, body: text.slice(match[0].length), bodyLine: lineOf(text, match[0].length) };
}

/** `## Title {#id}` sections; untagged headings and text before the first section are problems. */
function sectionsOf(parsed: Parsed, file: string, problems: SourceProblem[]): { id: string; title: string; body: string }[] {
  const { sections, untagged, preamble } = splitSections(parsed.body);
  for (const line of untagged) {
    problems.push({ file, line: parsed.bodyLine + line - 1, message: 'a "## " heading needs a stable id, written "## Title {#an-id}"' });
  }
  if (preamble.length > 0) problems.push({ file, line: parsed.bodyLine, message: 'text before the first "## " section heading is not shown; move it into a section' });
  return sections.map((s) => ({ id: s.id, title: s.title, body: s.body }));
}

function isoDate(value: unknown): unknown {
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

function compileModule(id: string, text: string, file: string, problems: SourceProblem[]): unknown {
  const parsed = frontMatter(text, file, problems);
  if (!parsed) return null;
  const f = parsed.fields;
  return {
    id,
    title: f.title,
    summary: f.summary ?? '',
    durationMinutes: f.duration,
    objectives: f.objectives ?? [],
    ...(f.quiz !== undefined ? { quizId: f.quiz } : {}),
    ...(f.guidelines !== undefined ? { guidelineIds: f.guidelines } : {}),
    ...(f.templates !== undefined ? { templateIds: f.templates } : {}),
    ...(f.cases !== undefined ? { caseIds: f.cases } : {}),
    sections: sectionsOf(parsed, file, problems),
  };
}

function compileCase(id: string, text: string, file: string, problems: SourceProblem[]): unknown {
  const parsed = frontMatter(text, file, problems);
  if (!parsed) return null;
  const f = parsed.fields;
  return {
    id,
    title: f.title,
    summary: f.summary ?? '',
    place: f.place,
    period: f.period === undefined ? f.period : String(f.period),
    sector: f.sector,
    factsAsOf: isoDate(f.factsAsOf),
    sources: f.sources ?? [],
    ...(f.guidelines !== undefined ? { guidelineIds: f.guidelines } : {}),
    sections: caseSections(sectionsOf(parsed, file, problems), file, problems),
  };
}

/** Readers and trainers find the same four parts, in the same order, in every case study. */
export const CASE_SECTIONS = ['facts', 'what-went-wrong', 'norms', 'discussion'] as const;

function caseSections<T extends { id: string }>(sections: T[], file: string, problems: SourceProblem[]): T[] {
  const ids = sections.slice(0, CASE_SECTIONS.length).map((s) => s.id);
  if (ids.join() !== CASE_SECTIONS.join()) {
    problems.push({ file, line: 1, message: `a case study starts with the sections ${CASE_SECTIONS.map((id) => `{#${id}}`).join(', ')}, in that order` });
  }
  return sections;
}

function compileGuide(id: string, text: string, file: string, problems: SourceProblem[]): unknown {
  const parsed = frontMatter(text, file, problems);
  if (!parsed) return null;
  const f = parsed.fields;
  return {
    id,
    title: f.title,
    summary: f.summary ?? '',
    moduleId: f.module,
    ...(f.case !== undefined ? { caseId: f.case } : {}),
    durationMinutes: f.duration,
    materials: f.materials ?? [],
    sections: sectionsOf(parsed, file, problems),
  };
}

function compileGlossary(id: string, text: string, file: string, problems: SourceProblem[]): unknown {
  const f = parseYaml(text, file, problems);
  return f && { id, title: f.title, terms: f.terms };
}

function compileTemplate(id: string, text: string, file: string, problems: SourceProblem[]): unknown {
  const f = parseYaml(text, file, problems);
  if (!f) return null;
  const optional = (key: string, value: unknown): Fields => (value === undefined ? {} : { [key]: value });
  return {
    id,
    title: f.title,
    summary: f.summary ?? '',
    ...optional('moduleId', f.module),
    scoring: f.scoring,
    intro: f.intro ?? '',
    sections: f.sections,
    ...optional('levels', f.levels),
    ...optional('scale', f.scale),
    ...optional('deadline', f.deadline),
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
    factsAsOf: isoDate(f.factsAsOf),
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

export const COMPILERS: Record<ItemKind, { ext: 'md' | 'yaml'; compile: (id: string, text: string, file: string, p: SourceProblem[]) => unknown }> = {
  module: { ext: 'md', compile: compileModule },
  guideline: { ext: 'md', compile: compileGuideline },
  quiz: { ext: 'yaml', compile: compileQuiz },
  template: { ext: 'yaml', compile: compileTemplate },
  case: { ext: 'md', compile: compileCase },
  guide: { ext: 'md', compile: compileGuide },
  glossary: { ext: 'yaml', compile: compileGlossary },
};
