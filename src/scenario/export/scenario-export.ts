/**
 * Export as a scenario: the cluster as it is now (every object, status included, and
 * the objects Podscape does not model, unchanged) plus the podscape.dev Scenario object
 * with the seed, speed, control-plane overrides, scheduler configuration and what is
 * left of the timeline, moved so that "now" becomes time 0. Importing the file gives
 * the same cluster: the same objects, uids, nodes and phases (resourceVersions aside,
 * which the API server assigns), and exporting that again writes the same file.
 */
import type { TimedCommand } from '../../engine/commands';
import type { KubeObject } from '../../engine/model/types';
import { SCENARIO_API_VERSION } from '../scenario';
import { toYamlStream } from './yaml-out';

export interface ScenarioExportInput {
  /** Every object of the session (exportState().objects). */
  objects: readonly KubeObject[];
  /** The Scenario object the session was loaded with, if any (its spec is kept, timeline aside). */
  scenarioObject?: KubeObject | null;
  /** Virtual ms now. */
  time: number;
  /** Timeline entries (at in virtual ms from the original start) that have not run yet. */
  pending?: readonly TimedCommand[];
  /** The speed the app plays at now. */
  speed?: number;
  /** The scheduler configuration in effect (kept when it came as a separate KubeSchedulerConfiguration). */
  schedulerConfiguration?: unknown;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Node heartbeat Leases are the kubelets' own: a loaded scenario creates them again. */
export function isNodeLease(o: KubeObject): boolean {
  return o.kind === 'Lease' && o.metadata?.namespace === 'kube-node-lease';
}

/** The store hands out its own resourceVersions on load, so the exported ones would only differ on the next export. */
function withoutResourceVersion(o: KubeObject): KubeObject {
  if (!isObj(o.metadata) || !('resourceVersion' in o.metadata)) return o;
  const metadata = { ...o.metadata };
  delete metadata.resourceVersion;
  return { ...o, metadata };
}

/** A duration in the scenario format: `90s`, `1500ms`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** The scenario file for the session. */
export function exportScenario(input: ScenarioExportInput): string {
  const source = input.scenarioObject;
  const sourceSpec = (source as { spec?: unknown } | null | undefined)?.spec;
  const spec: Record<string, unknown> = isObj(sourceSpec) ? { ...sourceSpec } : {};
  delete spec.timeline;
  if (input.schedulerConfiguration !== undefined && spec.schedulerConfiguration === undefined) spec.schedulerConfiguration = input.schedulerConfiguration;
  if (input.speed !== undefined) spec.speed = input.speed;
  const timeline = (input.pending ?? [])
    .filter((t) => t.at > input.time)
    .map((t) => {
      const { at, ...command } = t;
      return { at: formatDuration(at - input.time), ...command };
    });
  if (timeline.length > 0) spec.timeline = timeline;
  const metadata = isObj(source?.metadata) ? { ...source.metadata } : { name: 'exported' };
  if (!metadata.name) metadata.name = 'exported';
  const scenario = { apiVersion: SCENARIO_API_VERSION, kind: 'Scenario', metadata, spec };
  const objects = input.objects.filter((o) => !isNodeLease(o) && o.kind !== 'Scenario' && o.kind !== 'KubeSchedulerConfiguration').map(withoutResourceVersion);
  return toYamlStream([scenario, ...objects], 'Exported from Podscape: load it with Import, or run it with `podscape run`.');
}
