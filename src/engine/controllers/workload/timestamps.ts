/**
 * fromTimestamp with a memory: the workload controllers parse the same few timestamps over and
 * over (a stuck Deployment's Progressing lastUpdateTime on every sync, ReplicaSets' creation
 * times when ordering them), and Date.parse of an RFC 3339 string costs microseconds.
 */
import { fromTimestamp } from '../../clock/time';
import type { VirtualTime } from '../../sim/contracts';

/** Timestamps remembered at most (then forgotten all at once): virtual seconds are few per run. */
const LIMIT = 4096;
const parsed = new Map<string, VirtualTime | undefined>();

/** Tests turn the memory off to compare against parsing every time. */
export const TIMESTAMP_MEMO = { enabled: true };

/** fromTimestamp(ts), remembered per string value. */
export function parsedTimestamp(ts: string | undefined | null): VirtualTime | undefined {
  if (typeof ts !== 'string' || !TIMESTAMP_MEMO.enabled) return fromTimestamp(ts);
  let t = parsed.get(ts);
  if (t === undefined && !parsed.has(ts)) {
    if (parsed.size >= LIMIT) parsed.clear();
    t = fromTimestamp(ts);
    parsed.set(ts, t);
  }
  return t;
}
