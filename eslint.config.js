// ESLint flat config: typescript-eslint's recommended rules (syntactic only, no type
// information, so `npm run lint` stays fast) plus the layer boundaries of DESIGN.md
// ("What may import what") and the engine's determinism rules.
//
// Boundaries are `no-restricted-imports` patterns per folder. A relative import leaves
// a layer when it climbs more `../` than the importing file sits deep inside that
// layer, so the patterns are generated per depth: `src/engine/a.ts` leaves the engine
// with `../x`, `src/engine/model/a.ts` with `../../x`. Flat config replaces (never
// merges) a rule's options when a later block matches, so every file gets exactly one
// block per layer and the per-layer options are complete on their own.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';
import { builtinRules } from 'eslint/use-at-your-own-risk';

const TS = '{ts,tsx}';
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];
/** Deepest folder level inside a layer that the generated blocks cover. */
const MAX_DEPTH = 8;
/** Packages every unit test may use, whatever its layer. */
const TEST_PACKAGES = ['vitest', 'fast-check'];

const up = (depth) => `(\\.\\./){${depth + 1}}`;
const oneOf = (names) => names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
/** Any bare (non-relative) specifier except the listed packages and their subpaths. */
const barePackagesExcept = (allowed) =>
  allowed.length ? `^(?!\\.{1,2}/|(${oneOf(allowed)})(/|$))` : '^(?!\\.{1,2}/)';

/**
 * Config blocks for one layer: for each folder depth inside `src/<layer>`, one block for
 * its sources and one for its tests (which may also use vitest and fast-check).
 * `patterns(depth, allowedPackages)` returns that depth's `no-restricted-imports` patterns.
 */
function layerBlocks(layer, patterns, { ignores = [] } = {}) {
  const blocks = [];
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const dir = `src/${layer}/${'*/'.repeat(depth)}`;
    const restrict = (allowed) => ({
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: patterns(depth, allowed) }],
    });
    blocks.push({ files: [`${dir}*.${TS}`], ignores: [...ignores, ...TESTS], rules: restrict([]) });
    blocks.push({ files: [`${dir}*.test.${TS}`], rules: restrict(TEST_PACKAGES) });
  }
  return blocks;
}

const pattern = (regex, message, extra = {}) => ({ regex, message, caseSensitive: true, ...extra });

const UI_PACKAGES = ['react', 'react-dom', 'zustand', '@dnd-kit', 'd3-scale', 'd3-shape', 'comlink'];
const IN_PROCESS_CLIENT = 'src/ui/bridge/in-process-client.ts';

const boundaries = [
  // engine: imports nothing outside src/engine (no packages at all, no other layer).
  ...layerBlocks('engine', (depth, allowed) => [
    pattern(`^${up(depth)}`, 'src/engine imports nothing outside src/engine (DESIGN.md "What may import what").'),
    pattern(barePackagesExcept(allowed), 'src/engine is pure: no packages and no node:* (tests may use vitest and fast-check).'),
  ]),
  // scenario: engine and itself; a YAML, validation or compression library.
  ...layerBlocks('scenario', (depth, allowed) => [
    pattern(`^${up(depth)}(?!engine(/|$))`, 'src/scenario may import src/engine only (not ui, worker, cli, protocol).'),
    pattern(
      barePackagesExcept(['yaml', 'zod', 'fflate', 'pako', 'lz-string', ...allowed]),
      'src/scenario is isomorphic and pure: only yaml, zod and a compression library.',
    ),
  ]),
  // protocol: types only, from engine and scenario.
  ...layerBlocks('protocol', (depth, allowed) => [
    pattern(`^${up(depth)}(engine|scenario)(/|$)`, 'src/protocol holds types only: use `import type`.', { allowTypeImports: true }),
    pattern(`^${up(depth)}(?!(engine|scenario)(/|$))`, 'src/protocol may import types from src/engine and src/scenario only.'),
    pattern(barePackagesExcept(allowed), 'src/protocol holds types only: no packages.'),
  ]),
  // worker: engine, scenario, protocol and itself; comlink; never ui or cli.
  ...layerBlocks('worker', (depth, allowed) => [
    pattern(`^${up(depth)}(?!(engine|scenario|protocol)(/|$))`, 'src/worker may import engine, scenario and protocol only (not ui, cli).'),
    pattern(barePackagesExcept(['comlink', ...allowed]), 'src/worker may use comlink only.'),
  ]),
  // ui: engine as types only; never cli; worker only from bridge/in-process-client.ts.
  ...layerBlocks('ui', (depth) => uiPatterns(depth, false), { ignores: [IN_PROCESS_CLIENT] }),
  {
    files: [IN_PROCESS_CLIENT],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: uiPatterns(1, true) }] },
  },
  // cli: engine, scenario, itself and node:*; no protocol, worker or ui, no UI packages.
  ...layerBlocks('cli', (depth) => [
    pattern(`^${up(depth)}(protocol|worker|ui)(/|$)`, 'src/cli may import engine and scenario only (not protocol, worker, ui).'),
    pattern(`^(${oneOf(UI_PACKAGES)})(/|$)`, 'src/cli runs in Node: no UI packages.'),
  ]),
  // e2e drives the page; it may read protocol and ui types, never engine, worker or cli code.
  {
    files: [`e2e/**/*.${TS}`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern('(^|/)src/(engine|worker|cli)(/|$)', 'e2e tests drive the page, not the engine (DESIGN.md).'),
            pattern('(^|/)src/(protocol|ui)(/|$)', 'e2e may import protocol and ui types only.', { allowTypeImports: true }),
          ],
        },
      ],
    },
  },
];

