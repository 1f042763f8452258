import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/out/**', 'node_modules/**', '.cache/**', 'examples/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['server/src/**', 'client/src/**'],
    plugins: { regexp },
    // Our regular expressions run on user text as it is typed: backtracking that grows faster than the
    // input would freeze the editor on one pathological line.
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        performance: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Rules in server/src/rules must not import the LSP layer; see ARCHITECTURE.md.
      'no-restricted-imports': 'off',
    },
  },
  {
    files: [
      'server/src/core/**',
      'server/src/languages/**',
      'server/src/rules/**',
      'server/src/fixes/**',
      'server/src/cli.ts',
      'server/src/cli/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['vscode-languageserver', 'vscode-languageserver/*', '**/lsp/*'] },
      ],
    },
  },
);
