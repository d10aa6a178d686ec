/**
 * CPU time (user + system, ms) of this process's descendants by kind (Chromium's browser,
 * renderer, GPU and utility processes, from /proc): for figures over a measured span that
 * include the processes a page's trace does not show (the GPU process's compositing, the
 * worker's thread is in the renderer). Linux only; empty elsewhere.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

export function descendantCpu(root = process.pid): Map<string, number> {
  const out = new Map<string, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  const info = new Map<number, { ppid: number; cpu: number; kind: string }>();
  for (const d of entries) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? (cmd.includes('chrom') ? 'browser' : 'other');
      info.set(Number(d), { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) * TICK_MS, kind: type });
    } catch {
      // gone
    }
  }
  const isUnder = (pid: number): boolean => {
    for (let p = pid, guard = 0; p > 1 && guard < 64; guard++) {
      const i = info.get(p);
      if (!i) return false;
      if (i.ppid === root) return true;
      p = i.ppid;
    }
    return false;
  };
  for (const [pid, i] of info) if (isUnder(pid)) out.set(i.kind, (out.get(i.kind) ?? 0) + i.cpu);
  return out;
}

/** `after - before` per kind. */
export const cpuSince = (before: Map<string, number>, after: Map<string, number>): Record<string, number> =>
  Object.fromEntries([...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)]));
