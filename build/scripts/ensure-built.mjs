// Builds the renderer when out/renderer (or $PACKBENCH_RENDERER_DIR) is missing or older than any renderer or shared source.
// This is the e2e/bench/web build: it carries the developer hooks (`?dev=1`) unless
// PACKBENCH_DEV_HOOKS=0. `npm run build` (what is packaged) never does. A build of the other
// flavour in the same folder is rebuilt.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = process.env.PACKBENCH_RENDERER_DIR ?? join(root, 'out', 'renderer');
const marker = join(outDir, 'index.html');
const flavourFile = join(outDir, 'build-flavour.json');
const devHooks = process.env.PACKBENCH_DEV_HOOKS !== '0';
const flavour = JSON.stringify({ devHooks });
const sameFlavour = existsSync(flavourFile) && readFileSync(flavourFile, 'utf8') === flavour;

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const sources = Math.max(
  newest(join(root, 'renderer')),
  newest(join(root, 'shared')),
  statSync(join(root, 'vite.config.ts')).mtimeMs,
  statSync(join(root, 'package-lock.json')).mtimeMs,
);
if (!sameFlavour || !existsSync(marker) || statSync(marker).mtimeMs < sources) {
  process.stderr.write(`Building the renderer${devHooks ? ' (with developer hooks)' : ''}…\n`);
  const run = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PACKBENCH_DEV_HOOKS: devHooks ? '1' : '0' },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
  writeFileSync(flavourFile, flavour);
}
