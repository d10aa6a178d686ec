/**
 * For tests: testing/recorded-run's run (settling recorded), plus every scoring cycle's
 * pod, scored nodes and weighted totals — a shortcut that changes a score shows here even
 * when the placement happens to stay the same.
 */
import type { KubeObject } from '../model/types';
import { recordedRun, type Step } from '../testing/recorded-run';
import { Scheduler } from './schedule-one';

export function scoredRun(objects: KubeObject[], steps: readonly Step[], seed: number): { run: ReturnType<typeof recordedRun>; cycles: string[] } {
  const cycles: string[] = [];
  const original = Scheduler.prototype.prioritizeNodes;
  Scheduler.prototype.prioritizeNodes = function (this: Scheduler, ...args: Parameters<typeof original>) {
    const r = original.apply(this, args);
    cycles.push(`${args[2].key} ${r.result.nodes.map((n) => n.name).join(',')} ${Array.from(r.result.totals).join(',')}`);
    return r;
  };
  try {
    return { run: recordedRun(objects, steps, { seed, recordSettling: true }), cycles };
  } finally {
    Scheduler.prototype.prioritizeNodes = original;
  }
}
