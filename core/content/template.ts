/** Assessment templates: forms a learner fills in about a system in their own institution. */

export type TemplateScoring = 'impact-level' | 'dimensions' | 'checklist' | 'none';

export const FIELD_TYPES = ['text', 'longtext', 'date', 'choice', 'multiple', 'scale', 'check'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** The answers a `check` field takes; `na` leaves the item out of the score. */
export const CHECK_ANSWERS = ['yes', 'partly', 'no', 'na'] as const;
export type CheckAnswer = (typeof CHECK_ANSWERS)[number];

export interface TemplateOption {
  readonly id: string;
  readonly text: string;
  /** Points towards an impact-level score. */
  readonly points?: number;
  /** Days until a report is due, for a template with a deadline. */
  readonly days?: number;
}

export interface TemplateField {
  readonly id: string;
  readonly type: FieldType;
  readonly label: string;
  readonly help?: string;
  readonly required: boolean;
  /** Multiplies the option points of a scored question. */
  readonly weight: number;
  /** For choice and multiple. */
  readonly options: readonly TemplateOption[];
}

export type SectionRole = 'risk' | 'mitigation';

export interface TemplateSection {
  readonly id: string;
  readonly title: string;
  readonly intro?: string;
  readonly role?: SectionRole;
  readonly fields: readonly TemplateField[];
}

export const IMPACT_LEVEL_IDS = ['I', 'II', 'III', 'IV'] as const;

export interface ImpactLevel {
  readonly id: (typeof IMPACT_LEVEL_IDS)[number];
  readonly title: string;
  readonly description: string;
  readonly requirements: readonly string[];
}

export interface TemplateDeadline {
  /** A date field. */
  readonly from: string;
  /** A choice field whose options carry `days`. */
  readonly by: string;
}

export interface AssessmentTemplate {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly moduleId?: string;
  readonly scoring: TemplateScoring;
  /** Markdown shown above the form and at the top of the report. */
  readonly intro: string;
  readonly sections: readonly TemplateSection[];
  /** impact-level: the four levels, I to IV. */
  readonly levels: readonly ImpactLevel[];
  /** dimensions: the answer scale, lowest first; an answer's points are its position. */
  readonly scale: readonly string[];
  readonly deadline?: TemplateDeadline;
}

/** A field's answer: one option or text, or several options. */
export type Answer = string | readonly string[];
export type Answers = Readonly<Record<string, Answer>>;

export function allFields(template: AssessmentTemplate): TemplateField[] {
  return template.sections.flatMap((s) => s.fields);
}
