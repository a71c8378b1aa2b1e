/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./renderer'),
  // Absolute asset URLs: client-side routes such as /print/label/<id> load the same bundle
  // (both hosts serve the renderer at the origin's root: http://127.0.0.1:<port>/ and app://bundle/).
  base: '/',
  plugins: [react()],
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
    // The developer hooks (`?dev=1`) exist only in builds made with PACKBENCH_DEV_HOOKS=1: the
    // e2e/bench build (build/scripts/ensure-built.mjs). `npm run build` leaves them out.
    __DEV_HOOKS__: JSON.stringify(process.env.PACKBENCH_DEV_HOOKS === '1'),
  },
  build: {
    // PACKBENCH_RENDERER_DIR: a build of one's own (parallel work in one checkout); default out/renderer.
    outDir: process.env.PACKBENCH_RENDERER_DIR ?? here('./out/renderer'),
    emptyOutDir: true,
    // Every asset as a file: the CSP allows fonts and images from 'self' only, not data: URLs.
    assetsInlineLimit: 0,
    target: 'chrome130',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: { index: here('./renderer/index.html') },
    },
  },
  test: {
    root: here('.'),
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'shared/**/*.test.ts',
            'electron/**/*.test.ts',
            'renderer/src/**/*.test.ts',
            'tests/**/*.test.ts',
          ],
          setupFiles: ['tests/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['renderer/src/**/*.test.tsx'],
          setupFiles: ['tests/setup.ts'],
        },
      },
    ],
  },
});
