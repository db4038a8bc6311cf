/**
 * Every pack under content/ builds without a single problem, and the flagship pack
 * keeps the shape issue-level requirements give it: modules with quizzes that test
 * them section by section, guidelines with their source and date.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Guideline, Module, Quiz } from '../../core/content/model';
import { markdownToPlainText } from '../../core/content/markdown';
import { compilePackSources } from '../../services/content/sources';

const CONTENT = join(__dirname, '../../content');
const packs = readdirSync(CONTENT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe.each(packs)('content/%s', (name) => {
  it('compiles with no problem', async () => {
    await expect(compilePackSources(join(CONTENT, name))).resolves.toBeTruthy();
  });
});

describe('the flagship pack', () => {
  const load = async () => {
    const pack = await compilePackSources(join(CONTENT, 'ai-governance'));
    const en = <T>(kind: string) => [...pack.files].filter(([p]) => p.startsWith(`en/${kind}/`)).map(([, v]) => v as T);
    return { modules: en<Module>('modules'), quizzes: en<Quiz>('quizzes'), guidelines: en<Guideline>('guidelines') };
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
});
