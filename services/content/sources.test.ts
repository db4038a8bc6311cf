import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compilePackSources, SourceError } from './sources';

let dir: string;

async function put(files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

const PACK = 'id: demo\nversion: 2\ndefaultLanguage: en\nlanguages: [en, fr]\ntitle:\n  en: Demo\n';
const MODULE = '---\ntitle: Intro\nsummary: S\nduration: 15\norder: 1\nobjectives: [Know]\nquiz: intro-quiz\n---\n## One {#one}\nText.\n\n## Two {#two}\nMore.\n';
const QUIZ = `title: Q
module: intro
passMark: 60
questions:
  - id: a
    type: single
    prompt: P
    options: [{id: x, text: X}, {id: y, text: Y}]
    answer: y
    explanation: E
    section: two
  - id: b
    type: true-false
    prompt: P
    answer: false
    explanation: E
`;

async function problems(): Promise<string[]> {
  const err = await compilePackSources(dir).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SourceError);
  return (err as SourceError).problems.map((p) => `${p.file.replace(`${dir}/`, '')}:${p.line}: ${p.message}`);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baraza-src-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('compilePackSources', () => {
  it('compiles modules, quizzes and their translations into the pack model', async () => {
    await put({
      'pack.yaml': PACK,
      'modules/intro/en.md': MODULE,
      'modules/intro/fr.md': MODULE.replace('title: Intro', 'title: Introduction'),
      'quizzes/intro-quiz/en.yaml': QUIZ,
    });
    const pack = await compilePackSources(dir);
    expect(pack.index).toMatchObject({ id: 'demo', version: 2, defaultLanguage: 'en' });
    expect(pack.index.items).toContainEqual({ kind: 'module', id: 'intro', order: 1, languages: ['en', 'fr'], sections: ['one', 'two'] });
    expect(pack.files.get('fr/modules/intro.json')).toMatchObject({ title: 'Introduction', sections: [{ id: 'one' }, { id: 'two' }] });
    expect(pack.files.get('en/quizzes/intro-quiz.json')).toMatchObject({ questions: [{ correct: ['y'], sectionId: 'two' }, { kind: 'true-false', correct: ['false'] }] });
  });

  it('names file and line for a heading without a stable id and for broken YAML', async () => {
    await put({
      'pack.yaml': PACK,
      'modules/intro/en.md': MODULE.replace('## Two {#two}', '## Two'),
      'quizzes/intro-quiz/en.yaml': 'title: Q\nquestions: [\n',
    });
    const list = await problems();
    expect(list.some((p) => /modules\/intro\/en\.md:\d+: a "## " heading needs a stable id/.test(p))).toBe(true);
    expect(list.some((p) => p.includes('quizzes/intro-quiz/en.yaml:'))).toBe(true);
  });

  it('refuses front matter that is missing or not a mapping', async () => {
    await put({ 'pack.yaml': PACK, 'modules/intro/en.md': '## One {#one}\nText', 'modules/other/en.md': '---\n- a list\n---\n## A {#a}\nx' });
    const list = await problems();
    expect(list.some((p) => p.includes('modules/intro/en.md:1: missing front matter'))).toBe(true);
    expect(list.some((p) => p.includes('modules/other/en.md:2: expected a set of'))).toBe(true);
  });

  it('refuses quiz answers and references that do not exist', async () => {
    await put({
      'pack.yaml': PACK,
      'modules/intro/en.md': MODULE,
      'quizzes/intro-quiz/en.yaml': QUIZ.replace('answer: y', 'answer: z').replace('section: two', 'section: three'),
    });
    const list = await problems();
    expect(list.some((p) => p.includes('answer "z" is not one of the options'))).toBe(true);
  });

  it('refuses a section reference to a section the module lacks, and a missing quiz', async () => {
    await put({ 'pack.yaml': PACK, 'modules/intro/en.md': MODULE, 'quizzes/intro-quiz/en.yaml': QUIZ.replace('section: two', 'section: three') });
    expect((await problems()).some((p) => p.includes('points to section "three"'))).toBe(true);
    await rm(join(dir, 'quizzes'), { recursive: true });
    expect((await problems()).some((p) => p.includes('modules/intro/en.md:1: quiz "intro-quiz" does not exist'))).toBe(true);
  });

  it('requires the source language for every item and a pack.yaml', async () => {
    await put({ 'pack.yaml': PACK, 'modules/intro/fr.md': MODULE.replace('quiz: intro-quiz\n', '') });
    expect((await problems()).some((p) => p.includes('no valid en.md'))).toBe(true);
    await rm(join(dir, 'pack.yaml'));
    expect((await problems())[0]).toContain('pack.yaml not found');
  });

  it('survives YAML alias bombs without expanding them', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');
    await put({ 'pack.yaml': PACK, 'modules/intro/en.md': MODULE, 'quizzes/intro-quiz/en.yaml': `${bomb}\n${QUIZ}` });
    expect((await problems()).some((p) => /quizzes\/intro-quiz\/en\.yaml:1: .*alias/i.test(p))).toBe(true);
  });

  it('checks links between items and images, naming file and line', async () => {
    const body = [
      'See [the quiz](#/assessments/intro-quiz), [section two](#/modules/intro/two) and [the OECD](https://oecd.ai).',
      'Broken: [gone](#/guidelines/nowhere), [no section](#/modules/intro/nine), [relative](../x.md).',
      '![chart](media/chart.png) ![missing](media/nope.png) ![escape](../../etc/passwd.png)',
    ].join('\n');
    await put({
      'pack.yaml': PACK,
      'modules/intro/en.md': MODULE.replace('More.', `More.\n${body}`),
      'quizzes/intro-quiz/en.yaml': QUIZ,
      'media/chart.png': 'PNG',
    });
    const list = await problems();
    const at = (text: string): string | undefined => list.find((p) => p.includes(text));
    expect(at('"#/guidelines/nowhere" points to a guideline that does not exist')).toMatch(/modules\/intro\/en\.md:15:/);
    expect(at('"#/modules/intro/nine" points to a section')).toBeDefined();
    expect(at('"../x.md" is not understood')).toBeDefined();
    expect(at('image "media/nope.png" does not exist')).toMatch(/:16:/);
    expect(at('image "../../etc/passwd.png" must be')).toBeDefined();
    expect(list.some((p) => p.includes('intro-quiz') || p.includes('oecd.ai') || p.includes('chart.png'))).toBe(false);
  });

  it('carries the images the texts show into the pack', async () => {
    await put({
      'pack.yaml': PACK,
      'modules/intro/en.md': MODULE.replace('More.', 'More.\n![chart](media/chart.png)'),
      'quizzes/intro-quiz/en.yaml': QUIZ,
      'media/chart.png': 'PNG',
    });
    expect([...(await compilePackSources(dir)).media.keys()]).toEqual(['media/chart.png']);
  });
});
