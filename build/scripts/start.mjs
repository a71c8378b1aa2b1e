// `npm start`: builds and launches the Electron app, or explains clearly why it cannot.
// The Electron binary is detected by files, never by require('electron'), which downloads it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export function findElectronBinary(env = process.env, base = root) {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const dir = env.ELECTRON_OVERRIDE_DIST_PATH;
    for (const name of ['electron', 'electron.exe', 'Electron.app/Contents/MacOS/Electron']) {
      if (existsSync(join(dir, name))) return join(dir, name);
    }
    return null;
  }
  const pkg = join(base, 'node_modules', 'electron');
  const pathTxt = join(pkg, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const bin = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bin = findElectronBinary();
  if (!bin) {
    process.stderr.write(
      [
        'Packbench: the Electron binary is not installed on this machine, so the desktop app cannot start.',
        '(Its download is blocked here; npm install fetched only the Electron package and types.)',
        '',
        'Run the same station in your browser instead:',
        '  npm run web',
        '',
        'Or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 45 folder and run npm start again.',
        '',
      ].join('\n'),
    );
    process.exit(1);
  }
  for (const script of ['build']) {
    const r = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  const r = spawnSync(bin, ['.'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 0);
}
