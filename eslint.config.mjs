// Lint, and the layering rule of docs/architecture.md:
//   shared/   pure: no electron, no node:* or Node built-ins, no DOM globals
//   renderer/ no electron, no node:*
//   electron/services, electron/preload: no electron (services get Electron's
//             abilities passed in; the preload is the one exception below)
//   only electron/main (and the preload bridge) imports electron
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noElectron = { name: 'electron', message: 'Only electron/main may import electron: pass what you need in as an argument.' };
const noNode = nodeBuiltins.map((name) => ({ name, message: 'This layer must not import Node built-ins.' }));
const nodePatterns = { group: ['node:*'], message: 'This layer must not import Node built-ins.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron, ...noNode], patterns: [nodePatterns, { group: ['react', 'react-dom', 'dexie', '**/renderer/**', '**/electron/**', '**/server/**'], message: 'shared/ depends on nothing but itself and zod.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': ['error', { paths: [noElectron, ...noNode], patterns: [nodePatterns, { group: ['**/electron/**', '**/server/**'], message: 'The renderer talks to main only through src/platform.' }] }],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/renderer/**'], message: 'Main-side code cannot reach into the renderer.' }] }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins.map((name) => ({ name, message: 'The sandboxed preload has no Node.' })), patterns: [nodePatterns] }],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'bench/**/*.{ts,mjs}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
