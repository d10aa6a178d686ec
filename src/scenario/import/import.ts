/**
 * Import: Kubernetes YAML or JSON as `kubectl get nodes,pods,deploy,ds,sts,jobs,pdb -A
 * -o yaml` prints it (a `kind: List`, a multi-document stream, or one object), status,
 * managedFields and ownerReferences included, read into a scenario. Objects of kinds
 * Podscape does not model (Service, ConfigMap, Ingress, custom resources …) are kept as
 * they are, carried through the session and written back on export; the import lists
 * them so the user knows they have no effect on the simulation.
 *
 * Errors are ManifestErrors (file, line, column, field); `locateInStream` (locate.ts)
 * names the document (and List item) a line belongs to, for messages shown next to the text.
 */
import type { KubeObject } from '../../engine/model/types';
import { unknownFields, withUnknownFields, type UnknownField } from '../fields/unknown-fields';
import { ManifestError, parseManifests, type Manifests, type ParseCheckpoint } from '../parse';
import { readScenario, type LoadedScenario } from '../scenario';

/** Kinds the simulation gives behaviour to (the others are carried along unchanged). */
export const MODELLED_KINDS: ReadonlySet<string> = new Set([
  'Node',
  'Pod',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'PriorityClass',
  'Namespace',
  'ResourceQuota',
  'LimitRange',
  'Lease',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'StorageClass',
  'Scenario',
  'KubeSchedulerConfiguration',
]);

/** A kind in the input that the simulation keeps but does not model. */
export interface UnsupportedKind {
  apiVersion: string;
  kind: string;
  /** `namespace/name` (or `name` for cluster-scoped objects), in input order. */
  names: string[];
}

export interface ImportResult {
  manifests: Manifests;
  scenario: LoadedScenario;
  unsupported: UnsupportedKind[];
  /** Fields the real API schema does not have (kubectl apply would refuse their objects): kept, and reported. */
  unknownFields: UnknownField[];
  /** How many unknown fields there are in all (unknownFields stops at MAX_UNKNOWN_FIELDS). */
  unknownFieldCount: number;
}

/**
 * Parses and validates an import; throws ManifestError naming the line and field at fault.
 * `checkpoint` is called as the text is read (parse.ts ParseCheckpoint).
 */
export function importScenario(text: string, file = 'imported.yaml', checkpoint?: ParseCheckpoint): ImportResult {
  const manifests = parseManifests(text, file, checkpoint);
  const tally = { total: 0 };
  const unknown = unknownFields(manifests, tally);
  let scenario: LoadedScenario;
  try {
    scenario = readScenario(manifests);
  } catch (e) {
    throw e instanceof ManifestError ? withUnknownFields(e, unknown) : e;
  }
  return { manifests, scenario, unsupported: unsupportedKinds(manifests.objects), unknownFields: unknown, unknownFieldCount: tally.total };
}


/** The objects of kinds the simulation does not model, grouped by apiVersion and kind in first-seen order. */
export function unsupportedKinds(objects: readonly KubeObject[]): UnsupportedKind[] {
  const groups = new Map<string, UnsupportedKind>();
  for (const o of objects) {
    const kind = o.kind ?? '';
    if (MODELLED_KINDS.has(kind)) continue;
    const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
    const key = `${apiVersion}\u0000${kind}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { apiVersion, kind, names: [] }));
    const ns = o.metadata?.namespace;
    g.names.push(`${ns ? `${ns}/` : ''}${o.metadata?.name ?? ''}`);
  }
  return [...groups.values()];
}

export { describeImportError, locateInStream, type StreamLocation } from './locate';
