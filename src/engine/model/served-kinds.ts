/**
 * The kinds a Kubernetes API server serves in each built-in group and version, as kubectl's
 * REST mapper knows them: an object whose apiVersion names a built-in group but a kind (or
 * version) that group does not serve is refused with `no matches for kind "<kind>" in version
 * "<apiVersion>"` (meta.NoKindMatchError). Groups this table does not know (custom resources)
 * are left alone: a real cluster may have their CRDs. Podscape's own kinds (Scenario,
 * KubeSchedulerConfiguration) are accepted. Read by the scenario loader (src/scenario/kinds.ts)
 * and by `apply`.
 */

const SERVED: Record<string, readonly string[]> = {
  v1: [
    'Binding', 'ComponentStatus', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'List', 'Namespace', 'Node',
    'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota',
    'Secret', 'Service', 'ServiceAccount',
  ],
  'apps/v1': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'batch/v1': ['CronJob', 'Job'],
  'policy/v1': ['Eviction', 'PodDisruptionBudget'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'coordination.k8s.io/v1': ['Lease'],
  'storage.k8s.io/v1': ['CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment', 'VolumeAttributesClass'],
  'networking.k8s.io/v1': ['IPAddress', 'Ingress', 'IngressClass', 'NetworkPolicy', 'ServiceCIDR'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'events.k8s.io/v1': ['Event'],
  'autoscaling/v1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'admissionregistration.k8s.io/v1': ['MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'flowcontrol.apiserver.k8s.io/v1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'apiregistration.k8s.io/v1': ['APIService'],
  'podscape.dev/v1alpha1': ['Scenario'],
  'kubescheduler.config.k8s.io/v1': ['KubeSchedulerConfiguration'],
};

/** Built-in groups (the part of apiVersion before the slash; '' for the core group), including retired ones. */
const GROUPS = new Set([...Object.keys(SERVED).map((v) => (v.includes('/') ? v.slice(0, v.indexOf('/')) : '')), 'extensions']);

/** Why kubectl would refuse this apiVersion/kind pair, or undefined when it would not. */
export function unservedKind(apiVersion: unknown, kind: string): string | undefined {
  if (typeof apiVersion !== 'string' || apiVersion === '') return undefined;
  // Podscape's own kinds: their readers check the apiVersion with a more specific message.
  if (kind === 'Scenario' || kind === 'KubeSchedulerConfiguration') return undefined;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  if (!GROUPS.has(group)) return undefined;
  if (SERVED[apiVersion]?.includes(kind)) return undefined;
  return `no matches for kind "${kind}" in version "${apiVersion}"`;
}

/** Every kind a built-in group serves (any version). */
const BUILT_IN_KINDS: ReadonlySet<string> = new Set(Object.values(SERVED).flat());

/** Whether an object of this apiVersion (absent: judged by kind alone) and kind is a built-in resource, not a custom one. */
export function isBuiltInKind(apiVersion: unknown, kind: string): boolean {
  if (typeof apiVersion === 'string' && apiVersion !== '') {
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    if (!GROUPS.has(group)) return false;
  }
  return BUILT_IN_KINDS.has(kind);
}

/**
 * The built-in apiVersion of each kind the simulation gives behaviour to. The store tells
 * objects apart by kind alone, so a custom resource of the same name in another group (a
 * Volcano `batch.volcano.sh` Job, a Cluster API Node …) would be simulated (and validated) as
 * the built-in kind: the scenario loader and apply refuse such an object. Custom resources
 * named like a kind Podscape only carries along (a Knative Service) stay carried.
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

/** Why an object of a custom group cannot stand next to the built-in kind of its name (`this Job of "x/v1" is …`), or undefined. */
export function simulatedLookalike(apiVersion: unknown, kind: string): string | undefined {
  const builtIn = Object.hasOwn(SIMULATED, kind) ? SIMULATED[kind] : undefined;
  if (builtIn === undefined || typeof apiVersion !== 'string' || apiVersion === '' || groupOf(apiVersion) === groupOf(builtIn)) return undefined;
  return `this ${kind} of "${apiVersion}" is a custom resource, not the ${builtIn} ${kind} that Podscape simulates; Podscape tells objects apart by kind alone`;
}
