import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_METHODS } from '../core/host';
import { bundleElectron } from './bundle';
import { HOST_CHANNEL } from './channel';

let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'baraza-bundle-'));
  await bundleElectron(outDir);
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

function requiredModules(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] ?? ''))].sort();
}

/** Runs preload.cjs the way a sandboxed renderer does: `require` knows only 'electron'. */
async function loadPreload(reply: unknown) {
  const exposed = new Map<string, unknown>();
  const invocations: unknown[][] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        invocations.push(args);
        return reply;
      },
    },
  };
  const sandboxRequire = (name: string) => {
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  const module = { exports: {} };
  runInNewContext(await readFile(join(outDir, 'preload.cjs'), 'utf8'), { require: sandboxRequire, module, exports: module.exports });
  return { exposed, invocations };
}

function methodsOf(value: unknown): Map<string, unknown> {
  return new Map(typeof value === 'object' && value !== null ? Object.entries(value) : []);
}

describe('preload bundle', () => {
  it('needs nothing but electron, as the sandbox requires', async () => {
    expect(requiredModules(await readFile(join(outDir, 'preload.cjs'), 'utf8'))).toEqual(['electron']);
  });

  it('exposes exactly window.baraza: every host method, plus the path of a dropped file', async () => {
    const { exposed } = await loadPreload({ ok: true, value: null });
    expect([...exposed.keys()]).toEqual(['baraza']);
    const methods = methodsOf(exposed.get('baraza'));
    expect([...methods.keys()].sort()).toEqual([...HOST_METHODS, 'pathForFile'].sort());
    for (const method of methods.values()) expect(typeof method).toBe('function');
    const pathForFile = methods.get('pathForFile');
    expect(typeof pathForFile === 'function' ? pathForFile({ name: 'pack.baraza' }) : null).toBe('/dropped/pack.baraza');
  });

  it('sends each call on the host channel and unwraps the reply', async () => {
    const { exposed, invocations } = await loadPreload({ ok: true, value: ['core-ai'] });
    const listPacks = methodsOf(exposed.get('baraza')).get('listPacks');
    expect(typeof listPacks === 'function' ? await listPacks() : null).toEqual(['core-ai']);
    expect(invocations).toEqual([[HOST_CHANNEL, 'listPacks', []]]);
  });

  it('turns an error reply into a rejection carrying the message', async () => {
    const { exposed } = await loadPreload({ ok: false, error: { code: 'forbidden', message: 'This page may not call the Baraza host.' } });
    const appInfo = methodsOf(exposed.get('baraza')).get('appInfo');
    await expect(typeof appInfo === 'function' ? appInfo() : null).rejects.toThrow('may not call');
  });
});

describe('main bundle', () => {
  it('requires only electron and Node built-ins, so it runs from dist/ without node_modules', async () => {
    const code = await readFile(join(outDir, 'main.cjs'), 'utf8');
    const allowed = new Set(['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(requiredModules(code).filter((name) => !allowed.has(name))).toEqual([]);
  });

  it('finds the preload beside itself', async () => {
    expect(await readFile(join(outDir, 'main.cjs'), 'utf8')).toContain('"preload.cjs"');
  });
});
