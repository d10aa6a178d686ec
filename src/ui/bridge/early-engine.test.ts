import { afterEach, describe, expect, it, vi } from 'vitest';
import html from '../../../index.html?raw';
import main from '../main.tsx?raw';
import { BOOT_DEFAULT_WORKER_NAME } from '../../protocol/engine-api';
import { findShareParam } from '../../scenario/share/fragment';
import { AUTOSAVE_KEY } from '../features/scenario/session/autosave';
import { takeEarlyEngine, type EarlyEngine } from './early-engine';

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
    expect(script).toContain(`var name = opensDefault ? '${BOOT_DEFAULT_WORKER_NAME}' : 'podscape-engine';`);
    expect(script).toContain('name: name');
    expect(BOOT_DEFAULT_WORKER_NAME).not.toBe('podscape-engine');
  });
});

/** Runs index.html's early-start script in a fake page; returns the page's window and the workers it made. */
function runEarlyScript(script: string, { hash = '', saved = null as string | null, url = './assets/engine.worker-x.js' } = {}) {
  const made: { url: string; options: WorkerOptions }[] = [];
  class FakeWorker extends EventTarget {
    constructor(workerUrl: string, options: WorkerOptions) {
      super();
      made.push({ url: workerUrl, options });
    }
  }
  const win: Record<string, unknown> = {};
  const document = { currentScript: { getAttribute: (name: string) => (name === 'data-podscape-worker' ? url : null) } };
  const localStorage = { getItem: (key: string) => (key === AUTOSAVE_KEY ? saved : null) };
  new Function('window', 'document', 'location', 'localStorage', 'Worker', script)(win, document, { hash }, localStorage, FakeWorker);
  return { win: win as { __podscapeStartEngine?: () => void; __podscapeEarly?: { worker: unknown; bootsDefault: boolean } }, made };
}

describe('when index.html starts the engine worker', () => {
  const script = /<script data-podscape-worker="">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';

  it('not while the HTML is parsed: the bundle starts it, once, with the name that says what it opens', () => {
    for (const [hash, saved, bootsDefault] of [
      ['', null, true],
      ['#s=1.lz.abc', null, false],
      ['', '{"v":1}', false],
    ] as const) {
      const { win, made } = runEarlyScript(script, { hash, saved });
      expect(made).toEqual([]);
      expect(win.__podscapeEarly).toBeUndefined();
      win.__podscapeStartEngine!();
      expect(made).toEqual([{ url: './assets/engine.worker-x.js', options: { type: 'module', name: bootsDefault ? BOOT_DEFAULT_WORKER_NAME : 'podscape-engine' } }]);
      expect(win.__podscapeEarly?.bootsDefault).toBe(bootsDefault);
      expect(win.__podscapeStartEngine).toBeUndefined();
    }
  });

  it('not at all where the build wrote no worker (the dev server)', () => {
    const { win, made } = runEarlyScript(script, { url: '' });
    expect(win.__podscapeStartEngine).toBeUndefined();
    expect(made).toEqual([]);
  });

  it('as the first thing the bundle runs: start-engine is main.tsx’s first import', () => {
    const firstImport = /^import\s+(?:[^'"]*from\s+)?['"]([^'"]+)['"]/m.exec(main)?.[1];
    expect(firstImport).toBe('./bridge/start-engine');
  });
});

describe('takeEarlyEngine', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('starts the worker if the bundle has not yet, and hands it over once', () => {
    const early = { worker: {}, bootsDefault: true, buffered: [], detach: () => {} } as unknown as EarlyEngine;
    const win: Record<string, unknown> = {};
    win.__podscapeStartEngine = () => {
      win.__podscapeStartEngine = undefined;
      win.__podscapeEarly = early;
    };
    vi.stubGlobal('window', win);
    expect(takeEarlyEngine()).toBe(early);
    expect(takeEarlyEngine()).toBeNull();
  });
});
