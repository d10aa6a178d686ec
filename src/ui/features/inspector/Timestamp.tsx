import { formatClusterTime, virtualMsOf } from '../timeline/format-time';

/** An object timestamp as cluster time (`00:05:57`) when it falls in the run, else as written. */
export function clusterTimeOf(iso: string): string {
  const ms = virtualMsOf(iso);
  return ms === null || ms < 0 ? iso : formatClusterTime(ms);
}

export function Timestamp({ iso }: { iso: string | undefined }) {
  if (!iso) return null;
  return (
    <time dateTime={iso} title={iso}>
      {clusterTimeOf(iso)}
    </time>
  );
}
