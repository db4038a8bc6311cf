/**
 * `npm run bench`: runs every benchmark and prints one table each, also written to
 * bench/results.json. BENCH_ONLY=ui|packs|search|sync (comma-separated) runs some of them and
 * keeps the other figures already in results.json.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../test/e2e/harness';
import { runInstallBench, type InstallFigures } from './packInstall';
import { runSearchBench, type SearchFigures } from './search';
import { runSyncBench, type SyncFigures } from './sync';
import { runUiBench, type Figure } from './ui';

const PARTS = ['ui', 'packs', 'search', 'sync'] as const;
type Part = (typeof PARTS)[number];

interface Results {
  /** When the UI figures were taken; the other parts carry their own date. */
  date?: string;
  machine?: string;
  /** The UI figures, under the name they have always had. */
  figures?: Figure[];
  packInstall?: InstallFigures;
  search?: SearchFigures;
  sync?: SyncFigures;
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

function syncTables(f: SyncFigures): string[] {
  const perSecond = (ms: number): string => `${Math.round(f.statements / (ms / 1000)).toLocaleString('en')}/s`;
  const ingest = f.engines.map((e) => {
    const share = e.rawIngest.median / e.hubIngest.median;
    return `| ${e.engine} | ${seconds(e.hubIngest.median)} (${perSecond(e.hubIngest.median)}) | ${seconds(e.rawIngest.median)} (${perSecond(e.rawIngest.median)}) | ${e.rawName} | ${share.toFixed(2)} | ≥ ${f.targets.hubShareOfRaw} | ${share >= f.targets.hubShareOfRaw ? 'yes' : 'NO'} |`;
  });
  const push = f.engines.flatMap((e) =>
    e.endToEnd.map((v) => {
      const fast = v.push.median / 1000 <= f.targets.pushSeconds ? 'yes' : 'NO';
      const small = v.requestBytesPerStatement <= f.targets.requestBytesPerStatement ? 'yes' : 'NO';
      return `| ${e.engine} | ${v.laptop} | ${v.how} | ${v.gzipped ? 'yes' : 'no'} | ${seconds(v.push.median)} | ${seconds(v.push.p95)} | ${seconds(v.waitingMs)} | ${times(v.push.median / e.hubIngest.median)} | ${v.requests} | ${v.requestBytesPerStatement.toFixed(0)} B | ${v.replyBytesPerStatement.toFixed(0)} B | ${fast} | ${small} |`;
    }),
  );
  return [
    `### Hub ingest (${f.statements.toLocaleString('en')} statements in batches of ${f.batch}, ${f.runs} runs of each side, alternated)`,
    '',
    'Share of raw = hub throughput ÷ raw throughput (= raw time ÷ hub time).',
    '',
    '| engine | hub over HTTP | raw insert | raw side | share of raw | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...ingest,
    '',
    `### One laptop's outbox to the hub (${f.statements.toLocaleString('en')} statements; ${f.runs} runs each in Chromium, ${f.nodeRuns} in Node)`,
    '',
    `Target: ≤ ${f.targets.pushSeconds} s and ≤ ${f.targets.requestBytesPerStatement} request bytes per statement. Ratio: push time ÷ hub ingest over HTTP. Bytes: HTTP as read and written by the hub.`,
    '',
    '| engine | laptop | how | gzipped | push median | p95 | waiting on fetch | ratio | requests | request bytes / statement | reply bytes / statement | time met | bytes met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...push,
    '',
    ...f.deviceSteps.map((l) => `Device-side steps in a full outbox on ${l.laptop} (median of ${l.steps[0]?.timing.samples.length ?? 0}): ${l.steps.map((s) => `${s.name} ${ms(s.timing.median)}`).join('; ')}.`),
    ...(f.skipped ? ['', f.skipped] : []),
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
if (parts.has('sync')) {
  results.sync = await runSyncBench();
  lines.push('', ...syncTables(results.sync));
}
console.log(lines.join('\n'));
results.machine = machine;
await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
