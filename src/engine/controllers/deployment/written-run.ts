/**
 * For tests: a run like testing/recorded-run's, whose writes also carry what a Deployment or
 * ReplicaSet write wrote (spec and status). A status computed from a stale reading is usually
 * corrected by the next sync, so the final objects alone would not show it.
 */
import type { KubeObject } from '../../model/types';
import { createSimulation } from '../../sim/simulation';
import type { Step } from '../../testing/recorded-run';

export function writtenRun(objects: KubeObject[], steps: readonly Step[], seed: number): { writes: string[]; events: string; objects: string } {
  const sim = createSimulation({ seed });
  const writes: string[] = [];
  sim.store.watch((e) => {
    const o = e.object as KubeObject & { spec?: unknown; status?: unknown };
    const what = e.kind === 'Deployment' || e.kind === 'ReplicaSet' ? ` ${JSON.stringify(o.spec)} ${JSON.stringify(o.status)}` : '';
    writes.push(`${sim.time} ${e.type} ${e.kind} ${o.metadata.name} ${o.metadata.resourceVersion ?? ''}${what}`);
  });
  sim.load(objects);
  sim.advanceTo(40_000);
  for (const s of steps) {
    sim.advanceBy(s.wait);
    if (s.command) {
      try {
        sim.dispatch(s.command);
      } catch (e) {
        writes.push(`refused: ${(e as Error).message}`);
      }
    }
  }
  return { writes, events: JSON.stringify(sim.events()), objects: JSON.stringify(sim.objects()) };
}
