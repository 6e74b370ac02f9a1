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
import { existsSync, readdirSync } from 'node:fs';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noElectron = { name: 'electron', message: 'Only electron/main may import electron: pass what you need in as an argument.' };
const noNode = nodeBuiltins.map((name) => ({ name, message: 'This layer must not import Node built-ins.' }));
const nodePatterns = { group: ['node:*'], message: 'This layer must not import Node built-ins.' };

// Feature boundaries (docs/architecture.md, "Adding a feature"): the core (database, change log, sync, router,
// frame, IPC contract and router, server sync, print) never imports a feature folder; features plug in through one
// registration list per layer (shared/features.ts, renderer/src/data/features.ts, renderer/src/features/index.ts,
// electron/services/features.ts), which the core may import. A feature is a folder that holds a contribution,
// read from the file system here so a new feature is covered without editing this file.
const dirs = (dir) => (existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : []);
const contributing = (dir, file) => dirs(dir).filter((name) => existsSync(`${dir}/${name}/${file}`));
// (Screens of the frame only, such as renderer/src/features/sync, are covered by the features/* patterns alone.)
const featureNames = [...new Set([...contributing('shared', 'feature.ts'), ...contributing('renderer/src/data/repositories', 'contribution.ts'), ...contributing('electron/services', 'contribution.ts')])];
const featureMessage = 'The core never imports a feature: register it in the layer\'s list (shared/features.ts, renderer/src/data/features.ts, renderer/src/features/index.ts, electron/services/features.ts) and read it from there. See docs/architecture.md, "Adding a feature".';
const featurePatterns = {
  group: [...featureNames.flatMap((f) => [`**/${f}`, `**/${f}/**`]), '**/features/*', '**/features/*/**'],
  message: featureMessage,
};
const sharedPatterns = { group: ['react', 'react-dom', 'dexie', '**/renderer/**', '**/electron/**', '**/server/**'], message: 'shared/ depends on nothing but itself and zod.' };
const rendererPatterns = { group: ['**/electron/**', '**/server/**'], message: 'The renderer talks to main only through src/platform.' };
const mainPatterns = { group: ['**/renderer/**'], message: 'Main-side code cannot reach into the renderer.' };
/** The core's files, per layer (the registration lists themselves are not core: they name the features). */
const coreFiles = {
  shared: ['shared/sync/**/*.ts', 'shared/ipc/**/*.ts', 'shared/feature.ts', 'shared/print/**/*.ts'],
  renderer: ['renderer/src/data/*.ts', 'renderer/src/sync/**/*.{ts,tsx}', 'renderer/src/app/**/*.{ts,tsx}', 'renderer/src/ui/print/**/*.{ts,tsx}'],
  main: ['electron/services/ipc/**/*.ts', 'electron/services/handlers.ts', 'electron/services/feature.ts', 'electron/services/app-services.ts', 'electron/services/print/**/*.ts', 'electron/browser-host/printer.ts', 'server/sync/**/*.ts'],
};
const registrationLists = ['renderer/src/data/features.ts'];

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
      'no-restricted-imports': ['error', { paths: [noElectron, ...noNode], patterns: [nodePatterns, sharedPatterns] }],
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
      'no-restricted-imports': ['error', { paths: [noElectron, ...noNode], patterns: [nodePatterns, rendererPatterns] }],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [mainPatterns] }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins.map((name) => ({ name, message: 'The sandboxed preload has no Node.' })), patterns: [nodePatterns] }],
    },
  },
  // The feature boundary: each block repeats its layer's restrictions (a later block's options replace an earlier one's).
  {
    files: coreFiles.shared,
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron, ...noNode], patterns: [nodePatterns, sharedPatterns, featurePatterns] }] },
  },
  {
    files: coreFiles.renderer,
    ignores: registrationLists,
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron, ...noNode], patterns: [nodePatterns, rendererPatterns, featurePatterns] }] },
  },
  {
    files: coreFiles.main,
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [mainPatterns, featurePatterns] }] },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'bench/**/*.{ts,mjs}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
