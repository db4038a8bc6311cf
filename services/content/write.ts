import { mkdir, rm, writeFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CompiledPack } from './sources';

/** Writes a compiled pack folder next to its final place, then swaps it in. */
export async function writeCompiledPack(pack: CompiledPack, outRoot: string): Promise<string> {
  const final = join(outRoot, pack.index.id);
  const temp = `${final}.tmp-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  await writeFile(join(temp, 'pack.json'), JSON.stringify(pack.index, null, 1));
  for (const [path, value] of pack.files) {
    const file = join(temp, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(value));
  }
  await rm(final, { recursive: true, force: true });
  await rename(temp, final);
  return final;
}
