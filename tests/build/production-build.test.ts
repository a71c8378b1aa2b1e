// Builds the renderer as `npm run build` does (no PACKBENCH_DEV_HOOKS) into a temp folder and
// checks that the developer hooks (`?dev=1`: `window.__packbench`, sync timing overrides) are not
// in it. The e2e/bench build (build/scripts/ensure-built.mjs) keeps them; the e2e tests use them.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let outDir: string;
let bundle: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'pb-renderer-prod-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PACKBENCH_RENDERER_DIR: outDir,
    NODE_ENV: 'production',
  };
  delete env.PACKBENCH_DEV_HOOKS;
  await promisify(execFile)(
    process.execPath,
    [join(repo, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: repo, env },
  );
  const assets = await readdir(join(outDir, 'assets'));
  const js = assets.filter((f) => f.endsWith('.js'));
  bundle = (await Promise.all(js.map((f) => readFile(join(outDir, 'assets', f), 'utf8')))).join(
    '\n',
  );
}, 240_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('production renderer build', () => {
  it('has no developer hooks', () => {
    expect(bundle.length).toBeGreaterThan(100_000);
    // Any `window.__packbench…` hook, whoever installs it, must be behind __DEV_HOOKS__.
    const hooks = [...bundle.matchAll(/.{0,80}__packbench\w*.{0,40}/g)].map((m) => m[0]);
    expect(hooks, 'developer hooks left in the production bundle').toEqual([]);
    expect(bundle).not.toContain('packbench.dev.outbox');
    // The hooks' helpers (practice freshOrders for tests) are gone too.
    expect(bundle).not.toContain('freshOrders');
  });
});
