/** Checks an assessment template's JSON: ids, field kinds, scoring rules and the deadline. */
import { fail, id, list, num, record, str, text, uniqueIds, type Json } from './fields';
import {
  FIELD_TYPES,
  IMPACT_LEVEL_IDS,
  allFields,
  type AssessmentTemplate,
  type FieldType,
  type ImpactLevel,
  type TemplateField,
  type TemplateOption,
  type TemplateScoring,
  type TemplateSection,
} from './template';

const SCORINGS: readonly TemplateScoring[] = ['impact-level', 'dimensions', 'checklist', 'none'];

function optionalText(obj: Record<string, Json>, key: string, where: string, max: number): string | undefined {
  return obj[key] === undefined ? undefined : str(obj, key, where, { max });
}

function parseOption(v: Json, w: string): TemplateOption {
  const o = record(v, w);
  const points = o.points === undefined ? undefined : num(o, 'points', w, 0, 100);
  const days = o.days === undefined ? undefined : num(o, 'days', w, 0, 3650);
  if (points !== undefined && !Number.isInteger(points)) fail(`${w}.points`, 'expected a whole number');
  if (days !== undefined && !Number.isInteger(days)) fail(`${w}.days`, 'expected a whole number');
  return {
    id: id(o, 'id', w),
    text: str(o, 'text', w, { max: 2000 }),
    ...(points !== undefined ? { points } : {}),
    ...(days !== undefined ? { days } : {}),
  };
}

function parseField(v: Json, w: string): TemplateField {
  const f = record(v, w);
  const type = str(f, 'type', w) as FieldType;
  if (!FIELD_TYPES.includes(type)) fail(`${w}.type`, `unknown field type "${type}" (expected ${FIELD_TYPES.join(', ')})`);
  const hasOptions = type === 'choice' || type === 'multiple';
  const options = hasOptions ? list(f, 'options', w, parseOption, 50) : [];
  if (hasOptions && options.length < 2) fail(`${w}.options`, 'a choice needs at least two options');
  // Compiled templates carry `options: []` on every field, so only a non-empty list is wrong.
  if (!hasOptions && Array.isArray(f.options) && f.options.length > 0) fail(`${w}.options`, `a ${type} field has no options`);
  uniqueIds(options, `${w}.options`);
  const weight = f.weight === undefined ? 1 : num(f, 'weight', w, 1, 10);
  if (!Number.isInteger(weight)) fail(`${w}.weight`, 'expected a whole number');
  if (f.required !== undefined && typeof f.required !== 'boolean') fail(`${w}.required`, 'expected true or false');
  const help = optionalText(f, 'help', w, 5000);
  return {
    id: id(f, 'id', w),
    type,
    label: str(f, 'label', w, { max: 2000 }),
    ...(help !== undefined ? { help } : {}),
    required: f.required === true,
    weight,
    options,
  };
}

function parseSection(v: Json, w: string): TemplateSection {
  const s = record(v, w);
  const role = s.role === undefined ? undefined : str(s, 'role', w);
  if (role !== undefined && role !== 'risk' && role !== 'mitigation') fail(`${w}.role`, 'expected risk or mitigation');
  const fields = list(s, 'fields', w, parseField, 200);
  if (fields.length === 0) fail(`${w}.fields`, 'a section needs at least one field');
  const intro = optionalText(s, 'intro', w, 20_000);
  return {
    id: id(s, 'id', w),
    title: str(s, 'title', w, { max: 500 }),
    ...(intro !== undefined ? { intro } : {}),
    ...(role !== undefined ? { role } : {}),
    fields,
  };
}

function parseLevel(v: Json, w: string): ImpactLevel {
  const l = record(v, w);
  const levelId = str(l, 'id', w) as ImpactLevel['id'];
  if (!IMPACT_LEVEL_IDS.includes(levelId)) fail(`${w}.id`, 'expected I, II, III or IV');
  return {
    id: levelId,
    title: str(l, 'title', w, { max: 500 }),
    description: str(l, 'description', w, { max: 5000 }),
    requirements: list(l, 'requirements', w, text, 50),
  };
}

