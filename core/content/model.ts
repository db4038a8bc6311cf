/** The compiled content a pack carries, as the renderer reads it. */

export const PACK_INDEX_FORMAT = 1;

import type { AssessmentTemplate } from './template';

export type ItemKind = 'module' | 'guideline' | 'quiz' | 'template' | 'case' | 'guide' | 'glossary';

export type LocalizedText = Readonly<Record<string, string>>;

export interface PackIndexItem {
  readonly kind: ItemKind;
  readonly id: string;
  readonly order: number;
  /** Languages this item exists in; the pack's default language is always among them. */
  readonly languages: readonly string[];
  /** For modules: the section ids, so progress can be shown without loading every module. */
  readonly sections?: readonly string[];
}

export interface PackIndex {
  readonly format: number;
  readonly id: string;
  readonly version: number;
  readonly defaultLanguage: string;
  readonly languages: readonly string[];
  readonly title: LocalizedText;
  readonly items: readonly PackIndexItem[];
}

export interface ModuleSection {
  readonly id: string;
  readonly title: string;
  /** Markdown, rendered without raw HTML. */
  readonly body: string;
}

export interface Module {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly durationMinutes: number;
  readonly objectives: readonly string[];
  readonly quizId?: string;
  /** Guideline texts the module cites, templates to practise with and case studies to discuss. */
  readonly guidelineIds: readonly string[];
  readonly templateIds: readonly string[];
  readonly caseIds: readonly string[];
  readonly sections: readonly ModuleSection[];
}

export interface Guideline {
  readonly id: string;
  readonly title: string;
  readonly issuer: string;
  readonly adopted: string;
  readonly legalNature: string;
  readonly url: string;
  /** ISO date (YYYY-MM-DD) the facts in the text were last checked. */
  readonly factsAsOf: string;
  readonly summary: string;
  readonly body: string;
}

export type QuestionKind = 'single' | 'multiple' | 'true-false';

export interface QuizOption {
  readonly id: string;
  readonly text: string;
}

export interface QuizQuestion {
  readonly id: string;
  readonly kind: QuestionKind;
  readonly prompt: string;
  /** For 'true-false' the options are always `true` and `false`; their labels come from the UI strings. */
  readonly options: readonly QuizOption[];
  readonly correct: readonly string[];
  readonly explanation: string;
  /** The module section that teaches this, when there is one. */
  readonly sectionId?: string;
}

export interface Quiz {
  readonly id: string;
  readonly title: string;
  readonly moduleId?: string;
  /** Percentage (0–100) needed to pass. */
  readonly passMark: number;
  readonly questions: readonly QuizQuestion[];
}

export interface CaseSource {
  /** The citation: court and case number, or the report's name and date. */
  readonly title: string;
  readonly url?: string;
}

export interface CaseStudy {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly place: string;
  readonly period: string;
  readonly sector: string;
  readonly factsAsOf: string;
  readonly sources: readonly CaseSource[];
  readonly guidelineIds: readonly string[];
  readonly sections: readonly ModuleSection[];
}

/** A session plan for a trainer teaching one module to a room. */
export interface FacilitatorGuide {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly moduleId: string;
  readonly caseId?: string;
  readonly durationMinutes: number;
  readonly materials: readonly string[];
  readonly sections: readonly ModuleSection[];
}

export interface GlossaryTerm {
  readonly id: string;
  readonly term: string;
  readonly definition: string;
  readonly source?: string;
  readonly see: readonly string[];
}

export interface Glossary {
  readonly id: string;
  readonly title: string;
  readonly terms: readonly GlossaryTerm[];
}

export interface ItemByKind {
  module: Module;
  guideline: Guideline;
  quiz: Quiz;
  template: AssessmentTemplate;
  case: CaseStudy;
  guide: FacilitatorGuide;
  glossary: Glossary;
}

export const ITEM_FOLDERS: Readonly<Record<ItemKind, string>> = {
  module: 'modules',
  guideline: 'guidelines',
  quiz: 'quizzes',
  template: 'templates',
  case: 'cases',
  guide: 'guides',
  glossary: 'glossary',
};

/**
 * The app route that opens an item: `#/<route>/<id>`. Glossaries have none of their own:
 * `#/glossary/<term>` opens one term, whichever glossary defines it.
 */
export const ITEM_ROUTES: Readonly<Record<Exclude<ItemKind, 'glossary'>, string>> = {
  module: 'modules',
  guideline: 'guidelines',
  quiz: 'assessments',
  template: 'templates',
  case: 'cases',
  guide: 'guides',
};

export function itemPath(language: string, kind: ItemKind, id: string): string {
  return `${language}/${ITEM_FOLDERS[kind]}/${id}.json`;
}
