import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'console/src/api/openapi.d.ts',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      'test/.run/**',
      '**/*.js',
      '*.mjs',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflows are replayed: no Node built-ins, no I/O, nothing non-deterministic.
    files: ['workflows/**/*.ts', 'messages/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'crypto',
                'child_process',
                'http',
                'https',
                'net',
                'dns',
                'util',
                'events',
                'stream',
                'timers',
              ],
              message: 'Workflows and domain code must stay deterministic: no Node built-ins.',
            },
            {
              group: ['../activities', '../activities/*', '../stores/*', '../platform/*', '../api/*'],
              allowTypeImports: true,
              message: 'Workflows may import only activity types and pure domain code.',
            },
          ],
        },
      ],
    },
  },
);
