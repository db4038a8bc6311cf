/**
 * Install benchmark: `PackStore.install` of a 200 MB signed pack (verify the signature,
 * hash every file, extract, fsync, rename) beside three plain ways of putting the same
 * bytes on disk, alternated in one run on the same volume, so the figure is a ratio.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { generateKeyPair } from '../core/pack/minisign';
import { makePack, moduleFile, packIndexFile } from '../services/packs/packFixtures';
import { verifyPackFile } from '../services/packs/verify';
import { extractZip } from '../services/archive/zip';
import { PackStore } from '../services/packs/store';

export interface Timing {
  /** Milliseconds. */
  readonly median: number;
  readonly p95: number;
  readonly samples: readonly number[];
}

export interface NamedTiming {
  readonly name: string;
  readonly timing: Timing;
}

export interface InstallFigures {
  readonly date: string;
  readonly runs: number;
  /** Size of the .baraza file. */
  readonly packBytes: number;
  /** Files in the pack and their bytes once extracted. */
  readonly files: number;
  readonly contentBytes: number;
  readonly install: Timing;
  /** The first is the one the target is judged against. */
  readonly baselines: readonly NamedTiming[];
  readonly targetRatio: number;
  /** The steps of an install timed on their own, to show where its time goes. */
  readonly steps: readonly NamedTiming[];
}

const RUNS = Number(process.env.BENCH_INSTALL_RUNS ?? 5);
const STEP_RUNS = 3;
const PACK_ID = 'bench-media';
const MB = 1_000_000;

/** Media files: random bytes, which do not compress, under extensions the pack writer stores as they are. */
const MEDIA = [
  { folder: 'media/video', ext: 'mp4', count: 4, min: 10 * MB, max: 20 * MB },
  { folder: 'media/audio', ext: 'mp3', count: 12, min: 2 * MB, max: 6 * MB },
  { folder: 'media/photos', ext: 'jpg', count: 40, min: 500_000, max: 2 * MB },
  { folder: 'media/figures', ext: 'webp', count: 120, min: 100_000, max: 500_000 },
] as const;
const JSON_FILES = 2000;
const LANGUAGES = ['en', 'fr', 'es', 'ar', 'pt', 'sw'] as const;

const WORDS =
  'the a of and to in system data risk model public service learner governance principle accountability transparency human rights oversight fairness safety privacy impact assessment procurement audit lifecycle provider deployer decision citizen ministry regulator standard evidence report policy law review appeal bias dataset training testing monitoring incident register consultation explanation consent security robustness sector health education justice finance'.split(
    ' ',
  );

/** A small deterministic generator, so the JSON files are the same text in every run. */
function wordsFrom(seed: number): () => string {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return WORDS[state % WORDS.length] ?? 'data';
  };
}

/** A glossary-like JSON item of about `bytes` bytes, compressible like real prose. */
function jsonItem(index: number, bytes: number): Buffer {
  const next = wordsFrom(index + 1);
  const words: string[] = [];
  let length = 0;
  while (length < bytes - 120) {
    const word = next();
    words.push(word);
    length += word.length + 1;
  }
  return Buffer.from(JSON.stringify({ id: `term-${index}`, title: `${next()} ${next()}`, tags: [next(), next()], body: words.join(' ') }));
}

function spread(min: number, max: number, count: number, i: number): number {
  return Math.round(count === 1 ? max : min + ((max - min) * i) / (count - 1));
}

/** About 200 MB: a few large media files down to 100 KB images, plus 2000 small JSON files. */
function packContents(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const group of MEDIA) {
    for (let i = 0; i < group.count; i++) {
      files.set(`${group.folder}/${group.ext}-${String(i).padStart(3, '0')}.${group.ext}`, randomBytes(spread(group.min, group.max, group.count, i)));
    }
  }
  for (let i = 0; i < JSON_FILES; i++) {
    const lang = LANGUAGES[i % LANGUAGES.length] ?? 'en';
    files.set(`${lang}/glossary/term-${String(i).padStart(4, '0')}.json`, jsonItem(i, spread(500, 5500, JSON_FILES, i)));
  }
  return files;
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The .baraza file copied and synced, as a file manager would put it on disk. */
async function copyPackFile(file: string, dest: string): Promise<void> {
  await mkdir(dest);
  const target = join(dest, 'pack.baraza');
  await copyFile(file, target);
  await fsyncFile(target);
}

