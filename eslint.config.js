import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'tls', 'child_process', 'stream', 'url', 'util', 'events', 'buffer', 'zlib', 'worker_threads']

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'coverage/**', '**/__fixtures__/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // DESIGN.md layer 5: only the Electron host touches electron.
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only src-main/electron may import electron.' }] }],
    },
  },
  {
    // Plain Node scripts (bin/, scripts/): Node's globals.
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
  {
    files: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // DESIGN.md layer 1: src-shared is pure (no electron, no node:*, no DOM – the DOM part is enforced by tsconfig.shared.json).
    files: ['src-shared/**'],
    ignores: ['src-shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'src-shared is pure.' }, ...nodeBuiltins.map((name) => ({ name, message: 'src-shared is pure: no Node built-ins.' }))],
        patterns: [{ group: ['node:*'], message: 'src-shared is pure: no node:* imports.' }, { group: ['**/src-main/**', '**/src-renderer/**'], message: 'src-shared imports nothing from the layers below it.' }],
      }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The renderer talks to the engine only through the API client.' }], patterns: [{ group: ['node:*', '**/src-main/**'], message: 'The renderer never imports Node or main-process code.' }] }],
    },
  },
)
