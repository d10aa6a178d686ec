/**
 * The Scenario format (DESIGN.md "Scenario format"): ordinary Kubernetes
 * objects plus at most one `podscape.dev/v1alpha1` Scenario object whose spec
 * holds the title, seed, control-plane overrides, a scheduler configuration
 * and a timeline of commands. Everything is validated here, and every error
 * names the file, line and field (`spec.timeline[2].node`).
 */
import type { Command, TimedCommand } from '../engine/commands';
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../engine/model/types';
import { validateObjects } from '../engine/model/validate';
import { ConfigError, resolveConfig } from '../engine/scheduler/framework/config';
import { inTreeRegistry } from '../engine/scheduler/plugins/registry';
import { checkCommand } from '../engine/sim/command-check';
import { ControlPlaneConfigError, parseControlPlaneOverrides, parseDuration } from '../engine/sim/config';
import type { ControlPlaneConfig } from '../engine/sim/contracts';
import { scopeOf } from '../engine/store/resources';
import { checkKinds } from './kinds';
import type { ManifestError, Manifests } from './parse';
import { showValue } from '../engine/sim/show-value';

export const SCENARIO_API_VERSION = 'podscape.dev/v1alpha1';

export interface ScenarioInfo {
  /** metadata.name of the Scenario object ('' when the file has none). */
  name: string;
  title?: string;
  description?: string;
  /** spec.seed; 0 when absent. */
  seed: number;
  /** Virtual seconds per real second in the app; 1 when absent. */
  speed: number;
  /** Control-plane overrides, in ms (seconds for the two *Seconds fields). */
  controlPlane: Partial<ControlPlaneConfig>;
  /** spec.schedulerConfiguration, or a KubeSchedulerConfiguration object in the file. */
  schedulerConfiguration?: unknown;
}

export interface LoadedScenario {
  /** The Kubernetes objects (Scenario and KubeSchedulerConfiguration objects left out), in file order. */
  objects: KubeObject[];
  scenario: ScenarioInfo;
  /** Commands with `at` in virtual ms, in file order. */
  timeline: TimedCommand[];
}

