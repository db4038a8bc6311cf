/** The lint rule that keeps imports running downhill must actually fire. */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import directions', () => {
  it.each([
    ['core/x.ts', "import { a } from '../services/packs/files';"],
    ['core/x.ts', "import { readFile } from 'node:fs';"],
    ['core/x.ts', "import { app } from 'electron';"],
    ['renderer/x.ts', "import { a } from '../services/packs/files';"],
    ['renderer/screens/x.tsx', "import { a } from '../../hub/webHost';"],
    ['services/packs/x.ts', "import { a } from '../../hub/webHost';"],
    ['services/x.ts', "import { a } from '../electron/main';"],
    ['hub/x.ts', "import { a } from '../cli/main';"],
    ['cli/x.ts', "import { a } from '../electron/ipc';"],
    ['electron/x.ts', "import { a } from '../renderer/main';"],
  ])('forbids %s: %s', async (file, source) => {
    expect(await restricted(file, `${source}\nexport const b = a;`)).not.toEqual([]);
  });

  it.each([
    ['renderer/x.ts', "import { a } from '../core/progress';"],
    ['services/x.ts', "import { a } from '../core/progress';"],
    ['hub/x.ts', "import { a } from '../services/packs/files';"],
    ['electron/x.ts', "import { a } from '../services/packs/files';"],
    ['cli/x.ts', "import { a } from '../services/content/sources';"],
  ])('allows %s: %s', async (file, source) => {
    expect(await restricted(file, `${source}\nexport const b = a;`)).toEqual([]);
  });
});
