import { formatClusterTime } from '../timeline/format-time';

/** The instant virtual time 0 stands for in object timestamps (engine/clock/time.ts). */
const VIRTUAL_EPOCH = Date.UTC(2026, 0, 1);

/** An object timestamp as cluster time (`00:05:57`) when it falls in the run, else as written. */
export function clusterTimeOf(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) || ms < VIRTUAL_EPOCH ? iso : formatClusterTime(ms - VIRTUAL_EPOCH);
}

export function Timestamp({ iso }: { iso: string | undefined }) {
  if (!iso) return null;
  return (
    <time dateTime={iso} title={iso}>
      {clusterTimeOf(iso)}
    </time>
  );
}
