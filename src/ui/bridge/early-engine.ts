/**
 * The engine's head start (issue 4, cold load): in a build, an inline script in
 * index.html defines `__podscapeStartEngine` (vite.config.ts writes the worker's file name
 * into it), which creates the engine worker; the app's bundle calls it as the first thing
 * it runs (start-engine.ts), before React's code evaluates, so the worker downloads,
 * compiles and — when the page will open the default scenario, said by the worker's name
 * (`BOOT_DEFAULT_WORKER_NAME`) — loads that scenario while the bundle evaluates and draws
 * the build's first frame (boot-preview.ts). Started earlier, while the HTML was parsed,
 * the worker's download, compile and boot load competed with the bundle's own download
 * and streamed compile for the two cores, and delayed the first cluster frame. It buffers
 * what the worker says until worker-client.ts adopts it here.
 *
 * The default scenario is loaded early only when boot.ts will open it: no share link in
 * the URL (`s=` in the fragment, as scenario/share/fragment.ts reads it) and no
 * autosaved session (autosave.ts's key). If boot decides otherwise, the early load is
 * simply replaced by the next one.
 */

export interface EarlyEngine {
  worker: Worker;
  /** Whether the worker was asked (by its name) to load the default scenario. */
  bootsDefault: boolean;
  /** The worker's messages and errors so far, in order; replayed by the adopter. */
  buffered: Event[];
  /** Stops buffering (the adopter listens from now on). */
  detach(): void;
}

declare global {
  interface Window {
    /** index.html's: creates the worker and sets `__podscapeEarly`; once (it removes itself). */
    __podscapeStartEngine?: () => void;
    __podscapeEarly?: EarlyEngine;
  }
}

/** Starts index.html's early worker if it has not started yet (nothing where there is none: the dev server, tests). */
export function startEarlyEngine(): void {
  if (typeof window !== 'undefined') window.__podscapeStartEngine?.();
}

/** The early worker, once (null where there is none: the dev server, tests, or already taken). */
export function takeEarlyEngine(): EarlyEngine | null {
  if (typeof window === 'undefined') return null;
  startEarlyEngine();
  const early = window.__podscapeEarly ?? null;
  delete window.__podscapeEarly;
  return early;
}
