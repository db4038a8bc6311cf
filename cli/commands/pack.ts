import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readPublicKeyFile, readSecretKeyFile } from '../../services/keys/keyFiles';
import { translationStatus, markTranslationsCurrent } from '../../services/content/translations';
import { SourceError } from '../../services/content/sources';
import { buildPack } from '../../services/pack/build';
import { PackError } from '../../services/packs/errors';
import { PackStore } from '../../services/packs/store';
import { verifyPackFile } from '../../services/packs/verify';
import { listZip, readZipEntry } from '../../services/archive/zip';
import { MANIFEST_PATH, MAX_MANIFEST_BYTES } from '../../core/pack/manifest';
import { APP_VERSION } from '../../services/appVersion';
import { parse, required, UsageError } from '../args';

export const PACK_USAGE = `baraza pack build SRC_DIR --out FILE.baraza --key KEYFILE   validate sources and build a signed pack
  baraza pack verify FILE.baraza --pubkey PUBFILE              check the signature and contents
  baraza pack inspect FILE.baraza                              id, version, publisher, languages, files, size
  baraza pack install FILE.baraza --store DIR [--trust PUBFILE] install as the app does
  baraza pack translations SRC_DIR [--mark-current LANG] [--strict]
                                                               translated, missing and stale items per language`;

function reportSourceProblems(err: unknown): number {
  if (!(err instanceof SourceError)) throw err;
  console.error(`${err.problems.length} problem(s) in the sources:`);
  for (const p of err.problems) console.error(`  ${p.file}:${p.line}: ${p.message}`);
  return 1;
}

async function build(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string' }, key: { type: 'string' } });
  const src = required(positionals[0], 'SRC_DIR');
  const key = await readSecretKeyFile(required(values.key, '--key KEYFILE'), process.env.BARAZA_KEY_PASSWORD);
  try {
    const built = await buildPack({ srcDir: src, outFile: required(values.out, '--out FILE.baraza'), key, minAppVersion: APP_VERSION });
    const m = built.manifest;
    console.log(`built ${m.id} version ${m.version}: ${m.files.length} files, ${m.languages.join(', ')}, ${built.bytes} bytes, signed by ${m.publisher.keyId} -> ${built.outFile}`);
    return 0;
  } catch (err) {
    return reportSourceProblems(err);
  }
}

async function verify(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse(argv, { pubkey: { type: 'string' } });
  const file = required(positionals[0], 'FILE.baraza');
  const key = await readPublicKeyFile(required(values.pubkey, '--pubkey PUBFILE'));
  const { manifest } = await verifyPackFile(file, [key], APP_VERSION);
  console.log(`valid: ${manifest.id} version ${manifest.version}, ${manifest.files.length} files, signed by ${manifest.publisher.name} (${manifest.publisher.keyId})`);
  return 0;
}

/** Reads the manifest without checking the signature: for looking at a pack, never for trusting it. */
async function inspect(argv: readonly string[]): Promise<number> {
  const file = required(parse(argv, {}).positionals[0], 'FILE.baraza');
  const entries = await listZip(file);
  const manifest = JSON.parse((await readZipEntry(file, MANIFEST_PATH, MAX_MANIFEST_BYTES)).toString('utf8')) as Record<string, unknown>;
  const publisher = (manifest.publisher ?? {}) as { name?: string; keyId?: string };
  console.log(`id:         ${String(manifest.id)}`);
  console.log(`version:    ${String(manifest.version)}`);
  console.log(`publisher:  ${publisher.name ?? '?'} (key ${publisher.keyId ?? '?'})`);
  console.log(`languages:  ${Array.isArray(manifest.languages) ? manifest.languages.join(', ') : '?'}`);
  console.log(`files:      ${entries.filter((e) => !e.path.endsWith('/')).length}`);
  console.log(`size:       ${(await stat(file)).size} bytes (${entries.reduce((n, e) => n + e.size, 0)} unpacked)`);
  console.log('(not verified: use `baraza pack verify` to check the signature)');
  return 0;
}

async function install(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse(argv, { store: { type: 'string' }, trust: { type: 'string' } });
  const file = required(positionals[0], 'FILE.baraza');
  const trusted = values.trust ? [await readPublicKeyFile(values.trust)] : [];
  const store = await PackStore.open(required(values.store, '--store DIR'), { appVersion: APP_VERSION, trustedKeys: async () => trusted });
  const result = await store.install(file);
  const m = result.pack.manifest;
  const from = result.previous ? ` (was version ${result.previous.version})` : '';
  console.log(`${result.changed ? 'installed' : 'reinstalled'} ${m.id} version ${m.version}${from} into ${store.root}`);
  return 0;
}

async function translations(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse(argv, { 'mark-current': { type: 'string' }, strict: { type: 'boolean' } });
  const src = required(positionals[0], 'SRC_DIR');
  const lang = values['mark-current'];
  if (lang) {
    const changed = await markTranslationsCurrent(src, lang);
    console.log(`${lang}: marked ${changed.length} translation(s) as made from the current source`);
  }
  let incomplete = false;
  for (const s of await translationStatus(src)) {
    console.log(`${s.language}: ${s.translated.length} translated, ${s.missing.length} missing, ${s.stale.length} stale`);
    for (const item of s.stale) console.log(`  stale:   ${item}`);
    for (const item of s.missing) console.log(`  missing: ${item}`);
    incomplete ||= s.missing.length + s.stale.length > 0;
  }
  // --strict makes an incomplete translation a failure, for a publisher's release check.
  return values.strict && incomplete ? 1 : 0;
}

/** A pack still being written says `draft: true` in pack.yaml; the app does not bundle it yet. */
async function isDraft(srcDir: string): Promise<boolean> {
  const text = await readFile(join(srcDir, 'pack.yaml'), 'utf8').catch(() => '');
  return /^draft:\s*true\s*$/m.test(text);
}

/** Builds every pack under `contentRoot` with the build key, for the app to bundle. */
export async function bundleAll(contentRoot: string, outDir: string, keyFile: string): Promise<number> {
  const key = await readSecretKeyFile(keyFile, process.env.BARAZA_KEY_PASSWORD);
  let status = 0;
  for (const name of (await readdir(contentRoot, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name)) {
    if (await isDraft(join(contentRoot, name))) {
      console.log(`skipped ${name}: marked "draft: true" in pack.yaml`);
      continue;
    }
    try {
      const built = await buildPack({ srcDir: join(contentRoot, name), outFile: join(outDir, `${name}.baraza`), key, minAppVersion: APP_VERSION });
      console.log(`bundled ${built.manifest.id} version ${built.manifest.version} -> ${basename(built.outFile)}`);
    } catch (err) {
      status = reportSourceProblems(err);
    }
  }
  return status;
}

const COMMANDS: Record<string, (argv: readonly string[]) => Promise<number>> = { build, verify, inspect, install, translations };

export async function pack(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const run = command ? COMMANDS[command] : undefined;
  if (!run) throw new UsageError(`unknown pack command "${command ?? ''}"`);
  try {
    return await run(rest);
  } catch (err) {
    if (err instanceof PackError) {
      console.error(`refused (${err.code}): ${err.message}`);
      return 1;
    }
    throw err;
  }
}
