/**
 * The cold load (issue 4): V8's explicit compile hint (`//# allFunctionsCalledOnLoad`, the
 * file's first line; Chromium 136+) on the page's entry chunk, so its functions are
 * compiled eagerly while the file streams in, on a background thread, instead of one by
 * one on the main thread as the first render calls them. Nearly all of that chunk runs on
 * load (React's renderer, the cluster view); lazily loaded chunks keep V8's default.
 * Added after minification (which drops comments), its source map shifted by the line.
 */
import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/**
 * Puts the hint on the first line of every entry chunk in `bundle` and of the chunks they
 * import statically (they all run on load: React's renderer among them), and moves their
 * source maps (written out by now) one line down.
 */
export function addCompileHints(bundle: OutputBundle): void {
  const onLoad = new Set<string>();
  for (const chunk of Object.values(bundle)) {
    if (chunk.type === 'chunk' && chunk.isEntry) for (const file of [chunk.fileName, ...chunk.imports]) onLoad.add(file);
  }
  for (const chunk of Object.values(bundle)) {
    if (chunk.type !== 'chunk' || !onLoad.has(chunk.fileName) || chunk.code.startsWith(COMPILE_HINT)) continue;
    chunk.code = `${COMPILE_HINT}\n${chunk.code}`;
    const map = bundle[`${chunk.fileName}.map`];
    if (map?.type === 'asset') {
      const json = JSON.parse(String(map.source)) as { mappings: string };
      map.source = JSON.stringify({ ...json, mappings: `;${json.mappings}` });
    }
  }
}

export function compileHints(): Plugin {
  return {
    name: 'podscape-compile-hints',
    apply: 'build',
    enforce: 'post',
    // After Vite's own post-processing (its preload helper goes first in the file too).
    generateBundle: { order: 'post', handler: (_, bundle) => addCompileHints(bundle) },
  };
}
