// Lint for clawscope: typescript-eslint, React hooks, and the import boundaries the layout relies on.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'sandbox/node_modules/',
      'sandbox/legacy/node_modules/',
      '.sandbox/',
      'test-results/',
      'playwright-report/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // session/ is plain TypeScript: no React, no react-query, no UI, no pages.
  {
    files: ['app/src/session/**/*.ts'],
    ignores: ['app/src/session/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['react', 'react-dom', 'react/*', '@tanstack/*', 'zustand/react'], message: 'session/ has no React.' },
        { group: ['**/queries/*', '**/pages/*', '**/ui/*', '**/lib/*'], message: 'session/ imports nothing above it.' },
      ]),
    },
  },
  // queries/ never imports pages.
  {
    files: ['app/src/queries/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict([{ group: ['**/pages/*'], message: 'queries/ does not import pages.' }]),
    },
  },
  // ui/ is dumb parts: no pages.
  {
    files: ['app/src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict([{ group: ['**/pages/*'], message: 'ui/ does not import pages.' }]),
    },
  },
  // Pages do not import each other: a page imports only from its own folder (./) and shared layers (../../).
  {
    files: ['app/src/pages/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict([
        { regex: '^\\.\\./[^.]', message: 'Pages do not import each other; move shared parts to ui/ or lib/.' },
      ]),
    },
  },
  // A page's subfolder (pages/cron/form/) may import its own page (../), still no other page (../../x).
  {
    files: ['app/src/pages/*/*/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict([
        { regex: '^\\.\\./\\.\\./[^.]', message: 'Pages do not import each other; move shared parts to ui/ or lib/.' },
      ]),
    },
  },
);
