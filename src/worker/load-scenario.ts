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
import { ManifestError, parseManifests } from '../scenario/parse';
import { readScenario } from '../scenario/scenario';

export interface LoadedScenario {
  sim: Simulation;
  summary: ScenarioSummary;
  /** What explain() needs to rebuild the scheduler as the simulation runs it. */
  seed: number;
  schedulerConfiguration: unknown;
}

/** Throws ManifestError for bad input; any other failure as an Error naming the file. */
export function loadScenario(yamlText: string, file: string): LoadedScenario {
  if (typeof yamlText !== 'string') throw new TypeError(`load: expected the scenario as YAML text, got ${typeof yamlText}`);
  try {
    const manifests = parseManifests(yamlText, file);
    const { objects, scenario, timeline } = readScenario(manifests);
    const sim = createSimulation({
      seed: scenario.seed,
      controlPlane: scenario.controlPlane,
      schedulerConfiguration: scenario.schedulerConfiguration,
    });
    try {
      sim.load(objects, timeline);
    } catch (e) {
      if (!(e instanceof LoadError)) throw e;
      const where = e.index >= 0 ? manifests.objects.indexOf(objects[e.index]) : -1;
      if (where < 0) throw new ManifestError(file, 1, 1, '', e.message);
      const { line, column } = manifests.locate(where, e.field);
      throw new ManifestError(file, line, column, e.field, e.message);
    }
    // Time 0 with the work due at time 0 done: controllers created their pods and the
    // scheduler placed what fits, so the first frame shows a settled cluster.
    sim.advanceTo(0);
    return {
      sim,
      seed: scenario.seed,
      schedulerConfiguration: scenario.schedulerConfiguration,
      summary: {
        file,
        name: scenario.name,
        ...(scenario.title !== undefined ? { title: scenario.title } : {}),
        ...(scenario.description !== undefined ? { description: scenario.description } : {}),
        seed: scenario.seed,
        speed: nearestSpeed(scenario.speed),
        timingOverrides: timingOverrides(scenario.controlPlane),
      },
    };
  } catch (e) {
    if (e instanceof ManifestError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new Error(`${file}: ${message}`, { cause: e });
  }
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
