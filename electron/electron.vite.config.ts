// electron-vite builds only the main process and the preload; the renderer is built by
// `vite build` (vite.config.ts) into out/renderer. Run: electron-vite build -c electron/electron.vite.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const root = here('..');
// package.json "imports" maps #shared/* to ./shared/*.ts; the alias makes the build independent
// of the bundler's subpath-import support.
const alias = [{ find: /^#shared\/(.*)$/, replacement: `${here('../shared')}/$1` }];

export default defineConfig({
  main: {
    root,
    resolve: { alias },
    build: {
      outDir: here('../out/main'),
      emptyOutDir: true,
      sourcemap: false,
      rolldownOptions: {
        input: { index: here('./main/index.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    root,
    resolve: { alias },
    build: {
      outDir: here('../out/preload'),
      emptyOutDir: true,
      sourcemap: false,
      // A sandboxed preload can require() only 'electron' and a few built-ins, so every
      // dependency (zod, via the contract) is bundled into the one file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('./preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
});
