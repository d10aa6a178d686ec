/**
 * The cold load (issue 4): `import json from './default.yaml?boot-frame'` gives, as JSON
 * text, what the page receives when the engine worker boots that scenario: the load's
 * summary and first frame, computed at build time by the project's own engine host
 * (src/worker/boot-frame.ts) through Vite's module runner. The page draws it before the
 * worker has caught up (src/ui/bridge/boot-preview.ts). A scenario that does not load
 * fails the build.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin } from 'vite';

const SUFFIX = '?boot-frame';
const BOOT_FRAME = fileURLToPath(new URL('../src/worker/boot-frame.ts', import.meta.url));

type BootFrameJson = (text: string, file: string) => string;

export function bootFrame(): Plugin {
  let root = process.cwd();
  return {
    name: 'podscape-boot-frame',
    enforce: 'pre',
    configResolved(config) {
      root = config.root;
    },
    async load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const path = id.slice(0, -SUFFIX.length);
      this.addWatchFile(path);
      const { module } = await runnerImport<{ bootFrameJson: BootFrameJson }>(BOOT_FRAME, { configFile: false, logLevel: 'silent' });
      const json = module.bootFrameJson(readFileSync(path, 'utf8'), relative(root, path));
      return { code: `export default ${JSON.stringify(json)};`, map: null };
    },
  };
}