function uiPatterns(depth, mayImportEngineHost) {
  const worker = mayImportEngineHost ? 'worker/(?!engine-host$)' : 'worker(/|$)';
  return [
    pattern(`^${up(depth)}engine(/|$)`, 'src/ui sees engine types only: use `import type` (frames and commands cross the bridge).', { allowTypeImports: true }),
    pattern(`^${up(depth)}cli(/|$)`, 'src/ui may not import src/cli.'),
    pattern(`^${up(depth)}${worker}`, 'Only src/ui/bridge/in-process-client.ts may import src/worker/engine-host.ts.'),
    pattern('^node:', 'src/ui runs in the browser: no node:* modules.'),
  ];
}

// Determinism (DESIGN.md "The layers", STYLE.md C2.3): no wall clock, no unseeded
// randomness, no timers, no host objects in the engine or the scenario format.
const HOST_GLOBALS = [
  'performance', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate',
  'queueMicrotask', 'requestAnimationFrame', 'structuredClone', 'crypto',
  'window', 'document', 'navigator', 'location', 'self', 'process', 'global',
];
const determinism = {
  files: [`src/engine/**/*.${TS}`, `src/scenario/**/*.${TS}`],
  rules: {
    'no-restricted-globals': [
      'error',
      ...HOST_GLOBALS.map((name) => ({
        name,
        message: `src/engine and src/scenario are pure and deterministic: no \`${name}\` (use the virtual clock / seeded random / plain data).`,
      })),
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Math', property: 'random', message: 'Use the seeded generator in src/engine/random.' },
      { object: 'Date', property: 'now', message: 'Use the virtual clock in src/engine/clock.' },
      ...HOST_GLOBALS.map((property) => ({
        object: 'globalThis',
        property,
        message: `src/engine and src/scenario may not reach \`${property}\` through globalThis.`,
      })),
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: '`new Date()` reads the wall clock: use the virtual clock in src/engine/clock.',
      },
    ],
  },
};

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'coverage/', 'bench/out/', '.tsbuild/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: [`**/*.${TS}`],
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `interface Namespace extends KubeObject {}` names a Kubernetes kind on purpose.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  // Environments: the browser for src/ui and src/worker, Node for tooling, cli and tests.
  { files: [`src/ui/**/*.${TS}`, `src/worker/**/*.${TS}`], languageOptions: { globals: globals.browser } },
  {
    files: ['*.{js,mjs,ts}', 'bin/**/*.{js,mjs}', `e2e/**/*.${TS}`, `bench/**/*.${TS}`, `src/cli/**/*.${TS}`],
    languageOptions: { globals: globals.node },
  },
  ...boundaries,
  determinism,
  // File size: a warning at 300 lines, an error at 500 (blank lines and comments not counted).
  {
    files: [`src/**/*.${TS}`],
    ignores: TESTS,
    plugins: { podscape: { rules: { 'max-lines-soft': builtinRules.get('max-lines') } } },
    rules: {
      'podscape/max-lines-soft': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 500, skipBlankLines: true, skipComments: true }],
    },
  },
);
