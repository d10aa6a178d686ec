/**
 * The kinds a Kubernetes API server serves in each built-in group and version, as
 * `kubectl apply` would check them before sending anything (the CLI, the import and the
 * editor all read scenarios through readScenario, which asks this first): an object whose apiVersion
 * names a built-in group but a kind (or version) that group does not serve is refused
 * with kubectl's words, `no matches for kind "<kind>" in version "<apiVersion>"`. Groups
 * this table does not know (custom resources) are left alone: a real cluster may have
 * their CRDs. Podscape's own kinds (Scenario, KubeSchedulerConfiguration) are accepted.
 */
import { unservedKind } from '../engine/model/served-kinds';
import type { Manifests } from './parse';

export { unservedKind };

/**
 * The built-in apiVersion of each kind the simulation gives behaviour to. The store tells
 * objects apart by kind alone, so a custom resource of the same name in another group (a
 * Volcano `batch.volcano.sh` Job, a Cluster API Node …) would be simulated (and validated)
 * as the built-in kind: such an object is refused instead. Custom resources named like a
 * kind Podscape only carries along (a Knative Service) stay carried, as before.
 */
const SIMULATED: Readonly<Record<string, string>> = {
  Node: 'v1',
  Pod: 'v1',
  Namespace: 'v1',
  PersistentVolumeClaim: 'v1',
  PersistentVolume: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  Job: 'batch/v1',
  PodDisruptionBudget: 'policy/v1',
  PriorityClass: 'scheduling.k8s.io/v1',
  Lease: 'coordination.k8s.io/v1',
  StorageClass: 'storage.k8s.io/v1',
};

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');

/** Throws the located ManifestError for the first object kubectl would refuse for its kind, or that Podscape would take for a built-in kind. */
export function checkKinds(manifests: Manifests): void {
  manifests.objects.forEach((o, i) => {
    if (typeof o.kind !== 'string') return;
    const apiVersion = (o as { apiVersion?: unknown }).apiVersion;
    const why = unservedKind(apiVersion, o.kind);
    if (why !== undefined) throw manifests.error(i, 'kind', `Invalid value: "${o.kind}": ${why}`);
    const builtIn = Object.hasOwn(SIMULATED, o.kind) ? SIMULATED[o.kind] : undefined;
    if (builtIn !== undefined && typeof apiVersion === 'string' && apiVersion !== '' && groupOf(apiVersion) !== groupOf(builtIn)) {
      throw manifests.error(
        i,
        'kind',
        `Invalid value: "${o.kind}": this ${o.kind} of "${apiVersion}" is a custom resource, not the ${builtIn} ${o.kind} that Podscape simulates; Podscape tells objects apart by kind alone, so leave it out of the import`,
      );
    }
  });
}
