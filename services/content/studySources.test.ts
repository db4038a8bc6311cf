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

async function problems(): Promise<string[]> {
  const err = await compilePackSources(dir).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SourceError);
  const base = `${dir.split('/').at(-1)}/`;
  return (err as SourceError).problems.map((p) => `${p.file.slice(p.file.indexOf(base) + base.length)}:${p.line}: ${p.message}`);
}

const PACK = 'id: demo\nversion: 1\ndefaultLanguage: en\nlanguages: [en, fr]\ntitle:\n  en: Demo\n';
const MODULE = `---
title: Intro
duration: 15
order: 1
objectives: [Know]
guidelines: [oecd]
templates: [aia]
cases: [robodebt]
---
## One {#one}
A [deployer](#/glossary/deployer) uses the [form](#/templates/aia) and reads the [case](#/cases/robodebt).
`;
const GUIDELINE = '---\ntitle: OECD\nissuer: OECD\nadopted: 22 May 2019\nlegalNature: Recommendation\nurl: https://oecd.ai\nfactsAsOf: 2026-11-27\n---\n## In brief\nText.\n';
const CASE = `---
title: Robodebt
place: Australia
period: 2015–2019
sector: Welfare
factsAsOf: 2026-11-27
sources:
  - title: Royal Commission report, 7 July 2023
guidelines: [oecd]
---
## The facts {#facts}
F.
## What went wrong {#what-went-wrong}
W.
## Which norms apply {#norms}
See the [OECD text](#/guidelines/oecd).
## Questions {#discussion}
1. In your institution…
`;
const GUIDE = '---\ntitle: Guide\nmodule: intro\ncase: robodebt\nduration: 60\n---\n## Plan {#plan}\n- **0–60 min — All.** Use the [case](#/cases/robodebt).\n';
const GLOSSARY = `title: Glossary
terms:
  - id: deployer
    term: Deployer
    definition: Uses an AI system under its authority.
    source: EU AI Act, Art. 3(4)
    see: [provider]
  - id: provider
    term: Provider
    definition: Develops an AI system and places it on the market.
`;
const TEMPLATE = `title: AIA
module: intro
scoring: impact-level
intro: Practise with the [module](#/modules/intro/one).
sections:
  - id: risk
    title: Risk
    role: risk
    fields:
      - id: q1
        type: choice
        label: Reversible?
        options:
          - { id: yes, text: "Yes", points: 0 }
          - { id: no, text: "No", points: 4 }
levels:
  - { id: I, title: Little, description: d, requirements: [a] }
  - { id: II, title: Moderate, description: d, requirements: [b] }
  - { id: III, title: High, description: d, requirements: [c] }
  - { id: IV, title: Very high, description: d, requirements: [d] }
`;

const WHOLE = {
  'pack.yaml': PACK,
  'modules/intro/en.md': MODULE,
  'guidelines/oecd/en.md': GUIDELINE,
  'cases/robodebt/en.md': CASE,
  'guides/intro-guide/en.md': GUIDE,
  'glossary/terms/en.yaml': GLOSSARY,
  'templates/aia/en.yaml': TEMPLATE,
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baraza-study-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('case studies, guides, glossaries and templates', () => {
  it('compiles every kind and the links between them', async () => {
    await put({ ...WHOLE, 'templates/aia/fr.yaml': TEMPLATE.replace('title: AIA', 'title: EIA').replace('Reversible?', 'Réversible ?') });
    const pack = await compilePackSources(dir);
    expect(pack.index.items.map((i) => `${i.kind}:${i.id}`).sort()).toEqual(['case:robodebt', 'glossary:terms', 'guide:intro-guide', 'guideline:oecd', 'module:intro', 'template:aia']);
    expect(pack.files.get('en/modules/intro.json')).toMatchObject({ guidelineIds: ['oecd'], templateIds: ['aia'], caseIds: ['robodebt'] });
    expect(pack.files.get('en/cases/robodebt.json')).toMatchObject({ place: 'Australia', sources: [{ title: 'Royal Commission report, 7 July 2023' }], sections: [{ id: 'facts' }, { id: 'what-went-wrong' }, { id: 'norms' }, { id: 'discussion' }] });
    expect(pack.files.get('en/guides/intro-guide.json')).toMatchObject({ moduleId: 'intro', caseId: 'robodebt', durationMinutes: 60 });
    expect(pack.files.get('en/glossary/terms.json')).toMatchObject({ terms: [{ id: 'deployer', see: ['provider'] }, { id: 'provider', see: [] }] });
    expect(pack.files.get('fr/templates/aia.json')).toMatchObject({ title: 'EIA', moduleId: 'intro', levels: [{ id: 'I' }, { id: 'II' }, { id: 'III' }, { id: 'IV' }] });
  });

  it('refuses links and references to items that do not exist', async () => {
    await put({
      ...WHOLE,
      'modules/intro/en.md': MODULE.replace('#/glossary/deployer', '#/glossary/nobody').replace('cases: [robodebt]', 'cases: [syri]').replace('#/templates/aia', '#/templates/fria'),
      'guides/intro-guide/en.md': GUIDE.replace('module: intro', 'module: outro'),
    });
    expect(await problems()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/modules\/intro\/en\.md:1: case "syri" does not exist/),
        expect.stringMatching(/guides\/intro-guide\/en\.md:1: module "outro" does not exist/),
        expect.stringMatching(/modules\/intro\/en\.md:11: link "#\/glossary\/nobody" points to a glossary term that no glossary defines/),
        expect.stringMatching(/modules\/intro\/en\.md:11: link "#\/templates\/fria" points to a template that does not exist/),
      ]),
    );
  });

  it('refuses a case study without its four sections in order', async () => {
    await put({ ...WHOLE, 'cases/robodebt/en.md': CASE.replace('{#norms}', '{#law}') });
    expect(await problems()).toContainEqual(expect.stringMatching(/cases\/robodebt\/en\.md:1: a case study starts with the sections \{#facts\}, \{#what-went-wrong\}, \{#norms\}, \{#discussion\}/));
  });

  it('refuses a translation whose ids, points or terms differ from the source', async () => {
    await put({
      ...WHOLE,
      'templates/aia/fr.yaml': TEMPLATE.replace('points: 4', 'points: 3'),
      'glossary/terms/fr.yaml': GLOSSARY.replace('id: provider', 'id: fournisseur').replace('see: [provider]', 'see: [fournisseur]'),
      'cases/robodebt/fr.md': CASE.replace('## Questions {#discussion}', '## Questions {#discussion}\n## Plus {#more}'),
    });
    const found = await problems();
    expect(found).toHaveLength(3);
    for (const file of ['templates/aia/fr.yaml', 'glossary/terms/fr.yaml', 'cases/robodebt/fr.md']) {
      expect(found).toContainEqual(expect.stringContaining(`${file}:1: the ids differ from the en text`));
    }
  });

  it('names the field of a malformed template', async () => {
    const broken: Record<string, string> = {
      'type: choice': 'type: slider',
      'role: risk': 'role: danger',
      '{ id: IV, title: Very high, description: d, requirements: [d] }': '{ id: V, title: Very high, description: d, requirements: [d] }',
      'points: 4': 'points: -1',
      'scoring: impact-level': 'scoring: vibes',
    };
    for (const [from, to] of Object.entries(broken)) {
      await put({ ...WHOLE, 'templates/aia/en.yaml': TEMPLATE.replace(from, to) });
      const found = await problems();
      expect(found.some((p) => p.startsWith('templates/aia/en.yaml:1:')), `${to}: ${found.join('; ')}`).toBe(true);
    }
  });
});
