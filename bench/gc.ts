/**
 * Benchmark hygiene for Node: a full garbage collection before a timed region, so that
 * garbage left by an unmeasured setup is not charged to the region;
 * the region's own garbage is still charged to it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let fullGc: (() => void) | null = null;

/** Runs a full (mark-compact) collection. */
export function collectGarbage(): void {
  if (!fullGc) {
    setFlagsFromString('--expose-gc');
    fullGc = runInNewContext('gc') as () => void;
  }
  fullGc();
}
