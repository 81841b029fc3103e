import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import taskport from './tools/eslint/core-boundary.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'coverage/', 'apps/console/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    ignores: ['apps/console/**'],
  },
  {
    // The web console runs in the browser: browser globals, no Node.
    files: ['apps/console/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    plugins: { taskport },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'taskport/core-boundary': 'error',
      'taskport/provider-neutral': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ThrowStatement', message: 'core/ returns errors as values; a throw is a bug.' },
        { selector: 'ClassDeclaration', message: 'core/ uses plain data and functions, not classes.' },
        { selector: 'Decorator', message: 'core/ has no decorators.' },
      ],
    },
  },
  {
    files: ['apps/**/*.ts', 'bench/**/*.ts', 'tools/**/*.js', 'test/**/*.ts'],
    ignores: ['apps/console/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
