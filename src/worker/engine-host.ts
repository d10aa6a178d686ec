/**
 * The engine host: owns the engine on whichever thread runs it (for now the main
 * thread, through ui/bridge/in-process-client.ts; later a worker). Testable in Node.
 *
 * This first version loads a scenario and schedules every pending pod once.
 */
import { scheduleObjects, validateObjects } from '../engine/index';
import type { ClusterView } from '../protocol/engine-api';
import { parseManifests, type Manifests } from '../scenario/parse';
import { buildClusterView } from './cluster-view';

export interface EngineHost {
  /**
   * Parses `yamlText` (a scenario: Kubernetes YAML plus an optional podscape.dev
   * Scenario object), schedules its pending pods and returns the resulting view.
   * Throws the scenario layer's ManifestError (file:line:column: field: message).
   */
  load(yamlText: string, file?: string): ClusterView;
  /** The view from the last successful load, or null before one. */
  snapshot(): ClusterView | null;
}

export function createEngineHost(): EngineHost {
  let last: ClusterView | null = null;
  return {
    load(yamlText, file = 'scenario.yaml') {
      const manifests = parseManifests(yamlText, file);
      const [invalid] = validateObjects(manifests.objects);
      if (invalid) throw manifests.error(invalid.index, invalid.field, invalid.message);
      const { pods } = scheduleObjects(manifests.objects, { ...scenarioOptions(manifests), explain: false });
      last = buildClusterView(manifests.objects, pods);
      return last;
    },
    snapshot: () => last,
  };
}

/** Seed and scheduler configuration from the scenario's podscape.dev Scenario object. */
function scenarioOptions(manifests: Manifests): { seed?: number; config?: unknown } {
  const index = manifests.objects.findIndex((o) => o.kind === 'Scenario');
  if (index < 0) return {};
  const spec = (manifests.objects[index].spec ?? {}) as { seed?: unknown; schedulerConfiguration?: unknown };
  if (spec.seed !== undefined && !(typeof spec.seed === 'number' && Number.isInteger(spec.seed) && spec.seed >= 0)) {
    throw manifests.error(index, 'spec.seed', `Invalid value: ${JSON.stringify(spec.seed)}: must be a whole number`);
  }
  return {
    ...(spec.seed !== undefined ? { seed: spec.seed } : {}),
    ...(spec.schedulerConfiguration !== undefined ? { config: spec.schedulerConfiguration } : {}),
  };
}
