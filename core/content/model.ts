/** The compiled content a pack carries, as the renderer reads it. */

export const PACK_INDEX_FORMAT = 1;

export type ItemKind = 'module' | 'guideline' | 'quiz';

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

export interface ItemByKind {
  module: Module;
  guideline: Guideline;
  quiz: Quiz;
}

export const ITEM_FOLDERS: Readonly<Record<ItemKind, string>> = {
  module: 'modules',
  guideline: 'guidelines',
  quiz: 'quizzes',
};

export function itemPath(language: string, kind: ItemKind, id: string): string {
  return `${language}/${ITEM_FOLDERS[kind]}/${id}.json`;
}
