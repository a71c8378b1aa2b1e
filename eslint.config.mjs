// Flat config: type-aware typescript-eslint plus the layer rules from ../shared/STYLE.md §3.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const layer = (message, patterns) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ['**/*.ts', '**/*.tsx'] })),
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: [
          './shared/tsconfig.json',
          './electron/tsconfig.json',
          './renderer/tsconfig.json',
          './tests/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Vitest's asymmetric matchers (expect.objectContaining…) are typed `any`.
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: layer(
      'shared/ is pure TypeScript: no DOM, Node, Electron or app layers (STYLE.md §3).',
      [
        'node:*',
        'electron',
        'dexie',
        'zustand',
        'react',
        'react-dom',
        '**/electron/**',
        '**/renderer/**',
      ],
    ),
  },
  {
    files: ['electron/core/**/*.ts', 'electron/web-host/**/*.ts', 'electron/sandbox-shop/**/*.ts'],
    rules: layer(
      'electron/core and the web host never import Electron or the renderer (STYLE.md §3).',
      ['electron', 'electron/*', '**/renderer/**', '**/main/**', '**/preload/**'],
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: layer('The preload imports only the bridge contract (STYLE.md §3).', [
      'node:*',
      '**/core/**',
      '**/main/**',
      '**/renderer/**',
    ]),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/src/data/**', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: layer(
      'Only renderer/src/data touches Dexie; the renderer never imports Node or Electron (STYLE.md §3).',
      ['dexie', 'node:*', 'electron', '**/electron/**'],
    ),
  },
  {
    files: ['renderer/src/data/**/*.ts'],
    ignores: ['renderer/**/*.test.ts'],
    rules: layer('The renderer never imports Node or Electron (STYLE.md §3).', [
      'node:*',
      'electron',
      '**/electron/**',
    ]),
  },
);
