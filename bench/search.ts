/**
 * Search benchmark: query latency of `PackSearch` over the installed bundled pack and over
 * a synthetic pack ten times its size, beside a plain linear scan of the same documents'
 * folded text, query for query in the same run.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateKeyPair } from '../core/pack/minisign';
import { foldText, tokenize } from '../core/search/fold';
import { buildSearchIndex, PackSearch, type SearchDocument } from '../core/search/searchIndex';
import { APP_VERSION } from '../services/appVersion';
import { compilePackSources } from '../services/content/sources';
import { buildPack } from '../services/pack/build';
import { searchDocuments } from '../services/pack/searchDocuments';
import { PackStore } from '../services/packs/store';

export interface Latency {
  /** Milliseconds per query. */
  readonly p50: number;
  readonly p95: number;
}

export interface SearchCorpusFigures {
  readonly name: string;
  readonly language: string;
  readonly documents: number;
  /** UTF-8 bytes of the documents' title and text. */
  readonly textBytes: number;
  /** `<lang>/search.json` as shipped, and gzipped (about what it takes inside the pack). */
  readonly indexBytes: number;
  readonly indexGzipBytes: number;
  /** Median time of `PackSearch.load`, paid once before the first search. */
  readonly loadMs: number;
  readonly queries: number;
  readonly queriesWithHits: number;
  readonly samples: number;
  readonly search: Latency;
  readonly scan: Latency;
  readonly targetP95: number;
}

export interface SearchFigures {
  readonly date: string;
  readonly rounds: number;
  readonly corpora: readonly SearchCorpusFigures[];
}

const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 20);
const LOADS = 5;
const COPIES = 10;
const LIMIT = 20;

/** What learners type: whole words, words cut short, phrases, a typo, and French without its accents. */
const QUERIES: Readonly<Record<'en' | 'fr', readonly string[]>> = {
  en: [
    'governance',
    'gov',
    'transparency',
    'transp',
    'accountability',
    'human rights',
    'risk',
    'risk assess',
    'OECD',
    'UNESCO',
    'lifecycle',
    'deployer',
    'provider',
    'data',
    'fairness',
    'privacy',
    'ethics',
    'principles',
    'AI system definition',
    'recommendation',
    'Council of Europe',
    'trustworthy',
    'explainab',
    'sustainable development',
    'transparancy',
    'procurement',
  ],
  fr: [
    'gouvernance',
    'gouv',
    'transparence',
    'responsabilité',
    'responsabilite',
    "droits de l'homme",
    'risque',
    "système d'IA",
    'systeme d ia',
    'éthique',
    'ethique',
    'ÉTHIQUE',
    'données',
    'donnees',
    'cycle de vie',
    'déployeur',
    'deployeur',
    'fournisseur',
    'équité',
    'equite',
    'vie privée',
    'vie privee',
    'OCDE',
    'recommandation',
    'recomm',
    "Conseil de l'Europe",
    'sécurité',
    'securite',
    'inférence',
    'intelligence artificielle',
  ],
};

/** The naive approach: every document's folded text kept in memory and searched for each query term in turn. */
class LinearScan {
  private readonly docs: readonly { readonly id: string; readonly text: string }[];

  constructor(documents: readonly SearchDocument[]) {
    this.docs = documents.map((d) => ({ id: d.id, text: foldText(`${d.itemTitle}\n${d.title}\n${d.text}`) }));
  }

  /** Ids of the documents holding every term, in document order: no ranking, no typo tolerance, no snippets. */
  search(query: string): string[] {
    const terms = tokenize(query).map(foldText).filter(Boolean);
    if (terms.length === 0) return [];
    const hits: string[] = [];
    for (const doc of this.docs) if (terms.every((t) => doc.text.includes(t))) hits.push(doc.id);
    return hits.slice(0, LIMIT);
  }
}

/** Copy `k` of a document: its own ids, and its sentences rotated with one left out, so no two copies index alike. */
function variant(doc: SearchDocument, k: number): SearchDocument {
  const sentences = doc.text.split(/(?<=[.!?])\s+/);
  const rotated = [...sentences.slice(k % sentences.length), ...sentences.slice(0, k % sentences.length)];
  const kept = rotated.length > 3 ? rotated.filter((_, i) => i !== k % rotated.length) : rotated;
  const itemId = `${doc.itemId}-${k}`;
  return { ...doc, id: `${doc.kind}:${itemId}#${doc.anchor}`, itemId, itemTitle: `${doc.itemTitle} (${k + 1})`, text: kept.join(' ') };
}

