/**
 * The engine's head start (issue 4, cold load): in a build, an inline script in
 * index.html creates the engine worker while the HTML is still being parsed (vite.config.ts
 * writes the worker's file name into it), so the worker downloads, compiles and — when
 * the page will open the default scenario — loads that scenario (`WireBoot`) while the
 * app's bundle is still arriving. It buffers what the worker says until worker-client.ts
 * adopts it here.
 *
 * The default scenario is loaded early only when boot.ts will open it: no share link in
 * the URL (`s=` in the fragment, as scenario/share/fragment.ts reads it) and no
 * autosaved session (autosave.ts's key). If boot decides otherwise, the early load is
 * simply replaced by the next one.
 */

export interface EarlyEngine {
  worker: Worker;
  /** Whether the default scenario's load was sent to the worker. */
  bootsDefault: boolean;
  /** The worker's messages and errors so far, in order; replayed by the adopter. */
  buffered: Event[];
  /** Stops buffering (the adopter listens from now on). */
  detach(): void;
}

declare global {
  interface Window {
    __podscapeEarly?: EarlyEngine;
  }
}

/** The early worker, once (null where there is none: the dev server, tests, or already taken). */
export function takeEarlyEngine(): EarlyEngine | null {
  if (typeof window === 'undefined') return null;
  const early = window.__podscapeEarly ?? null;
  delete window.__podscapeEarly;
  return early;
}
