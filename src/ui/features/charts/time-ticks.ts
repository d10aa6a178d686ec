/** Tick steps a reader counts in: seconds, minutes, hours, days (virtual ms). */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1000);

/** About `count` ticks between t0 and t1 on whole clock steps (every 30 s, 5 min, 1 h …). */
export function timeTicks(t0: number, t1: number, count = 5): number[] {
  if (!(t1 > t0)) return [t0];
  const span = t1 - t0;
  const step = STEPS.find((s) => span / s <= count) ?? Math.ceil(span / count / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) ticks.push(t);
  return ticks;
}