/** The pack's files written from memory and each synced: the same bytes in the same files, with no archive to read. */
async function writeSameFiles(files: ReadonlyMap<string, Buffer>, dest: string): Promise<void> {
  for (const [path, data] of files) {
    const target = join(dest, ...path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    const handle = await open(target, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

/** Every entry unzipped into place and synced, with no signature, hash or CRC check and no staging. */
async function plainUnzip(file: string, dest: string): Promise<void> {
  await mkdir(dest);
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const target = join(dest, ...entry.fileName.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(target, { flush: true }));
    }
  } finally {
    zip.close();
  }
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function timing(samples: number[]): Timing {
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95), samples };
}

async function elapsed(act: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await act();
  return performance.now() - started;
}

export async function runInstallBench(): Promise<InstallFigures> {
  // Pack, stores and copies share one temp folder, so they are on one volume as in the app.
  const work = await mkdtemp(join(tmpdir(), 'baraza-bench-install-'));
  try {
    const key = generateKeyPair();
    const extra = packContents();
    const file = await makePack(work, key, { id: PACK_ID, extra });
    const files = new Map([['pack.json', packIndexFile(PACK_ID, 1)], ['en/modules/m.json', moduleFile('Module v1')], ...extra]);
    const contentBytes = [...files.values()].reduce((n, b) => n + b.length, 0);
    const packBytes = (await stat(file)).size;

    const sides = {
      install: async (dest: string): Promise<number> => {
        // Opening a fresh store is setup, not install.
        const store = await PackStore.open(dest, { appVersion: '1.0.0', trustedKeys: async () => [key.publicKey] });
        return elapsed(() => store.install(file));
      },
      files: (dest: string): Promise<number> => elapsed(() => writeSameFiles(files, dest)),
      copy: (dest: string): Promise<number> => elapsed(() => copyPackFile(file, dest)),
      unzip: (dest: string): Promise<number> => elapsed(() => plainUnzip(file, dest)),
    };
    const order = ['install', 'files', 'copy', 'unzip'] as const;
    const samples: Record<(typeof order)[number], number[]> = { install: [], files: [], copy: [], unzip: [] };
    // Round 0 warms the page cache and the JIT and is not counted; each round after rotates
    // the order, so no side always follows the same one (and the same deletion).
    for (let round = 0; round <= RUNS; round++) {
      for (let k = 0; k < order.length; k++) {
        const side = order[(round + k) % order.length] ?? 'install';
        const dest = join(work, `${side}-${round}`);
        const ms = await sides[side](dest);
        if (round > 0) samples[side].push(ms);
        await rm(dest, { recursive: true, force: true });
      }
    }

    // The same calls PackStore.install makes, one at a time.
    const steps = { verify: [] as number[], extract: [] as number[] };
    for (let run = 0; run < STEP_RUNS; run++) {
      steps.verify.push(await elapsed(() => verifyPackFile(file, [key.publicKey], '1.0.0')));
      const dest = join(work, `extract-${run}`);
      await mkdir(dest);
      steps.extract.push(await elapsed(() => extractZip(file, dest)));
      await rm(dest, { recursive: true, force: true });
    }

    return {
      date: new Date().toISOString(),
      runs: RUNS,
      packBytes,
      files: files.size,
      contentBytes,
      install: timing(samples.install),
      baselines: [
        { name: 'the same files written from memory (fsync each)', timing: timing(samples.files) },
        { name: 'copy of the .baraza file (copyFile + fsync)', timing: timing(samples.copy) },
        { name: 'plain unzip into the same files (fsync each, no checks)', timing: timing(samples.unzip) },
      ],
      targetRatio: 2,
      steps: [
        { name: 'verify signature and manifest (verifyPackFile)', timing: timing(steps.verify) },
        { name: 'extract with CRC-32 and SHA-256 of each file, fsync each (extractZip)', timing: timing(steps.extract) },
      ],
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