function replicate(docs: readonly SearchDocument[], copies: number): SearchDocument[] {
  const out = [...docs];
  for (let k = 1; k < copies; k++) out.push(...docs.map((d) => variant(d, k)));
  return out;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function time(act: () => unknown): number {
  const started = performance.now();
  act();
  return performance.now() - started;
}

interface Corpus {
  readonly name: string;
  readonly language: 'en' | 'fr';
  readonly documents: readonly SearchDocument[];
  readonly index: string;
  readonly targetP95: number;
}

function measure(corpus: Corpus): SearchCorpusFigures {
  const loads = Array.from({ length: LOADS }, () => time(() => PackSearch.load(corpus.index)));
  const index = PackSearch.load(corpus.index);
  const scan = new LinearScan(corpus.documents);
  const queries = QUERIES[corpus.language];
  const searchMs: number[] = [];
  const scanMs: number[] = [];
  // Round 0 warms the JIT and is not counted; the two sides swap order every round.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const query of queries) {
      const scanFirst = round % 2 === 0;
      const before = scanFirst ? time(() => scan.search(query)) : 0;
      const searched = time(() => index.search(query, LIMIT));
      const scanned = scanFirst ? before : time(() => scan.search(query));
      if (round > 0) {
        searchMs.push(searched);
        scanMs.push(scanned);
      }
    }
  }
  return {
    name: corpus.name,
    language: corpus.language,
    documents: corpus.documents.length,
    textBytes: corpus.documents.reduce((n, d) => n + Buffer.byteLength(d.title) + Buffer.byteLength(d.text), 0),
    indexBytes: Buffer.byteLength(corpus.index),
    indexGzipBytes: gzipSync(corpus.index).length,
    loadMs: quantile(loads, 0.5),
    queries: queries.length,
    queriesWithHits: queries.filter((q) => index.search(q, 1).length > 0).length,
    samples: searchMs.length,
    search: { p50: quantile(searchMs, 0.5), p95: quantile(searchMs, 0.95) },
    scan: { p50: quantile(scanMs, 0.5), p95: quantile(scanMs, 0.95) },
    targetP95: corpus.targetP95,
  };
}

/** `contentDir` is the bundled pack's sources (content/ai-governance). */
export async function runSearchBench(contentDir: string): Promise<SearchFigures> {
  const work = await mkdtemp(join(tmpdir(), 'baraza-bench-search-'));
  try {
    // Built and installed as the app would, so the index searched is the one it ships.
    const key = generateKeyPair();
    const built = await buildPack({ srcDir: contentDir, outFile: join(work, 'bundled.baraza'), key, minAppVersion: APP_VERSION });
    const store = await PackStore.open(join(work, 'store'), { appVersion: APP_VERSION, trustedKeys: async () => [key.publicKey] });
    await store.install(built.outFile);
    const packDir = await store.packDir(built.manifest.id);
    if (!packDir) throw new Error(`The bundled pack ${built.manifest.id} did not install.`);
    const compiled = await compilePackSources(contentDir);

    const corpora: SearchCorpusFigures[] = [];
    for (const language of ['en', 'fr'] as const) {
      const documents = searchDocuments(compiled.index, compiled.files, language);
      const index = await readFile(join(packDir, language, 'search.json'), 'utf8');
      const { documentCount } = JSON.parse(index) as { documentCount?: unknown };
      if (documentCount !== documents.length) throw new Error(`The ${language} index holds ${String(documentCount)} documents; the sources give ${documents.length}.`);
      corpora.push(measure({ name: `bundled pack (${language})`, language, documents, index, targetP95: 20 }));
      const many = replicate(documents, COPIES);
      corpora.push(measure({ name: `synthetic ×${COPIES} (${language})`, language, documents: many, index: buildSearchIndex(many), targetP95: 50 }));
    }
    return { date: new Date().toISOString(), rounds: ROUNDS, corpora };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
