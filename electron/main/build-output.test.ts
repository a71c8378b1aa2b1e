// Builds main and preload with the real electron-vite config into a temp folder (about a second;
// works on a fresh clone without out/) and checks what Electron will load: a sandbox-safe CJS
// preload and an ESM main with `electron` left external.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';
import { METHOD_NAMES } from '#shared/bridge/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(repo, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');

let outDir: string;
let preload: string;
let main: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'pb-electron-build-'));
  await promisify(execFile)(
    process.execPath,
    [
      cli,
      'build',
      '-c',
      'electron/electron.vite.config.ts',
      '--outDir',
      outDir,
      '--logLevel',
      'warn',
    ],
    { cwd: repo },
  );
  preload = await readFile(join(outDir, 'preload', 'index.cjs'), 'utf8');
  main = await readFile(join(outDir, 'main', 'index.js'), 'utf8');
}, 120_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('out/preload/index.cjs', () => {
  it('has no ESM syntax', () => {
    expect(preload).not.toMatch(/^\s*import\s*[\w{*'"]/m);
    expect(preload).not.toMatch(/^\s*export\s/m);
    expect(preload).not.toMatch(/\bimport\s*\(/);
    expect(preload).not.toMatch(/\bimport\.meta\b/);
  });

  it('requires nothing but electron (sandboxed preloads cannot load node_modules)', () => {
    const required = [...preload.matchAll(/\brequire\(\s*(['"])([^'"]+)\1\s*\)/g)].map((m) => m[2]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('exposes window.packbench with every contract method when evaluated as CommonJS', () => {
    const exposed: Array<[string, unknown]> = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
      ipcRenderer: {
        invoke: () => Promise.resolve(null),
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const module = { exports: {} };
    runInNewContext(preload, {
      module,
      exports: module.exports,
      require: (id: string) => {
        if (id !== 'electron') throw new Error(`unexpected require(${id})`);
        return fakeElectron;
      },
    });
    expect(exposed.map(([k]) => k)).toEqual(['packbench']);
    const api = exposed[0]?.[1] as Record<string, Record<string, unknown>>;
    for (const method of METHOD_NAMES) {
      const [domain, verb] = method.split('.') as [string, string];
      expect(typeof api[domain]?.[verb], method).toBe('function');
    }
    expect(api).not.toHaveProperty('invoke');
  });
});

describe('out/main/index.js', () => {
  it('is an ES module that imports electron instead of bundling it', () => {
    expect(main).toMatch(/^import .* from "electron";$/m);
    expect(main).not.toMatch(/\brequire\(\s*["']electron["']\s*\)/);
  });

  it('loads the UI from app://bundle and the CJS preload', () => {
    expect(main).toContain('index.cjs');
    expect(main).toContain('registerSchemesAsPrivileged');
  });
});
