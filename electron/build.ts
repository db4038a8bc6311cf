/** `npx tsx electron/build.ts [outDir]`: bundles the desktop shell, by default into dist/electron. */
import { join, resolve } from 'node:path';
import { bundleElectron, REPO_ROOT } from './bundle';

const outDir = process.argv[2] ? resolve(process.argv[2]) : join(REPO_ROOT, 'dist', 'electron');
await bundleElectron(outDir);
console.log(`electron: main.cjs and preload.cjs -> ${outDir}`);
