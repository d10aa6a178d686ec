/**
 * The cold load (issue 4): `import json from './x.yaml?preparsed'` gives the scenario
 * file parsed and validated at build time, as the JSON string of what `importScenario`
 * reads from it (src/worker/preparsed-scenario.ts), so the worker's first load needs no
 * YAML parser and no validation. A file that does not load fails the build.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin } from 'vite';

const SUFFIX = '?preparsed';
/** The project's own reader, loaded through Vite's module runner (the config does not bundle the engine). */
const PREPARSE = fileURLToPath(new URL('../src/worker/preparsed-scenario.ts', import.meta.url));

type Preparse = (text: string, file: string) => string;

export function preparsedScenario(): Plugin {
  return {
    name: 'podscape-preparsed-scenario',
    enforce: 'pre',
    async load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const path = id.slice(0, -SUFFIX.length);
      this.addWatchFile(path);
      const { module } = await runnerImport<{ preparseScenario: Preparse }>(PREPARSE, { configFile: false, logLevel: 'silent' });
      const json = module.preparseScenario(readFileSync(path, 'utf8'), relative(process.cwd(), path));
      return { code: `export default ${JSON.stringify(json)};`, map: null };
    },
  };
}
