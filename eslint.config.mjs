import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Typed rules on the application code: a promise nobody awaits or handles can end the process
  // (unhandled rejection), and an async callback where a plain one is expected (event emitters,
  // timers, Express) loses its rejection the same way.
  {
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  // CommonJS helpers for Jest (transforms) run in Node.
  {
    files: ['test/**/*.js', 'bench/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Test-only ES modules (the DOM shim) run in Node.
  { files: ['src/**/*.mjs', 'test/**/*.mjs'], languageOptions: { globals: globals.node } },
  // The inbox UI: plain ES modules in the browser.
  { files: ['web/**/*.js'], languageOptions: { sourceType: 'module', globals: globals.browser } },
);
