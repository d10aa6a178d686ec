/**
 * For lockstep tests of an engine shortcut: runs a cluster through timed commands and
 * records everything observable — every store write (with its virtual time and
 * resourceVersion), the events and the final objects — so that a run with the
 * shortcut and one without can be compared for equality.
 */
import type { Command } from '../commands';
import type { KubeObject } from '../model/types';
import { createSimulation } from '../sim/simulation';

export interface Step {
  /** Virtual ms to advance before the command. */
  wait: number;
  command: Command | null;
}

export interface RecordedRun {
  writes: string[];
  events: string;
  objects: string;
  time: number;
}

/**
 * Loads `objects`, lets the cluster settle for 40 virtual seconds, then plays `steps`;
 * a refused command is recorded with its message. `recordSettling`: record the writes
 * of the settling too.
 */
export function recordedRun(objects: KubeObject[], steps: readonly Step[], o: { seed: number; recordSettling: boolean }): RecordedRun {
  const sim = createSimulation({ seed: o.seed });
  sim.load(objects);
  const writes: string[] = [];
  const record = () => sim.store.watch((e) => writes.push(`${sim.time} ${e.type} ${e.kind} ${e.object.metadata.name} ${e.object.metadata.resourceVersion ?? ''}`));
  if (o.recordSettling) record();
  sim.advanceTo(40_000);
  if (!o.recordSettling) record();
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
  return { writes, events: JSON.stringify(sim.events()), objects: JSON.stringify(sim.objects()), time: sim.time };
}
