// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- declares Vite's ?raw imports for the worker's tsconfig
/// <reference path="../scenario/presets/raw-text.d.ts" />
/**
 * The scenario the app opens with, bundled into the worker too, so the page's early start
 * (index.html) can ask for it before the app's bundle has arrived (`BOOT_DEFAULT_WORKER_NAME`). The same
 * file as ui/features/scenario/default-scenario.ts. The build also parses and validates it
 * (`?preparsed`: build/preparsed-scenario-plugin.ts), so loading it skips both.
 */
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- bundled scenario text (Vite ?raw), not code from another layer
import text from '../../scenarios/default.yaml?raw';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the same file parsed at build time (JSON text), not code from another layer
import json from '../../scenarios/default.yaml?preparsed';
import type { PreparsedScenario } from './preparsed-scenario';

export const DEFAULT_SCENARIO = { file: 'scenarios/default.yaml', text } as const;

/** What importing DEFAULT_SCENARIO.text gives, made by the build. */
export const DEFAULT_PREPARSED: PreparsedScenario = { text, json };
