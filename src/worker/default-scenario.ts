// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- declares Vite's ?raw imports for the worker's tsconfig
/// <reference path="../scenario/presets/raw-text.d.ts" />
/**
 * The scenario the app opens with, bundled into the worker too, so the page's early start
 * (index.html) can ask for it before the app's bundle has arrived (`WireBoot`). The same
 * file as ui/features/scenario/default-scenario.ts.
 */
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- bundled scenario text (Vite ?raw), not code from another layer
import text from '../../scenarios/default.yaml?raw';

export const DEFAULT_SCENARIO = { file: 'scenarios/default.yaml', text } as const;
