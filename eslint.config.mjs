// Lint: TypeScript recommended rules, plus the import directions of ARCHITECTURE.md ("who may import whom").
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'This room runs without Node: no node: imports.' };
const electron = { name: 'electron', message: 'Only src/main/index.ts, src/main/app/ and src/preload/ may import electron.' };
const fromRoom = (room, why) => ({ group: [`**/${room}/**`, `**/${room}`], message: why });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench-results/**', 'resources/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Evidence is hostile: render it as text.' }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electron], patterns: [nodeBuiltins, fromRoom('main', 'shared imports nothing of ours.'), fromRoom('renderer', 'shared imports nothing of ours.'), fromRoom('preload', 'shared imports nothing of ours.')] }],
    },
  },
  {
    files: ['src/main/engine/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The engine never imports electron: it runs in a worker, the CLI and tests.' }], patterns: [fromRoom('app', 'The engine does not know its hosts.'), fromRoom('cli', 'The engine does not know its hosts.'), fromRoom('harness', 'The engine does not know its hosts.'), fromRoom('renderer', 'The engine never imports the UI.')] }],
    },
  },
  {
    files: ['src/main/cli/**', 'src/main/harness/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electron], patterns: [fromRoom('renderer', 'Node hosts never import the UI.')] }],
    },
  },
  {
    files: ['src/main/app/**', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [fromRoom('renderer', 'Main never imports the UI.'), fromRoom('cli', 'The app and the CLI are separate hosts.'), fromRoom('harness', 'The harness is for tests only.')] }],
    },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electron], patterns: [nodeBuiltins, fromRoom('main', 'The renderer reaches the engine only through window.workbench.'), fromRoom('preload', 'The renderer reaches the engine only through window.workbench.')] }],
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, fromRoom('main', 'The preload exposes the contract and nothing else.'), fromRoom('renderer', 'The preload exposes the contract and nothing else.')] }],
    },
  },
);
