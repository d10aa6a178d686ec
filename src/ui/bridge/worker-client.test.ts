import { afterEach, describe, expect, it, vi } from 'vitest';
import { readBootPreview } from './boot-preview';
import type { EarlyEngine } from './early-engine';
import { createWorkerClient } from './worker-client';

/** A worker that never answers: enough for what the client does before the handshake. */
class SilentWorker extends EventTarget {
  posted: unknown[] = [];
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  terminate() {}
}

function withEarlyEngine(bootsDefault: boolean) {
  const early: EarlyEngine = { worker: new SilentWorker() as unknown as Worker, bootsDefault, buffered: [], detach: () => {} };
  vi.stubGlobal('window', { __podscapeEarly: early });
}

afterEach(() => vi.unstubAllGlobals());

describe('the worker client’s boot preview', () => {
  it('offers the build’s boot load once when the early worker boots the default scenario', () => {
    withEarlyEngine(true);
    const client = createWorkerClient();
    expect(client.takeBootPreview!()).toEqual(readBootPreview());
    expect(client.takeBootPreview!()).toBeNull();
  });

  it('offers none when the early worker opens something else (a share link, an autosave)', () => {
    withEarlyEngine(false);
    expect(createWorkerClient().takeBootPreview!()).toBeNull();
  });
});
