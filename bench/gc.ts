/**
 * Benchmark hygiene for Node: a full garbage collection before a timed region, so that
 * garbage left by an unmeasured setup is not charged to the region;
 * the region's own garbage is still charged to it.
 *
 * A full collection returns before its memory is swept: V8 sweeps the dead pages on
 * helper threads afterwards, and the main thread helps whenever it allocates. On a
 * 1 GB heap that tail costs 100–200 ms of the next region (measured on the 5,000-node
 * recovery benchmark: kill 1 went from ~55 ms to ~200 ms wall), so after the collection
 * the caller's thread waits, idle, for the sweepers: a fixed 200 ms plus 0.5 ms per MB
 * of live heap, which was enough for the figures to stop moving here.
 */
import { setFlagsFromString, getHeapStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';

let fullGc: (() => void) | null = null;

/** Runs a full (mark-compact) collection and waits for its concurrent sweeping to finish. */
export function collectGarbage(): void {
  if (!fullGc) {
    setFlagsFromString('--expose-gc');
    fullGc = runInNewContext('gc') as () => void;
  }
  fullGc();
  const liveMb = getHeapStatistics().used_heap_size / 2 ** 20;
  sleep(200 + 0.5 * liveMb);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
