/** Virtual ms as a clock reading: `00:07:00`, with days in front past 24 h (`2d 03:04:05`). */
export function formatClusterTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor(total / 3600) % 24)}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** The engine's virtual clock starts at this instant: its timestamps (a taint's timeAdded) are this plus virtual ms. */
const VIRTUAL_EPOCH_MS = Date.UTC(2026, 0, 1);

/** An engine timestamp (RFC 3339) as virtual ms, or null when it is missing or not a time. */
export function virtualMsOf(timestamp: string | undefined | null): number | null {
  if (typeof timestamp !== 'string' || timestamp === '') return null;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? null : ms - VIRTUAL_EPOCH_MS;
}
