/** Checks the JSON of case studies, facilitator guides and glossaries. */
import { fail, id, list, num, record, str, text, uniqueIds, type Json } from './fields';
import type { CaseSource, CaseStudy, FacilitatorGuide, Glossary, GlossaryTerm, ModuleSection } from './model';

export function parseSections(obj: Record<string, Json>, where: string): ModuleSection[] {
  const sections = list(obj, 'sections', where, (v, w) => {
    const s = record(v, w);
    return { id: id(s, 'id', w), title: str(s, 'title', w, { max: 500 }), body: str(s, 'body', w) };
  }, 200);
  if (sections.length === 0) fail(`${where}.sections`, 'at least one section is needed');
  uniqueIds(sections, `${where}.sections`);
  return sections;
}

export function idList(obj: Record<string, Json>, key: string, where: string): string[] {
  if (obj[key] === undefined) return [];
  return list(obj, key, where, (v, w) => {
    const value = text(v, w);
    if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(value)) fail(w, `"${value}" is not a valid id`);
    return value;
  }, 100);
}

function isoDate(obj: Record<string, Json>, key: string, where: string): string {
  const value = str(obj, key, where);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) fail(`${where}.${key}`, 'expected a date as YYYY-MM-DD');
  return value;
}

function parseSource(v: Json, w: string): CaseSource {
  const s = record(v, w);
  const url = s.url === undefined ? undefined : str(s, 'url', w, { max: 2000 });
  if (url !== undefined && !/^https:\/\//.test(url)) fail(`${w}.url`, 'expected an https:// address');
  return { title: str(s, 'title', w, { max: 1000 }), ...(url ? { url } : {}) };
}

export function parseCase(value: Json, where: string): CaseStudy {
  const obj = record(value, where);
  return {
    id: id(obj, 'id', where),
    title: str(obj, 'title', where, { max: 500 }),
    summary: str(obj, 'summary', where, { optional: true, max: 5000 }),
    place: str(obj, 'place', where, { max: 200 }),
    period: str(obj, 'period', where, { max: 200 }),
    sector: str(obj, 'sector', where, { max: 200 }),
    factsAsOf: isoDate(obj, 'factsAsOf', where),
    sources: list(obj, 'sources', where, parseSource, 50),
    guidelineIds: idList(obj, 'guidelineIds', where),
    sections: parseSections(obj, where),
  };
}

export function parseGuide(value: Json, where: string): FacilitatorGuide {
  const obj = record(value, where);
  const caseId = obj.caseId === undefined ? undefined : id(obj, 'caseId', where);
  return {
    id: id(obj, 'id', where),
    title: str(obj, 'title', where, { max: 500 }),
    summary: str(obj, 'summary', where, { optional: true, max: 5000 }),
    moduleId: id(obj, 'moduleId', where),
    ...(caseId ? { caseId } : {}),
    durationMinutes: num(obj, 'durationMinutes', where, 1, 6000),
    materials: obj.materials === undefined ? [] : list(obj, 'materials', where, text, 50),
    sections: parseSections(obj, where),
  };
}

function parseTerm(v: Json, w: string): GlossaryTerm {
  const t = record(v, w);
  const source = t.source === undefined ? undefined : str(t, 'source', w, { max: 500 });
  return {
    id: id(t, 'id', w),
    term: str(t, 'term', w, { max: 200 }),
    definition: str(t, 'definition', w, { max: 5000 }),
    ...(source !== undefined ? { source } : {}),
    see: idList(t, 'see', w),
  };
}

export function parseGlossary(value: Json, where: string): Glossary {
  const obj = record(value, where);
  const terms = list(obj, 'terms', where, parseTerm, 2000);
  if (terms.length === 0) fail(`${where}.terms`, 'a glossary needs at least one term');
  uniqueIds(terms, `${where}.terms`);
  const ids = new Set(terms.map((t) => t.id));
  for (const t of terms) for (const other of t.see) if (!ids.has(other)) fail(`${where}.terms`, `term "${t.id}" refers to "${other}", which this glossary does not define`);
  return { id: id(obj, 'id', where), title: str(obj, 'title', where, { max: 500 }), terms };
}
