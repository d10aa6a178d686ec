/**
 * Turns scenario YAML into a running Simulation: parse, read the Scenario object
 * (seed, controlPlane, schedulerConfiguration, timeline), create the objects, and let
 * the controllers and the scheduler settle at time 0. Every problem in the input
 * becomes a ManifestError naming the file, line, column and field, as the CLI reports it.
 */
import { defaultControlPlaneConfig } from '../engine/sim/config';
import type { ControlPlaneConfig } from '../engine/sim/contracts';
import { createSimulation, LoadError, type Simulation } from '../engine/sim/simulation';
import { SPEEDS, type ScenarioSummary, type Speed } from '../protocol/engine-api';
import type { TimedCommand } from '../engine/commands';
import type { KubeObject } from '../engine/model/types';
import { importScenario } from '../scenario/import/import';
import { ManifestError } from '../scenario/parse';
import { readPreparsed, type PreparsedImport, type PreparsedScenario } from './preparsed-scenario';
import { missingOwners } from './missing-owners';
import { BudgetSpent, type Deadline } from './work-budget';

export interface LoadedScenario {
  sim: Simulation;
  summary: ScenarioSummary;
  /** What explain() needs to rebuild the scheduler as the simulation runs it. */
  seed: number;
  schedulerConfiguration: unknown;
  /** The podscape.dev Scenario object as written (for export), or null. */
  scenarioObject: KubeObject | null;
  /** The scenario's timeline (at in virtual ms), for export. */
  timeline: TimedCommand[];
}

/**
 * Throws ManifestError for bad input; any other failure as an Error naming the file.
 * `preparsed` (built ahead of time: preparsed-scenario.ts) stands in for parsing and
 * validating when `yamlText` is exactly its text; should it fail, the text is loaded.
 */
export function loadScenario(yamlText: string, file: string, preparsed?: PreparsedScenario, deadline?: Deadline): LoadedScenario {
  if (typeof yamlText !== 'string') throw new TypeError(`load: expected the scenario as YAML text, got ${typeof yamlText}`);
  if (preparsed && preparsed.text === yamlText) {
    try {
      return settle(readPreparsed(preparsed), file, undefined, deadline);
    } catch (e) {
      if (e instanceof BudgetSpent) throw e;
      // fall through: the text's own load reports the problem with its line and field
    }
  }
  try {
    let read = 0;
    if (deadline) deadline.doing = () => `while reading its YAML (${Math.floor((100 * read) / Math.max(1, yamlText.length))} % read)`;
    const checkpoint = deadline
      ? (offset: number) => {
          read = offset;
          deadline.check();
        }
      : undefined;
    const { manifests, scenario: readScenario, unsupported, unknownFields, unknownFieldCount } = importScenario(yamlText, file, checkpoint);
    return settle({ read: readScenario, scenarioObject: manifests.objects.find((o) => o.kind === 'Scenario') ?? null, unsupported, unknownFields, unknownFieldCount }, file, (e) => {
      const where = e.index >= 0 ? manifests.objects.indexOf(readScenario.objects[e.index]) : -1;
      if (where < 0) return new ManifestError(file, 1, 1, '', e.message);
      const { line, column } = manifests.locate(where, e.field);
      return new ManifestError(file, line, column, e.field, e.message + manifests.yaml11Note(where, e.field, e.message));
    }, deadline);
  } catch (e) {
    if (e instanceof ManifestError || e instanceof BudgetSpent) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new Error(`${file}: ${message}`, { cause: e });
  }
}

/** Creates the simulation of an import and lets it settle at time 0; `locate` turns a LoadError into a located error. */
function settle({ read, scenarioObject, unsupported, unknownFields, unknownFieldCount }: PreparsedImport, file: string, locate?: (e: LoadError) => Error, deadline?: Deadline): LoadedScenario {
  const { objects, scenario, timeline } = read;
  const missing = missingOwners(objects); // before the simulation takes the objects
  const sim = createSimulation({
    seed: scenario.seed,
    controlPlane: scenario.controlPlane,
    schedulerConfiguration: scenario.schedulerConfiguration,
  });
  if (deadline) {
    deadline.doing = () => `while creating its objects at time 0 (${count(sim, 'Node', 'node')}, ${count(sim, 'Pod', 'pod')} so far)`;
    deadline.check();
  }
  try {
    sim.load(objects, timeline);
  } catch (e) {
    if (!(e instanceof LoadError) || !locate) throw e;
    throw locate(e);
  }
  // Time 0 with the work due at time 0 done: controllers created their pods and the
  // scheduler placed what fits, so the first frame shows a settled cluster. Within the
  // deadline: the clock looks at it between callbacks (and the simulation is dropped if it throws).
  if (deadline) sim.clock.checkpoint = () => deadline.check();
  try {
    sim.advanceTo(0);
  } finally {
    sim.clock.checkpoint = null;
  }
  return {
    sim,
    seed: scenario.seed,
    schedulerConfiguration: scenario.schedulerConfiguration,
    scenarioObject,
    timeline,
    summary: {
      file,
      name: scenario.name,
      ...(scenario.title !== undefined ? { title: scenario.title } : {}),
      ...(scenario.description !== undefined ? { description: scenario.description } : {}),
      seed: scenario.seed,
      speed: nearestSpeed(scenario.speed),
      timingOverrides: timingOverrides(scenario.controlPlane),
      ...(unsupported.length > 0 ? { unsupported } : {}),
      ...(unknownFields && unknownFields.length > 0 ? { unknownFields: unknownFields.map(({ field, line, column, object, suggestion }) => ({ field, line, column, object, suggestion })) } : {}),
      ...(unknownFields && unknownFieldCount > unknownFields.length ? { unknownFieldCount } : {}),
      ...(missing.length > 0 ? { missingOwners: missing } : {}),
    },
  };
}

/** `3 nodes`, `1 pod`: the objects of a kind in the simulation's store. */
export function count(sim: Simulation, kind: string, noun: string): string {
  const n = sim.store.list(kind).length;
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The playable speed closest to `speed` on a log scale (a scenario may ask for any speed > 0). */
export function nearestSpeed(speed: number): Speed {
  let best: Speed = SPEEDS[0];
  for (const s of SPEEDS) if (Math.abs(Math.log(s / speed)) < Math.abs(Math.log(best / speed))) best = s;
  return best;
}

function timingOverrides(overrides: Partial<ControlPlaneConfig>): string[] {
  const defaults = defaultControlPlaneConfig();
  return (Object.keys(overrides) as (keyof ControlPlaneConfig)[]).filter((k) => overrides[k] !== defaults[k]).sort();
}
