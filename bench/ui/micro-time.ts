/**
 * Timing for the Node micro-benchmarks of the frame codecs (pod-wire.bench.ts,
 * full-frame.bench.ts): the median of n runs, each its own wall time or the
 * milliseconds it returns, and one printed row per figure.
 */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** The median ms of `n` runs; a run that returns a number reports that instead of its wall time. */
export function time(run: () => number | void, n = 9): number {
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const t = performance.now();
    const inner = run();
    out.push(typeof inner === 'number' ? inner : performance.now() - t);
  }
  return median(out);
}

/** Prints `label` padded to `width`, then the milliseconds. */
export const row = (label: string, ms: number, width: number) => console.log(`${label.padEnd(width)} ${ms.toFixed(3).padStart(9)} ms`);
