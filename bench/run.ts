/** `npm run bench`: runs every benchmark and prints a table, also written to bench/results.json. */
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../test/e2e/harness';
import { runUiBench, type Figure } from './ui';

function row(f: Figure): string {
  const fmt = (v: number): string => (v < 1 ? v.toFixed(2) : v.toFixed(1));
  // Below a millisecond the baseline is timer resolution, and a ratio to it says nothing.
  const ratio = f.baseline !== undefined && f.baseline >= 1 ? `${(f.median / f.baseline).toFixed(1)}×` : '—';
  const ok = f.median <= f.target ? 'yes' : 'NO';
  return `| ${f.name} | ${fmt(f.median)} ${f.unit} | ${fmt(f.p95)} ${f.unit} | ${f.baseline !== undefined ? `${fmt(f.baseline)} ${f.unit}` : '—'} | ${ratio} | ≤ ${f.target} ${f.unit} | ${ok} |`;
}

const figures = await runUiBench();
const lines = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; ${process.env.BENCH_RUNS ?? 15} runs each`,
  '',
  '| measure | median | p95 | baseline median | ratio | target | met |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...figures.map(row),
];
console.log(lines.join('\n'));
await writeFile(join(ROOT, 'bench/results.json'), `${JSON.stringify({ date: new Date().toISOString(), figures }, null, 2)}\n`);
