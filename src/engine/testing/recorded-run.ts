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

/**
 * Loads `objects` into a fresh simulation (its writes watched from the first), plays
 * `steps` (a refused command changes nothing) and names every stored object whose content
 * changed after the store handed it out: a shortcut that shares sub-objects between
 * versions, or writes into an object it stored, shows up here.
 */
export function objectsWrittenAfterStored(objects: KubeObject[], steps: readonly Step[], seed: number): string[] {
  const sim = createSimulation({ seed });
  const seen: Array<[KubeObject, string]> = [];
  sim.store.watch((e) => {
    if (e.type !== 'DELETED') seen.push([e.object, JSON.stringify(e.object)]);
  });
  sim.load(objects);
  for (const s of steps) {
    sim.advanceBy(s.wait);
    if (s.command) {
      try {
        sim.dispatch(s.command);
      } catch {
        // refused commands change nothing
      }
    }
  }
  return seen.filter(([obj, json]) => JSON.stringify(obj) !== json).map(([obj]) => `${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`);
}
