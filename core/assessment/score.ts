/**
 * Scores a filled-in assessment template. Pure: the same answers give the same
 * report on any device. Impact levels follow the published rules of Canada's
 * Algorithmic Impact Assessment: the raw score is the sum of the risk answers;
 * mitigation at 80% or more of its maximum lowers it by 15%; the level is the
 * lowered score's share of the maximum raw score (≤25% I, ≤50% II, ≤75% III, else IV).
 */
import {
  CHECK_ANSWERS,
  IMPACT_LEVEL_IDS,
  allFields,
  type Answer,
  type Answers,
  type AssessmentTemplate,
  type CheckAnswer,
  type ImpactLevel,
  type TemplateField,
} from '../content/template';

export function selected(answer: Answer | undefined): readonly string[] {
  if (answer === undefined) return [];
  return typeof answer === 'string' ? (answer === '' ? [] : [answer]) : answer;
}

export function isAnswered(field: TemplateField, answer: Answer | undefined): boolean {
  if (field.type === 'multiple') return Array.isArray(answer);
  return typeof answer === 'string' && answer.trim() !== '';
}

/** Points of an answer and the most the question can give, both times its weight. */
export function questionPoints(field: TemplateField, answer: Answer | undefined): { points: number; max: number } {
  const chosen = new Set(selected(answer));
  const points = field.options.filter((o) => chosen.has(o.id)).reduce((sum, o) => sum + (o.points ?? 0), 0);
  const max = field.type === 'multiple' ? field.options.reduce((sum, o) => sum + (o.points ?? 0), 0) : Math.max(0, ...field.options.map((o) => o.points ?? 0));
  // A single choice gives one option's points even if a damaged record names several.
  const capped = field.type === 'choice' ? Math.min(points, max) : points;
  return { points: capped * field.weight, max: max * field.weight };
}

export interface ImpactResult {
  readonly kind: 'impact-level';
  readonly raw: number;
  readonly maxRaw: number;
  readonly mitigation: number;
  readonly maxMitigation: number;
  /** True when mitigation reached 80% of its maximum and the score was lowered by 15%. */
  readonly mitigated: boolean;
  readonly current: number;
  /** The current score's share of the maximum raw score, 0–100. */
  readonly percent: number;
  readonly level: ImpactLevel;
}

export function levelIndex(current: number, maxRaw: number): number {
  if (maxRaw <= 0) return 0;
  const share = current / maxRaw;
  // Integer scores keep these comparisons exact at the boundaries (a 25% score is level I).
  if (share * 4 <= 1) return 0;
  if (share * 2 <= 1) return 1;
  if (share * 4 <= 3) return 2;
  return 3;
}

function scoreImpact(template: AssessmentTemplate, answers: Answers): ImpactResult {
  let raw = 0;
  let maxRaw = 0;
  let mitigation = 0;
  let maxMitigation = 0;
  for (const section of template.sections) {
    for (const field of section.fields) {
      const { points, max } = questionPoints(field, answers[field.id]);
      if (section.role === 'risk') {
        raw += points;
        maxRaw += max;
      } else if (section.role === 'mitigation') {
        mitigation += points;
        maxMitigation += max;
      }
    }
  }
  const mitigated = maxMitigation > 0 && mitigation * 10 >= maxMitigation * 8;
  const current = mitigated ? (raw * 85) / 100 : raw;
  const level = template.levels[levelIndex(current, maxRaw)] ?? fallbackLevel(levelIndex(current, maxRaw));
  return { kind: 'impact-level', raw, maxRaw, mitigation, maxMitigation, mitigated, current, percent: maxRaw > 0 ? (current / maxRaw) * 100 : 0, level };
}

function fallbackLevel(index: number): ImpactLevel {
  return { id: IMPACT_LEVEL_IDS[index] ?? 'IV', title: '', description: '', requirements: [] };
}

export interface DimensionScore {
  readonly sectionId: string;
  readonly title: string;
  readonly points: number;
  readonly max: number;
  /** Share of the maximum over the answered questions, 0–100; null when none is answered. */
  readonly percent: number | null;
  readonly answered: number;
  readonly questions: number;
}

export interface DimensionsResult {
  readonly kind: 'dimensions';
  readonly dimensions: readonly DimensionScore[];
  readonly percent: number | null;
}

function scaleValue(template: AssessmentTemplate, answer: Answer | undefined): number | null {
  if (typeof answer !== 'string' || !/^\d+$/.test(answer)) return null;
  const value = Number(answer);
  return value < template.scale.length ? value : null;
}

