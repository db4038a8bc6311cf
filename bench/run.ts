/**
 * `npm run bench`: runs every benchmark and prints one table each, also written to
 * bench/results.json. BENCH_ONLY=ui|packs|search (comma-separated) runs some of them and
 * keeps the other figures already in results.json.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../test/e2e/harness';
import { runInstallBench, type InstallFigures } from './packInstall';
import { runSearchBench, type SearchFigures } from './search';
import { runUiBench, type Figure } from './ui';

const PARTS = ['ui', 'packs', 'search'] as const;
type Part = (typeof PARTS)[number];

interface Results {
  /** When the UI figures were taken; the other parts carry their own date. */
  date?: string;
  machine?: string;
  /** The UI figures, under the name they have always had. */
  figures?: Figure[];
  packInstall?: InstallFigures;
  search?: SearchFigures;
}

const ms = (v: number): string => `${v < 0.1 ? v.toFixed(3) : v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
const seconds = (v: number): string => `${(v / 1000).toFixed(2)} s`;
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;
const times = (v: number): string => `${v < 10 ? v.toFixed(2) : v.toFixed(0)}×`;

function uiRow(f: Figure): string {
  const fmt = (v: number): string => (v < 1 ? v.toFixed(2) : v.toFixed(1));
  // Below a millisecond the baseline is timer resolution, and a ratio to it says nothing.
  const ratio = f.baseline !== undefined && f.baseline >= 1 ? `${(f.median / f.baseline).toFixed(1)}×` : '—';
  const ok = f.median <= f.target ? 'yes' : 'NO';
  return `| ${f.name} | ${fmt(f.median)} ${f.unit} | ${fmt(f.p95)} ${f.unit} | ${f.baseline !== undefined ? `${fmt(f.baseline)} ${f.unit}` : '—'} | ${ratio} | ≤ ${f.target} ${f.unit} | ${ok} |`;
}

function uiTable(figures: readonly Figure[]): string[] {
  return [
    `### Learner app in the browser (${process.env.BENCH_RUNS ?? 15} runs each)`,
    '',
    '| measure | median | p95 | baseline median | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...figures.map(uiRow),
  ];
}

function installTable(f: InstallFigures): string[] {
  const { install } = f;
  const rows = f.baselines.map((b, i) => {
    const ratio = install.median / b.timing.median;
    const target = i === 0 ? `≤ ${f.targetRatio}×` : '—';
    const met = i === 0 ? (ratio <= f.targetRatio ? 'yes' : 'NO') : '—';
    return `| Install (\`PackStore.install\`) | ${seconds(install.median)} | ${seconds(install.p95)} | ${b.name} | ${seconds(b.timing.median)} | ${times(ratio)} | ${target} | ${met} |`;
  });
  const stepsTotal = f.steps.reduce((n, s) => n + s.timing.median, 0);
  const steps = [...f.steps.map((s) => `${s.name} ${seconds(s.timing.median)}`), `the rest (record, renames, directory syncs) about ${seconds(Math.max(0, install.median - stepsTotal))}`];
  return [
    `### Installing a ${mb(f.contentBytes)} pack (${f.runs} runs of each side, alternated)`,
    '',
    `Pack file ${mb(f.packBytes)}, ${f.files} files, ${mb(f.contentBytes)} once extracted.`,
    '',
    '| measure | median | p95 | baseline | baseline median | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Install steps timed on their own (median of ${f.steps[0]?.timing.samples.length ?? 0}): ${steps.join('; ')}.`,
  ];
}

function searchTable(f: SearchFigures): string[] {
  const rows = f.corpora.map((c) => {
    const met = c.search.p95 <= c.targetP95 ? 'yes' : 'NO';
    return `| ${c.name} | ${c.documents} | ${kb(c.textBytes)} | ${kb(c.indexBytes)} (${kb(c.indexGzipBytes)}) | ${ms(c.loadMs)} | ${ms(c.search.p50)} | ${ms(c.search.p95)} | ${ms(c.scan.p50)} | ${ms(c.scan.p95)} | ${times(c.search.p50 / c.scan.p50)} | p95 ≤ ${c.targetP95} ms | ${met} |`;
  });
  return [
    `### Search (${f.rounds} rounds of every query, each beside the scan)`,
    '',
    '| corpus | documents | text | index (gzip) | load | p50 | p95 | scan p50 | scan p95 | ratio (p50) | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Queries with at least one hit: ${f.corpora.map((c) => `${c.name} ${c.queriesWithHits}/${c.queries}`).join('; ')}.`,
  ];
}

function chosenParts(): Set<Part> {
  const only = process.env.BENCH_ONLY;
  if (!only) return new Set(PARTS);
  const asked = only.split(',').map((p) => p.trim());
  const unknown = asked.filter((p) => !PARTS.some((part) => part === p));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names ${unknown.join(', ')}; it takes ${PARTS.join(', ')} (comma-separated).`);
  return new Set(PARTS.filter((part) => asked.includes(part)));
}

const parts = chosenParts();
const resultsFile = join(ROOT, 'bench/results.json');
const results = JSON.parse(await readFile(resultsFile, 'utf8').catch(() => '{}')) as Results;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
const lines = [`Machine: ${machine}`];

if (parts.has('ui')) {
  results.figures = await runUiBench();
  results.date = new Date().toISOString();
  lines.push('', ...uiTable(results.figures));
}
if (parts.has('packs')) {
  results.packInstall = await runInstallBench();
  lines.push('', ...installTable(results.packInstall));
}
if (parts.has('search')) {
  results.search = await runSearchBench(join(ROOT, 'content/ai-governance'));
  lines.push('', ...searchTable(results.search));
}
console.log(lines.join('\n'));
results.machine = machine;
await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
