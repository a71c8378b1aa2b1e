// Electron smoke test. The Electron binary cannot be downloaded on the team's machines, so it is
// detected by files (never by require('electron'), which would try to download it) and the test
// skips when it is absent. Point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 45 to run it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { _electron as electron } from 'playwright-core';

const repo = fileURLToPath(new URL('../../', import.meta.url));

function findElectronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    for (const name of ['electron', 'electron.exe', 'Electron.app/Contents/MacOS/Electron']) {
      if (existsSync(join(override, name))) return join(override, name);
    }
    return null;
  }
  const pkg = join(repo, 'node_modules', 'electron');
  const pathTxt = join(pkg, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const bin = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

const binary = findElectronBinary();

test.describe('Electron shell', () => {
  test.skip(binary === null, 'Electron binary not present; covered by unit tests and the web host');

  test('opens the app window with only window.packbench exposed', async () => {
    const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
    if (!built.every((p) => existsSync(join(repo, p)))) {
      execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit' });
    }
    const userData = mkdtempSync(join(tmpdir(), 'pb-electron-smoke-'));
    const args = [repo, `--user-data-dir=${userData}`];
    if (process.platform === 'linux' && process.getuid?.() === 0) args.push('--no-sandbox');
    const app = await electron.launch({ executablePath: binary ?? '', args, cwd: repo });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toMatch(/^app:\/\/bundle\//);
      const globals = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return {
          packbench: typeof w.packbench,
          require: typeof w.require,
          process: typeof w.process,
          module: typeof w.module,
        };
      });
      expect(globals).toEqual({
        packbench: 'object',
        require: 'undefined',
        process: 'undefined',
        module: 'undefined',
      });
      const info = await page.evaluate(async () => {
        const api = (window as unknown as { packbench: { app: { getInfo(a: object): unknown } } })
          .packbench;
        return api.app.getInfo({});
      });
      expect(info).toMatchObject({ ok: true, value: { host: 'electron' } });
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
