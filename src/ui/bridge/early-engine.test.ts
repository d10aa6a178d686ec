import { describe, expect, it } from 'vitest';
import html from '../../../index.html?raw';
import { findShareParam } from '../../scenario/share/fragment';
import { AUTOSAVE_KEY } from '../features/scenario/session/autosave';

/** index.html's early start must open the default scenario exactly when boot.ts will. */
describe('the early start in index.html', () => {
  const script = /<script data-podscape-worker="">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  const linkRule = /opensDefault = !(\/.*\/)\.test\(location\.hash\)/.exec(script)?.[1];

  it('reads a share link as scenario/share/fragment.ts does', () => {
    expect(linkRule).toBeDefined();
    const hasLink = new Function('hash', `return ${linkRule!}.test(hash);`) as (hash: string) => boolean;
    for (const hash of ['', '#', '#s=1.lz.abc', '#x=1&s=1.lz.abc', '#xs=1', '#s', '#view=1', 's=1', '#a&s=', '#ss=1&t=2']) {
      expect(hasLink(hash), hash).toBe(findShareParam(hash) !== null);
    }
  });

  it('looks for the autosave under autosave.ts’s key, and asks the worker for the default scenario', () => {
    expect(script).toContain(`localStorage.getItem('${AUTOSAVE_KEY}') === null`);
    expect(script).toContain("worker.postMessage({ podscapeBoot: 'default' })");
    expect(script).toContain("name: 'podscape-engine'");
  });
});
