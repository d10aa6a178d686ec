/**
 * What paces the engine host's play loop. The host never reads a clock itself: a
 * ticker calls it with the real time that passed, so the same host runs on animation
 * frames in a worker, on the main thread, and on hand-driven ticks in tests.
 */

export interface Ticker {
  /** Calls `onTick(elapsedRealMs)` repeatedly until the returned function is called. */
  start(onTick: (elapsedRealMs: number) => void): () => void;
}

/**
 * Ticks on animation frames (a dedicated worker has requestAnimationFrame in Chromium
 * and Firefox), or every 16 ms where there is none.
 */
export function createFrameTicker(): Ticker {
  return {
    start(onTick) {
      let stopped = false;
      let last = performance.now();
      const hasRaf = typeof requestAnimationFrame === 'function';
      let handle = 0;
      const schedule = () => {
        handle = hasRaf ? requestAnimationFrame(frame) : (setTimeout(() => frame(performance.now()), 16) as unknown as number);
      };
      const frame = (now: number) => {
        if (stopped) return;
        const elapsed = Math.max(0, now - last);
        last = now;
        onTick(elapsed);
        if (!stopped) schedule();
      };
      schedule();
      return () => {
        stopped = true;
        if (hasRaf) cancelAnimationFrame(handle);
        else clearTimeout(handle);
      };
    },
  };
}

/** A ticker driven by hand: `tick(ms)` delivers one tick of `ms` real milliseconds. */
export interface ManualTicker extends Ticker {
  tick(elapsedRealMs: number): void;
  /** Whether the host is currently listening (playing). */
  readonly running: boolean;
}

export function createManualTicker(): ManualTicker {
  let listener: ((elapsed: number) => void) | null = null;
  return {
    start(onTick) {
      listener = onTick;
      return () => {
        if (listener === onTick) listener = null;
      };
    },
    tick(elapsed) {
      listener?.(elapsed);
    },
    get running() {
      return listener !== null;
    },
  };
}
