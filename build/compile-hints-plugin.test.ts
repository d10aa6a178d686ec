import { describe, expect, it } from 'vitest';
import type { Rolldown } from 'vite';
import { addCompileHints, COMPILE_HINT } from './compile-hints-plugin';

type OutputAsset = Rolldown.OutputAsset;
type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

const chunk = (fileName: string, isEntry: boolean, code: string, imports: string[] = []) => ({ type: 'chunk', fileName, isEntry, code, imports }) as OutputChunk;
const map = (fileName: string, mappings: string) => ({ type: 'asset', fileName, source: JSON.stringify({ version: 3, sources: ['a.ts'], mappings }) }) as OutputAsset;

describe('the compile hint on the entry chunk', () => {
  it('goes on the first line of entry chunks only, and their source map moves one line down', () => {
    const bundle = {
      'index.js': chunk('index.js', true, 'const a=1;\nexport{a};'),
      'index.js.map': map('index.js.map', 'AAAA;AACA'),
      'lazy.js': chunk('lazy.js', false, 'export const b=2;'),
      'lazy.js.map': map('lazy.js.map', 'AAAA'),
    } as unknown as OutputBundle;
    addCompileHints(bundle);
    expect((bundle['index.js'] as OutputChunk).code).toBe(`${COMPILE_HINT}\nconst a=1;\nexport{a};`);
    expect(JSON.parse(String((bundle['index.js.map'] as OutputAsset).source))).toEqual({ version: 3, sources: ['a.ts'], mappings: ';AAAA;AACA' });
    expect((bundle['lazy.js'] as OutputChunk).code).toBe('export const b=2;');
    expect(JSON.parse(String((bundle['lazy.js.map'] as OutputAsset).source)).mappings).toBe('AAAA');
    // Once only.
    addCompileHints(bundle);
    expect((bundle['index.js'] as OutputChunk).code.split(COMPILE_HINT)).toHaveLength(2);
  });

  it('goes on the chunks an entry imports statically too (they run on load), not on those only lazy chunks import', () => {
    const bundle = {
      'index.js': chunk('index.js', true, 'import"./react-dom.js";', ['react-dom.js']),
      'react-dom.js': chunk('react-dom.js', false, 'export const r=1;'),
      'lazy.js': chunk('lazy.js', false, 'import"./shared.js";', ['shared.js']),
      'shared.js': chunk('shared.js', false, 'export const s=1;'),
    } as unknown as OutputBundle;
    addCompileHints(bundle);
    const code = (file: string) => (bundle[file] as OutputChunk).code;
    expect(code('index.js').startsWith(`${COMPILE_HINT}\n`)).toBe(true);
    expect(code('react-dom.js')).toBe(`${COMPILE_HINT}\nexport const r=1;`);
    expect(code('lazy.js')).toBe('import"./shared.js";');
    expect(code('shared.js')).toBe('export const s=1;');
  });
});