function scoreDimensions(template: AssessmentTemplate, answers: Answers): DimensionsResult {
  const top = Math.max(0, template.scale.length - 1);
  const dimensions = template.sections.map((section): DimensionScore => {
    const scales = section.fields.filter((f) => f.type === 'scale');
    const values = scales.map((f) => scaleValue(template, answers[f.id])).filter((v): v is number => v !== null);
    const points = values.reduce((a, b) => a + b, 0);
    const max = values.length * top;
    return { sectionId: section.id, title: section.title, points, max, percent: max > 0 ? (points / max) * 100 : null, answered: values.length, questions: scales.length };
  });
  const points = dimensions.reduce((a, d) => a + d.points, 0);
  const max = dimensions.reduce((a, d) => a + d.max, 0);
  return { kind: 'dimensions', dimensions, percent: max > 0 ? (points / max) * 100 : null };
}

export interface ChecklistGap {
  readonly sectionId: string;
  readonly fieldId: string;
  readonly label: string;
  readonly answer: 'no' | 'partly' | null;
}

export interface ChecklistResult {
  readonly kind: 'checklist';
  /** yes = 2 points, partly = 1, no = 0; "not applicable" and unanswered items are left out. */
  readonly points: number;
  readonly max: number;
  readonly percent: number | null;
  readonly gaps: readonly ChecklistGap[];
  readonly notApplicable: number;
}

function checkAnswer(answer: Answer | undefined): CheckAnswer | null {
  return typeof answer === 'string' && (CHECK_ANSWERS as readonly string[]).includes(answer) ? (answer as CheckAnswer) : null;
}

function scoreChecklist(template: AssessmentTemplate, answers: Answers): ChecklistResult {
  let points = 0;
  let max = 0;
  let notApplicable = 0;
  const gaps: ChecklistGap[] = [];
  for (const section of template.sections) {
    for (const field of section.fields.filter((f) => f.type === 'check')) {
      const answer = checkAnswer(answers[field.id]);
      if (answer === 'na') notApplicable += 1;
      if (answer === 'na' || answer === null) {
        if (answer === null) gaps.push({ sectionId: section.id, fieldId: field.id, label: field.label, answer: null });
        continue;
      }
      max += 2;
      points += answer === 'yes' ? 2 : answer === 'partly' ? 1 : 0;
      if (answer !== 'yes') gaps.push({ sectionId: section.id, fieldId: field.id, label: field.label, answer });
    }
  }
  return { kind: 'checklist', points, max, percent: max > 0 ? (points / max) * 100 : null, gaps, notApplicable };
}

export type ScoreResult = ImpactResult | DimensionsResult | ChecklistResult | { readonly kind: 'none' };

export function scoreTemplate(template: AssessmentTemplate, answers: Answers): ScoreResult {
  switch (template.scoring) {
    case 'impact-level':
      return scoreImpact(template, answers);
    case 'dimensions':
      return scoreDimensions(template, answers);
    case 'checklist':
      return scoreChecklist(template, answers);
    default:
      return { kind: 'none' };
  }
}

/** Required fields still empty, in form order. */
export function missingRequired(template: AssessmentTemplate, answers: Answers): TemplateField[] {
  return allFields(template).filter((f) => f.required && !isAnswered(f, answers[f.id]));
}

/** Scored questions not answered: their points count as zero, so the score may be understated. */
export function unansweredScored(template: AssessmentTemplate, answers: Answers): TemplateField[] {
  const scored = template.sections.filter((s) => s.role || template.scoring === 'dimensions' || template.scoring === 'checklist');
  return scored.flatMap((s) => s.fields).filter((f) => (f.type === 'choice' || f.type === 'multiple' || f.type === 'scale' || f.type === 'check') && !isAnswered(f, answers[f.id]));
}

export interface Deadline {
  /** YYYY-MM-DD */
  readonly due: string;
  readonly days: number;
}

/** The date a report is due: the `from` date plus the days of the option chosen in `by`. */
export function deadlineOf(template: AssessmentTemplate, answers: Answers): Deadline | null {
  if (!template.deadline) return null;
  const from = answers[template.deadline.from];
  const by = allFields(template).find((f) => f.id === template.deadline?.by);
  const option = by?.options.find((o) => o.id === answers[template.deadline?.by ?? '']);
  if (typeof from !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(from) || option?.days === undefined) return null;
  const start = Date.parse(`${from}T00:00:00Z`);
  if (Number.isNaN(start)) return null;
  const due = new Date(start + option.days * 86_400_000).toISOString().slice(0, 10);
  return { due, days: option.days };
}
