/** The `baraza` command end to end, in-process: what a publisher types, and what they read back. */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from './main';

let dir: string;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    return { code: await main(argv), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baraza-cli-'));
  await cp(join(__dirname, '../test/fixtures/starter-pack'), join(dir, 'src'), { recursive: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('baraza', () => {
  it('makes keys, builds, verifies, inspects and installs a pack', async () => {
    expect((await run('keygen', '--out', join(dir, 'keys'))).out).toMatch(/key id: +[0-9A-F]{16}/);
    const built = await run('pack', 'build', join(dir, 'src'), '--out', join(dir, 'p.baraza'), '--key', join(dir, 'keys/baraza.key'));
    expect(built).toMatchObject({ code: 0 });
    expect(built.out).toMatch(/^built baraza-starter version 1: \d+ files/);
    expect(await run('pack', 'verify', join(dir, 'p.baraza'), '--pubkey', join(dir, 'keys/baraza.pub'))).toMatchObject({ code: 0, out: expect.stringMatching(/^valid: baraza-starter version 1/) });
    const inspected = await run('pack', 'inspect', join(dir, 'p.baraza'));
    expect(inspected.out).toMatch(/id: +baraza-starter[\s\S]*languages: +en, fr[\s\S]*files: +\d+[\s\S]*size: +\d+ bytes/);
    const installed = await run('pack', 'install', join(dir, 'p.baraza'), '--store', join(dir, 'store'), '--trust', join(dir, 'keys/baraza.pub'));
    expect(installed).toMatchObject({ code: 0, out: expect.stringMatching(/^installed baraza-starter version 1/) });
  });

  it('refuses with a plain reason and a non-zero exit', async () => {
    await run('keygen', '--out', join(dir, 'other'));
    const wrongKey = await run('pack', 'verify', join(dir, 'p.baraza'), '--pubkey', join(dir, 'other/baraza.pub'));
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.err).toMatch(/^refused \(untrusted-key\): The pack is signed by key [0-9A-F]{16}, which is not trusted here\.$/);
    const again = await run('keygen', '--out', join(dir, 'keys'));
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
    await writeFile(join(dir, 'junk.baraza'), 'not a zip');
    expect((await run('pack', 'verify', join(dir, 'junk.baraza'), '--pubkey', join(dir, 'keys/baraza.pub'))).err).toMatch(/^refused \(not-a-pack\)/);
  });

  it('lists every source problem with file and line, and builds nothing', async () => {
    const module = join(dir, 'src/modules/what-is-an-ai-system/en.md');
    await writeFile(module, (await readFile(module, 'utf8')).replace('{#definition}', ''));
    const result = await run('pack', 'build', join(dir, 'src'), '--out', join(dir, 'broken.baraza'), '--key', join(dir, 'keys/baraza.key'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/modules\/what-is-an-ai-system\/en\.md:\d+: a "## " heading needs a stable id/);
    await expect(readFile(join(dir, 'broken.baraza'))).rejects.toThrow();
  });

  it('reports translations, and marks them current on request', async () => {
    const report = await run('pack', 'translations', join(dir, 'src'));
    expect(report.out).toMatch(/^fr: \d+ translated, 0 missing, \d+ stale/m);
    expect(report.out).toMatch(/^sw: 0 translated, 6 missing, 0 stale/m);
    expect((await run('pack', 'translations', join(dir, 'src'), '--strict')).code).toBe(1);
  });

  it('answers unknown commands and options with the usage, exit 2', async () => {
    expect((await run('pack', 'explode')).code).toBe(2);
    expect((await run('keygen', '--colour', 'red')).code).toBe(2);
    expect((await run()).err).toContain('Usage:');
  });
});
