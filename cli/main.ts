/** The `baraza` command. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compilePackSources, SourceError } from '../services/content/sources';
import { writeCompiledPack } from '../services/content/write';

const USAGE = `Usage:
  baraza content build SRC_ROOT OUT_DIR   compile every pack under SRC_ROOT (one folder each) into OUT_DIR`;

async function contentBuild(srcRoot: string, outDir: string): Promise<number> {
  const packs = (await readdir(srcRoot, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  let failed = 0;
  for (const name of packs) {
    try {
      const pack = await compilePackSources(join(srcRoot, name));
      const where = await writeCompiledPack(pack, outDir);
      console.log(`built ${pack.index.id} v${pack.index.version}: ${pack.index.items.length} items in ${pack.index.languages.join(', ')} -> ${where}`);
    } catch (err) {
      failed++;
      if (err instanceof SourceError) {
        console.error(`${name}: ${err.problems.length} problem(s)`);
        for (const p of err.problems) console.error(`  ${p.file}:${p.line}: ${p.message}`);
      } else throw err;
    }
  }
  return failed === 0 ? 0 : 1;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [group, command, ...rest] = argv;
  if (group === 'content' && command === 'build' && rest.length === 2 && rest[0] && rest[1]) return contentBuild(rest[0], rest[1]);
  console.error(USAGE);
  return 2;
}
