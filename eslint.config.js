import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Code that runs in browsers (the page and the "." entries) never imports Node: no `node:`
 * module, no bare built-in, nothing from a package's `node/` or `cli/` folder and not the
 * Node-only internal package. test/lint-boundary.test.ts proves the rule fires.
 */
const BROWSER_SAFE = ['packages/*/src/core/**/*.ts', 'packages/text/src/**/*.ts', 'packages/zip-reader/src/**/*.ts', 'packages/web/src/**/*.ts'];
const nodeOnly = {
  paths: builtinModules.map((name) => ({ name, message: 'Module Node interdit ici : ce dossier doit tourner dans un navigateur.' })),
  patterns: [
    { group: ['node:*'], message: 'Module Node interdit ici : ce dossier doit tourner dans un navigateur.' },
    { group: ['**/node/**', '**/node', '**/node.js', '**/cli/**', '**/cli', '@sne-toolbox/node-io', '@sne-toolbox/node-io/**'], message: 'Le code pour navigateur n\'importe ni l\'adaptateur Node ni la CLI.' },
  ],
};

const NODE_GLOBALS = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'packages/web/build/**', 'docs/api/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', URL: 'readonly', TextDecoder: 'readonly',
        TextEncoder: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly',
        setInterval: 'readonly', clearInterval: 'readonly', performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: BROWSER_SAFE,
    rules: {
      'no-restricted-imports': ['error', nodeOnly],
      '@typescript-eslint/no-restricted-imports': 'off',
      // Node's globals and types too: `process`, `Buffer`, `require`, `NodeJS.*` (the browser has none).
      'no-restricted-globals': ['error', ...NODE_GLOBALS.map((name) => ({ name, message: 'Global Node interdit ici : ce dossier doit tourner dans un navigateur.' }))],
      'no-restricted-syntax': ['error', { selector: "TSQualifiedName[left.name='NodeJS']", message: 'Type Node interdit ici : ce dossier doit tourner dans un navigateur.' }],
    },
  },
  {
    // The sizes STYLE.md promises: a function on a screen, a file a reader can hold. test/lint-rules.test.ts shows each firing.
    files: ['packages/*/src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 450, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 100, skipBlankLines: true, skipComments: true }],
    },
  },
);