const SPEC_FIELDS = ['title', 'description', 'seed', 'speed', 'controlPlane', 'schedulerConfiguration', 'timeline'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads the scenario held in parsed manifests. Throws ManifestError (file,
 * line, column, field, message) on the first problem.
 */
export function readScenario(manifests: Manifests): LoadedScenario {
  checkKinds(manifests);
  const all = manifests.objects;
  const objects: KubeObject[] = [];
  const objectIndex: number[] = [];
  let scenarioIndex = -1;
  let kscIndex = -1;
  const seen = new Map<string, number>();

  all.forEach((o, i) => {
    if (o.kind === 'Scenario') {
      if (o.apiVersion !== SCENARIO_API_VERSION) {
        throw manifests.error(i, 'apiVersion', `Unsupported value: ${JSON.stringify(o.apiVersion)}: supported values: "${SCENARIO_API_VERSION}"`);
      }
      if (scenarioIndex >= 0) {
        throw manifests.error(i, 'kind', `Invalid value: a file holds at most one Scenario (the first is at line ${manifests.locate(scenarioIndex, 'kind').line})`);
      }
      scenarioIndex = i;
      return;
    }
    if (o.kind === 'KubeSchedulerConfiguration') {
      if (kscIndex >= 0) throw manifests.error(i, 'kind', `Invalid value: a file holds at most one KubeSchedulerConfiguration (the first is at line ${manifests.locate(kscIndex, 'kind').line})`);
      kscIndex = i;
      return;
    }
    const name = isObj(o.metadata) ? o.metadata.name : undefined;
    const generateName = isObj(o.metadata) ? o.metadata.generateName : undefined;
    if ((typeof name !== 'string' || name === '') && typeof generateName === 'string' && generateName !== '') {
      // kubectl apply (apply.go) refuses an object with only a generateName before sending it.
      throw manifests.error(
        i,
        'metadata.generateName',
        `Invalid value: ${JSON.stringify(generateName)}: from ${generateName}: cannot use generate name with apply (a scenario's objects are created as kubectl apply creates them: give it a metadata.name)`,
      );
    }
    // A nameless object is no one's duplicate: validation below says it needs a name.
    const key = typeof name === 'string' && name !== '' ? identity(o) : undefined;
    const first = key === undefined ? undefined : seen.get(key);
    if (first !== undefined) {
      throw manifests.error(i, 'metadata.name', `Duplicate value: ${JSON.stringify(o.metadata.name)}: another ${o.kind} with this name is at line ${manifests.locate(first, 'metadata.name').line}`);
    }
    if (key !== undefined) seen.set(key, i);
    objects.push(o);
    objectIndex.push(i);
  });

  // The one feature gate that changes what the API server accepts (the value is checked below).
  const so = scenarioIndex >= 0 ? (all[scenarioIndex] as { spec?: unknown }) : undefined;
  const controlPlane = isObj(so?.spec) && isObj(so.spec.controlPlane) ? so.spec.controlPlane : undefined;
  const invalid = validateObjects(all, { maxUnavailableStatefulSet: controlPlane?.maxUnavailableStatefulSet === true });
  if (invalid.length > 0) throw manifests.error(invalid[0].index, invalid[0].field, invalid[0].message);

  const scenario: ScenarioInfo = { name: '', seed: 0, speed: 1, controlPlane: {} };
  const timeline: TimedCommand[] = [];
  if (scenarioIndex >= 0) {
    const so = all[scenarioIndex] as KubeObject & { spec?: unknown };
    const err = (field: string, message: string): ManifestError => manifests.error(scenarioIndex, field, message);
    scenario.name = so.metadata.name ?? '';
    const spec = so.spec ?? {};
    if (!isObj(spec)) throw err('spec', 'Invalid value: must be a mapping');
    for (const k of Object.keys(spec)) {
      if (!SPEC_FIELDS.includes(k)) throw err(`spec.${k}`, `unknown field "${k}" (fields: ${SPEC_FIELDS.join(', ')})`);
    }
    for (const k of ['title', 'description'] as const) {
      if (spec[k] !== undefined && spec[k] !== null) {
        if (typeof spec[k] !== 'string') throw err(`spec.${k}`, `Invalid value: ${showValue(spec[k])}: must be a string`);
        scenario[k] = spec[k] as string;
      }
    }
    if (spec.seed !== undefined && spec.seed !== null) {
      const s = spec.seed;
      if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s > 0xffffffff) {
        throw err('spec.seed', `Invalid value: ${showValue(s)}: must be a whole number from 0 to 4294967295`);
      }
      scenario.seed = s;
    }
    if (spec.speed !== undefined && spec.speed !== null) {
      const s = spec.speed;
      if (typeof s !== 'number' || !Number.isFinite(s) || s <= 0) throw err('spec.speed', `Invalid value: ${showValue(s)}: must be a number greater than 0`);
      scenario.speed = s;
    }
    try {
      scenario.controlPlane = parseControlPlaneOverrides(spec.controlPlane, 'spec.controlPlane');
    } catch (e) {
      if (!(e instanceof ControlPlaneConfigError)) throw e;
      const first = e.errors[0];
      const m = err(first.field, first.message);
      if (e.errors.length > 1) m.message += ` (and ${e.errors.length - 1} more: ${e.errors.slice(1).map((x) => `${x.field}: ${x.message}`).join('; ')})`;
      throw m;
    }
    if (spec.schedulerConfiguration !== undefined && spec.schedulerConfiguration !== null) {
      if (kscIndex >= 0) {
        throw err('spec.schedulerConfiguration', `Invalid value: the file also holds a KubeSchedulerConfiguration (line ${manifests.locate(kscIndex, 'kind').line}); keep one of them`);
      }
      checkSchedulerConfiguration(spec.schedulerConfiguration, (field, message) => err(`spec.schedulerConfiguration${field ? `.${field}` : ''}`, message));
      scenario.schedulerConfiguration = spec.schedulerConfiguration;
    }
    if (spec.timeline !== undefined && spec.timeline !== null) {
      if (!Array.isArray(spec.timeline)) throw err('spec.timeline', 'Invalid value: must be a list of commands');
      spec.timeline.forEach((entry: unknown, i: number) => timeline.push(readEntry(entry, i, err)));
    }
  }
  if (kscIndex >= 0) {
    checkSchedulerConfiguration(all[kscIndex], (field, message) => manifests.error(kscIndex, field, message));
    scenario.schedulerConfiguration = all[kscIndex];
  }
  return { objects, scenario, timeline };
}

