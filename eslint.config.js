// Lint, including the rule that keeps imports running downhill (see docs/architecture.md):
// renderer -> core; services -> core; electron, hub, cli -> services, core.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const layer = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`, `../../../${name}/*`];

const restrict = (files, forbidden, extra = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((name) => ({
            group: layer(name),
            message: `${files[0].split('/')[0]}/ may not import from ${name}/ (see the import directions in docs/architecture.md).`,
          })),
          ...extra,
        ],
      },
    ],
  },
});

const NODE_BUILTINS = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net'], message: 'core/ and renderer/ run everywhere: no Node built-ins.' };
const ELECTRON = { group: ['electron', 'electron/*'], message: 'Only electron/ may import Electron.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  restrict(['core/**'], ['renderer', 'services', 'electron', 'hub', 'cli'], [NODE_BUILTINS, ELECTRON]),
  restrict(['renderer/**'], ['services', 'electron', 'hub', 'cli'], [NODE_BUILTINS, ELECTRON]),
  restrict(['services/**'], ['renderer', 'electron', 'hub', 'cli'], [ELECTRON]),
  restrict(['hub/**'], ['renderer', 'electron', 'cli'], [ELECTRON]),
  restrict(['cli/**'], ['renderer', 'electron', 'hub']),
  restrict(['electron/**'], ['renderer', 'hub', 'cli']),
);
