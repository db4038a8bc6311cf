/**
 * Every pack under content/ builds without a single problem, and the flagship pack
 * keeps its shape: modules with quizzes that test them section by section,
 * guidelines with their source and date, case studies, a facilitator guide per
 * module, templates of every scoring kind, a glossary the texts link to, and all
 * of it in every language of the pack.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseStudy, FacilitatorGuide, Glossary, Guideline, Module, Quiz } from '../../core/content/model';
import { itemPath } from '../../core/content/model';
import { ITEM_PARSERS } from '../../core/content/validate';
import type { AssessmentTemplate } from '../../core/content/template';
import { translationStatus } from '../../services/content/translations';
import { markdownToPlainText } from '../../core/content/markdown';
import { compilePackSources } from '../../services/content/sources';

const CONTENT = join(__dirname, '../../content');
const packs = readdirSync(CONTENT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe.each(packs)('content/%s', (name) => {
  it('compiles with no problem', async () => {
    await expect(compilePackSources(join(CONTENT, name))).resolves.toBeTruthy();
  });

  it('compiles to files the app reads back unchanged', async () => {
    const pack = await compilePackSources(join(CONTENT, name));
    for (const item of pack.index.items) {
      for (const language of item.languages) {
        const path = itemPath(language, item.kind, item.id);
        // The app checks every file it loads with the same parsers the build used.
        expect(ITEM_PARSERS[item.kind](pack.files.get(path), path), path).toEqual(pack.files.get(path));
      }
    }
  });
});

describe('the flagship pack', () => {
  const load = async () => {
    const pack = await compilePackSources(join(CONTENT, 'ai-governance'));
    const en = <T>(kind: string) => [...pack.files].filter(([p]) => p.startsWith(`en/${kind}/`)).map(([, v]) => v as T);
    return {
      pack,
      modules: en<Module>('modules'),
      quizzes: en<Quiz>('quizzes'),
      guidelines: en<Guideline>('guidelines'),
      cases: en<CaseStudy>('cases'),
      guides: en<FacilitatorGuide>('guides'),
      templates: en<AssessmentTemplate>('templates'),
      glossaries: en<Glossary>('glossary'),
    };
  };

  it('has at least 8 modules of 1,200–2,000 words in 4–6 sections, each ending with key points and a reflection', async () => {
    const { modules } = await load();
    expect(modules.length).toBeGreaterThanOrEqual(8);
    for (const m of modules) {
      const words = m.sections.map((s) => markdownToPlainText(`${s.title} ${s.body}`).split(/\s+/).length).reduce((a, b) => a + b, 0);
      expect(words, m.id).toBeGreaterThanOrEqual(1200);
      expect(words, m.id).toBeLessThanOrEqual(2050);
      expect(m.sections.length, m.id).toBeGreaterThanOrEqual(4);
      expect(m.sections.length, m.id).toBeLessThanOrEqual(6);
      expect(m.objectives.length, m.id).toBeGreaterThanOrEqual(3);
      expect(m.sections.at(-1)?.body, m.id).toMatch(/In your institution/);
    }
  });

  it('gives every module a quiz of at least 8 questions mixing all three kinds, each pointing to a section', async () => {
    const { modules, quizzes } = await load();
    for (const m of modules) {
      const quiz = quizzes.find((q) => q.id === m.quizId);
      expect(quiz, m.id).toBeDefined();
      expect(quiz?.moduleId).toBe(m.id);
      expect(quiz?.questions.length ?? 0, m.id).toBeGreaterThanOrEqual(8);
      expect(new Set(quiz?.questions.map((q) => q.kind)), m.id).toEqual(new Set(['single', 'multiple', 'true-false']));
      for (const q of quiz?.questions ?? []) expect(q.sectionId, `${m.id}/${q.id}`).toBeDefined();
    }
  });

  it('has at least 10 guideline texts of 600–1,200 words with an official https source and a facts-as-of date', async () => {
    const { guidelines } = await load();
    expect(guidelines.length).toBeGreaterThanOrEqual(10);
    for (const g of guidelines) {
      const words = markdownToPlainText(g.body).split(/\s+/).length;
      expect(words, g.id).toBeGreaterThanOrEqual(550);
      expect(words, g.id).toBeLessThanOrEqual(1250);
      expect(g.url, g.id).toMatch(/^https:\/\//);
      expect(g.factsAsOf, g.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('has at least 6 case studies with their sources and discussion questions for one’s own institution', async () => {
    const { cases } = await load();
    expect(cases.length).toBeGreaterThanOrEqual(6);
    for (const c of cases) {
      expect(c.sources.length, c.id).toBeGreaterThanOrEqual(1);
      expect(c.guidelineIds.length, c.id).toBeGreaterThanOrEqual(1);
      expect(c.sections.find((s) => s.id === 'discussion')?.body, c.id).toMatch(/In your institution/);
    }
  });

  it('has a facilitator guide of 60–90 minutes for every module, using a case study', async () => {
    const { modules, guides } = await load();
    for (const m of modules) {
      const guide = guides.find((g) => g.moduleId === m.id);
      expect(guide, m.id).toBeDefined();
      expect(guide?.durationMinutes ?? 0, m.id).toBeGreaterThanOrEqual(60);
      expect(guide?.durationMinutes ?? 0, m.id).toBeLessThanOrEqual(90);
      expect(guide?.caseId, m.id).toBeDefined();
      // The session plan's time spans run from 0 to the guide's duration without a gap.
      const spans = [...(guide?.sections.find((s) => s.id === 'plan')?.body ?? '').matchAll(/\*\*(\d+)\s*[–-]\s*(\d+)\s*min/g)].map((x) => [Number(x[1]), Number(x[2])] as const);
      expect(spans[0]?.[0], m.id).toBe(0);
      expect(spans.at(-1)?.[1], m.id).toBe(guide?.durationMinutes);
      for (let i = 1; i < spans.length; i++) expect(spans[i]?.[0], `${m.id} plan step ${i + 1}`).toBe(spans[i - 1]?.[1]);
    }
  });

  it('has the five assessment templates, each reachable from a module', async () => {
    const { modules, templates } = await load();
    expect(new Set(templates.map((t) => t.scoring))).toEqual(new Set(['impact-level', 'none', 'dimensions', 'checklist']));
    expect(templates.length).toBeGreaterThanOrEqual(5);
    expect(templates.some((t) => t.deadline)).toBe(true);
    for (const t of templates) expect(modules.some((m) => m.templateIds.includes(t.id)), t.id).toBe(true);
  });

  it('links every module to the guidelines it cites, and the glossary’s 40 or more terms from the texts', async () => {
    const { pack, modules, glossaries } = await load();
    for (const m of modules) expect(m.guidelineIds.length, m.id).toBeGreaterThanOrEqual(1);
    const terms = glossaries.flatMap((g) => g.terms.map((t) => t.id));
    expect(terms.length).toBeGreaterThanOrEqual(40);
    const texts = JSON.stringify([...pack.files].filter(([p]) => p.startsWith('en/')).map(([, v]) => v));
    const linked = new Set([...texts.matchAll(/#\/glossary\/([a-z0-9-]+)/g)].map((x) => x[1]));
    expect(linked.size).toBeGreaterThanOrEqual(30);
  });

  it('is complete and current in all six languages', async () => {
    const statuses = await translationStatus(join(CONTENT, 'ai-governance'));
    expect(statuses.map((s) => s.language).sort()).toEqual(['ar', 'es', 'fr', 'pt', 'sw']);
    for (const s of statuses) expect({ language: s.language, missing: s.missing, stale: s.stale }).toEqual({ language: s.language, missing: [], stale: [] });
  });
});