function identity(o: KubeObject): string {
  const kind = o.kind ?? '';
  const ns = scopeOf(kind) === 'Cluster' ? '' : (o.metadata.namespace ?? (scopeOf(kind) === 'Namespaced' ? 'default' : ''));
  return `${kind}\u0000${ns}\u0000${o.metadata.name ?? ''}`;
}

function checkSchedulerConfiguration(raw: unknown, err: (field: string, message: string) => ManifestError): void {
  try {
    resolveConfig(raw, inTreeRegistry());
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const first = e.errors[0];
    const m = err(first.field, first.message);
    if (e.errors.length > 1) m.message += ` (and ${e.errors.length - 1} more: ${e.errors.slice(1).map((x) => `${x.field}: ${x.message}`).join('; ')})`;
    throw m;
  }
}

function readEntry(entry: unknown, i: number, err: (field: string, message: string) => ManifestError): TimedCommand {
  const path = `spec.timeline[${i}]`;
  if (!isObj(entry)) throw err(path, 'Invalid value: a timeline entry is a mapping with at, action and the command\'s fields');
  let at: number;
  if (entry.at === undefined || entry.at === null) throw err(`${path}.at`, 'Required value: when to run the command, as a duration from the start (e.g. 90s, 5m)');
  if (typeof entry.at === 'string') {
    try {
      at = parseDuration(entry.at);
    } catch (e) {
      throw err(`${path}.at`, `Invalid value: ${(e as Error).message}`);
    }
  } else if (entry.at === 0) at = 0;
  else throw err(`${path}.at`, `Invalid value: ${showValue(entry.at)}: must be a duration from the start such as "90s" or "5m"`);
  if (entry.afterDueWork !== undefined && typeof entry.afterDueWork !== 'boolean') {
    throw err(`${path}.afterDueWork`, `Invalid value: ${showValue(entry.afterDueWork)}: must be true or false`);
  }
  const checked = checkCommand(entry, path, { extraFields: ['at', 'afterDueWork'] });
  if (checked.errors.length > 0) {
    const first = checked.errors[0];
    throw err(first.field, first.message);
  }
  // The object an apply or addNode carries is judged when it runs, as the API server judges
  // `kubectl apply`: an object it would refuse fails that command alone, at its time (the run
  // prints kubectl's Invalid line and goes on). The file is refused only for what makes it
  // malformed as a file: the entry's own shape, checked above.
  return { ...yamlPatch(checked.command!), at, ...(entry.afterDueWork === true ? { afterDueWork: true } : {}) } as TimedCommand;
}

/**
 * kubectl patch's `-p` text may be YAML (kubectl converts it to JSON first): a patch string that is
 * not JSON but parses as a YAML mapping or list becomes that value; anything else is left for the
 * engine to refuse when the command runs (`unable to parse`).
 */
function yamlPatch(command: Command): Command {
  if (command.action !== 'patch' || typeof command.patch !== 'string') return command;
  try {
    JSON.parse(command.patch);
    return command;
  } catch {
    try {
      const v: unknown = parseYaml(command.patch);
      return v !== null && typeof v === 'object' ? { ...command, patch: v as Record<string, unknown> } : command;
    } catch {
      return command;
    }
  }
}