/** Scored questions must carry points where the scoring reads them. */
function checkScoring(t: AssessmentTemplate, where: string): void {
  const fields = allFields(t);
  if (t.scoring === 'impact-level') {
    if (t.levels.map((l) => l.id).join() !== IMPACT_LEVEL_IDS.join()) fail(`${where}.levels`, 'expected exactly four levels: I, II, III and IV, in that order');
    if (!t.sections.some((s) => s.role === 'risk')) fail(`${where}.sections`, 'an impact-level template needs at least one section with role: risk');
    for (const s of t.sections.filter((x) => x.role)) {
      for (const f of s.fields) {
        if (f.type !== 'choice' && f.type !== 'multiple') fail(`${where}.${s.id}.${f.id}`, `a ${s.role} section holds only choice and multiple questions`);
        if (f.options.some((o) => o.points === undefined)) fail(`${where}.${s.id}.${f.id}`, 'every option of a scored question needs points');
      }
    }
  } else if (t.sections.some((s) => s.role)) {
    fail(`${where}.sections`, 'role: risk and role: mitigation belong to impact-level templates');
  }
  if (t.scoring === 'dimensions') {
    if (t.scale.length < 2) fail(`${where}.scale`, 'a dimensions template needs a scale of at least two answers');
    for (const s of t.sections) if (!s.fields.some((f) => f.type === 'scale')) fail(`${where}.${s.id}`, 'every dimension needs at least one scale question');
  } else if (fields.some((f) => f.type === 'scale')) {
    fail(`${where}.sections`, 'scale questions belong to dimensions templates');
  }
  if (t.scoring === 'checklist' && !fields.some((f) => f.type === 'check')) fail(`${where}.sections`, 'a checklist needs check items');
  if (t.deadline) {
    const from = fields.find((f) => f.id === t.deadline?.from);
    const by = fields.find((f) => f.id === t.deadline?.by);
    if (from?.type !== 'date') fail(`${where}.deadline.from`, `"${t.deadline.from}" is not a date field of this template`);
    if (by?.type !== 'choice') fail(`${where}.deadline.by`, `"${t.deadline.by}" is not a choice field of this template`);
    if (!by.options.some((o) => o.days !== undefined)) fail(`${where}.deadline.by`, 'none of its options gives days');
  }
}

export function parseTemplate(value: Json, where: string): AssessmentTemplate {
  const obj = record(value, where);
  const scoring = str(obj, 'scoring', where) as TemplateScoring;
  if (!SCORINGS.includes(scoring)) fail(`${where}.scoring`, `unknown scoring "${scoring}" (expected ${SCORINGS.join(', ')})`);
  const sections = list(obj, 'sections', where, parseSection, 100);
  if (sections.length === 0) fail(`${where}.sections`, 'a template needs at least one section');
  uniqueIds(sections, `${where}.sections`);
  // Answers are stored by field id, so a field id names one field in the whole template.
  uniqueIds(sections.flatMap((s) => s.fields), `${where}.fields`);
  const moduleId = obj.moduleId === undefined ? undefined : id(obj, 'moduleId', where);
  let deadline: AssessmentTemplate['deadline'];
  if (obj.deadline !== undefined) {
    const d = record(obj.deadline, `${where}.deadline`);
    deadline = { from: id(d, 'from', `${where}.deadline`), by: id(d, 'by', `${where}.deadline`) };
  }
  const template: AssessmentTemplate = {
    id: id(obj, 'id', where),
    title: str(obj, 'title', where, { max: 500 }),
    summary: str(obj, 'summary', where, { optional: true, max: 5000 }),
    ...(moduleId ? { moduleId } : {}),
    scoring,
    intro: str(obj, 'intro', where, { optional: true, max: 50_000 }),
    sections,
    levels: obj.levels === undefined ? [] : list(obj, 'levels', where, parseLevel, 4),
    scale: obj.scale === undefined ? [] : list(obj, 'scale', where, text, 10),
    ...(deadline ? { deadline } : {}),
  };
  checkScoring(template, where);
  return template;
}
